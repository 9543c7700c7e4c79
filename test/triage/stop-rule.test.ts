/**
 * The stop rule: a clear leader ends the dialog only when no question left could put a runner-up
 * first. A question that tells the leader from its runner-up is still asked.
 */
import { loadKnowledge, type Knowledge } from '../../src/kb/load';
import type { Question } from '../../src/kb/types';
import { addAnswer, addPaste, expectedTopGain, nextStep, openCase, rankCase } from '../../src/triage';
import { scoreCase } from '../../src/triage/rank';

const kb = loadKnowledge();

// A JDBC client that does not trust the server's certificate: the driver cannot tell a self-signed
// certificate from one issued by a CA the client lacks, so the paste leaves both open.
const PKIX =
  'com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. ' +
  'Error: "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target". ClientConnectionId:5b2a9d0e-1c44-4a7e-9e0b-2f6f0c1d7a11';

/** A question that separates the two certificate causes (as the knowledge base's expert questions do). */
const ISSUER: Question = {
  id: 'test-cert-issuer',
  text: 'Who issued the certificate SQL Server presents?',
  options: [
    { id: 'self', label: 'SQL Server generated it (self-signed)', effects: [{ cause: 'cert-self-signed-untrusted', weight: 3 }, { cause: 'cert-private-ca-untrusted', weight: -3 }] },
    { id: 'company-ca', label: 'Our company CA', effects: [{ cause: 'cert-private-ca-untrusted', weight: 3 }, { cause: 'cert-self-signed-untrusted', weight: -3 }] },
    { id: 'unsure', label: 'Not sure / skip', effects: [] },
  ],
};

/** The knowledge base with only the given questions (the paste's implied answers stay answerable). */
function withQuestions(questions: Question[]): Knowledge {
  return { ...kb, kb: { ...kb.kb, questions }, question: new Map(questions.map((q) => [q.id, q])) };
}

const driver = kb.question.get('driver')!;

test('with a clear leader and no question that could change it, the engine stops on the leader', () => {
  const only = withQuestions([driver]);
  const c = addPaste(openCase({ id: 'S1' }), PKIX, only).case;
  const { posterior } = scoreCase(c, only);
  expect(posterior[0].id).toBe('cert-private-ca-untrusted');
  expect(posterior[0].score).toBeGreaterThan(0.75);
  expect(nextStep(c, only)).toEqual(expect.objectContaining({ kind: 'done', reason: 'leader' }));
});

test('a leader above the bar still gets the question that tells it from its runner-up, and the answer can overturn it', () => {
  const withIssuer = withQuestions([driver, ISSUER]);
  const c = addPaste(openCase({ id: 'S2' }), PKIX, withIssuer).case;
  const { posterior } = scoreCase(c, withIssuer);
  expect(posterior[0].score).toBeGreaterThan(0.75);
  const step = nextStep(c, withIssuer);
  expect(step.kind === 'question' && step.question.id).toBe('test-cert-issuer');
  const answered = addAnswer(c, 'test-cert-issuer', 'self', withIssuer);
  expect(rankCase(answered, withIssuer).causes[0].id).toBe('cert-self-signed-untrusted');
});

test('expected top-1 gain is 0 when no answer changes the leader, and grows with the runner-up the answer can promote', () => {
  const causes = [
    { id: 'cert-private-ca-untrusted', p: 0.8 },
    { id: 'cert-self-signed-untrusted', p: 0.2 },
  ];
  const blind: Question = { ...ISSUER, options: ISSUER.options.map((o) => ({ ...o, effects: o.effects.map((e) => ({ ...e, cause: 'tls-no-common-protocol' })) })) };
  expect(expectedTopGain(blind, causes)).toBeCloseTo(0, 10);
  const gain = expectedTopGain(ISSUER, causes);
  expect(gain).toBeGreaterThan(0.15);
  expect(gain).toBeLessThanOrEqual(0.2 + 1e-9);
});
