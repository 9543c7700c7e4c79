/** Messages the renderers are checked against: a diagnosis as the engine would shape it, and a question. */
import type { Question } from '../../../src/kb/types';
import { diagnosisMessage, doneMessage, DiagnosisView, questionMessage } from '../../../src/bot/messages/triage-messages';
import type { Message } from '../../../src/bot/messages/model';

export const diagnosis: DiagnosisView = {
  unknown: false,
  family: { id: 'certificate-untrusted', title: 'Server certificate not trusted', score: 0.91 },
  causes: [
    {
      id: 'cert-self-signed',
      title: 'Self-signed certificate with Encrypt=True',
      score: 0.62,
      summary: 'The driver validates the certificate and the server presents one it generated itself.',
      checks: ['Look at the certificate the server presents: issuer equals subject?', 'Does the connection string say TrustServerCertificate=False?'],
      fixes: [
        { text: 'Install a certificate from a trusted CA on the server' },
        {
          text: 'For a test box only: TrustServerCertificate=True',
          weakens: 'security',
          risk: 'The client no longer checks who it is talking to: anyone on the path can pose as the server.',
          temporary: true,
        },
      ],
      source: { title: 'TLS and certificates for SQL Server', url: 'https://learn.microsoft.com/sql/example', section: 'Self-signed' },
    },
    {
      id: 'cert-name-mismatch',
      title: 'Host name does not match the certificate (a *wildcard* & <alias>)',
      score: 0.21,
      summary: 'Connecting by an alias or IP that is not in the certificate subject.',
      checks: ['Compare the server name in the connection string with the certificate SAN list'],
      fixes: [{ text: 'Connect with the name the certificate carries' }],
      source: { title: 'TLS and certificates for SQL Server', url: 'https://learn.microsoft.com/sql/example' },
    },
  ],
  changes: [],
  fromPaste: [],
};

export const question: Question = {
  id: 'q-encrypt-setting',
  text: 'What does the connection string say about Encrypt?',
  why: 'Newer drivers encrypt by default, older ones do not.',
  options: [
    { id: 'true', label: 'Encrypt=True or Mandatory', effects: [] },
    { id: 'false', label: 'Encrypt=False', effects: [] },
    { id: 'unknown', label: 'Not set / not sure', effects: [] },
  ],
};

export const samples: Record<string, Message> = {
  diagnosis: diagnosisMessage(diagnosis, { kind: 'error', redactions: 1 }),
  question: questionMessage(question),
  done: doneMessage('leader', ['probe', 'sqlcheck', 'escalate'], diagnosis),
  code: { blocks: [{ kind: 'facts', facts: [{ label: 'Error', value: '18456' }, { label: 'State', value: '38' }] }, { kind: 'code', text: 'Login failed for user \'app\'.\n```nested fence```' }, { kind: 'divider' }], actions: [] },
};
