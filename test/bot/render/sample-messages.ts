/** Messages the renderers are checked against: each kind of neutral message the bot sends. */
import type { Question } from '../../../src/kb/types';
import { diagnosisBlocks, doneMessage, DiagnosisView, detailsMessage, questionMessage, resolveQuestionMessage, noticeMessage } from '../../../src/messages/triage-messages';
import { findingsMessage } from '../../../src/messages/findings';
import { initialSteps, probeProgressMessage, probeRefusedMessage, withStep } from '../../../src/messages/probe-messages';
import type { Message } from '../../../src/messages/model';

export const CASE = 'ST-20261129-ABC123';

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
        { text: 'Set TrustServerCertificate=True while the certificate is replaced', weakens: 'security', risk: 'The client no longer checks the server identity.', temporary: true },
      ],
      source: { title: 'TLS and certificates for SQL Server', url: 'https://learn.microsoft.com/sql/example', section: 'Self-signed' },
    },
    {
      id: 'cert-name-mismatch',
      title: 'Host name does not match the certificate (a *wildcard* & <alias>)',
      score: 0.004,
      summary: 'Connecting by an alias or IP that is not in the certificate subject.',
      checks: ['Compare the server name in the connection string with the certificate SAN list'],
      fixes: [{ text: 'Connect with the name the certificate carries' }],
      source: { title: 'TLS and certificates for SQL Server', url: 'https://learn.microsoft.com/sql/example' },
    },
  ],
  changes: [],
  fromPaste: [{ text: 'Which driver does the failing application use?', label: 'Microsoft.Data.SqlClient (.NET)' }],
};

export const question: Question = {
  id: 'q-encrypt-setting',
  text: 'What does the connection string say about Encrypt?',
  why: 'Newer drivers encrypt by default, older ones do not.',
  options: [
    { id: 'true', label: 'Encrypt=True or Mandatory', effects: [] },
    { id: 'false', label: 'Encrypt=False', effects: [] },
    { id: 'unsure', label: 'Not sure / skip', effects: [] },
  ],
};

/** Nine options, some with long labels: the question that lost four buttons on the local page. */
export const driverQuestion: Question = {
  id: 'driver',
  text: 'Which driver or client library does the failing application use?',
  options: [
    { id: 'sqlclient', label: 'Microsoft.Data.SqlClient (.NET)', effects: [] },
    { id: 'system-data', label: 'System.Data.SqlClient (.NET Framework)', effects: [] },
    { id: 'odbc', label: 'ODBC Driver 17 or 18 for SQL Server', effects: [] },
    { id: 'oledb', label: 'OLE DB Driver (MSOLEDBSQL)', effects: [] },
    { id: 'jdbc', label: 'Microsoft JDBC driver', effects: [] },
    { id: 'node', label: 'Node.js', effects: [] },
    { id: 'python', label: 'Python', effects: [] },
    { id: 'changed-long', label: 'Windows patches, TLS hardening or a security policy pushed by the domain administrators last weekend', effects: [] },
    { id: 'other', label: 'Something else', effects: [] },
    { id: 'unsure', label: 'Not sure / skip', effects: [] },
  ],
};

const tag = { case: CASE };

export const samples: Record<string, Message> = {
  diagnosis: questionMessage(question, tag, diagnosisBlocks(diagnosis, { kind: 'error', redactions: 1, taken: ['OS error 10054', 'provider TCP Provider', 'server db01, port 1433'] }, tag)),
  question: questionMessage(question, tag),
  'question-many': questionMessage(driverQuestion, tag),
  done: doneMessage('leader', ['probe', 'sqlcheck', 'escalate'], diagnosis, tag),
  details: detailsMessage(diagnosis.causes[0]),
  resolve: resolveQuestionMessage(diagnosis, CASE),
  notice: noticeMessage(`That button belongs to case ${CASE}, which is escalated, so it is frozen. Nothing changed.`),
  findings: findingsMessage([
    {
      id: 'ev1',
      kind: 'sqlcheck',
      at: '2026-11-29T08:00:00.000Z',
      computer: 'APP01',
      role: 'client',
      redactions: 0,
      findings: [
        { id: 'TLS_CLIENT_TLS12_DISABLED', severity: 'high', summary: 'TLS 1.2 is disabled for the client', evidence: ['HKLM\\SYSTEM\\...\\TLS 1.2\\Client Enabled = 0'] },
        { id: 'ALIAS_PORT_MISMATCH', severity: 'medium', summary: 'An alias points at port 1533 <not 1433>', evidence: ['Alias db01 = tcp:db01,1533'] },
        { id: 'OS_VERSION', severity: 'info', summary: 'Windows Server 2016', evidence: [] },
      ],
    },
  ]),
  progress: probeProgressMessage('sql-loop', withStep(withStep(initialSteps(), 'dns', 'ok', '2 ms'), 'tcp', 'failed', 'refused'), 'Running…'),
  'probe-refused': probeRefusedMessage('sql-loop', 'You are not allowed to run probes here.', { user: '29:1abcUSER', channel: '19:general@thread.tacv2' }),
  code: { blocks: [{ kind: 'facts', facts: [{ label: 'Error', value: '18456' }, { label: 'State', value: '38' }] }, { kind: 'code', text: 'Login failed for user \'app\'.\n```nested fence```' }, { kind: 'divider' }], actions: [] },
};
