/**
 * The stop rule: a clear leader ends the dialog only when no question left could put a runner-up
 * first. A question that tells the leader from its runner-up is still asked.
 */
import { loadKnowledge, type Knowledge } from '../../src/kb/load';
import type { Question } from '../../src/kb/types';
import { addAnswer, addPaste, expectedTopGain, nextStep, openCase, rankCase } from '../../src/triage';
import { scoreCase } from '../../src/triage/rank';

const kb = loadKnowledge();

// A Node client that cannot verify the server's certificate chain: OpenSSL's wording points at a CA the
// client lacks, though a self-signed certificate is not ruled out. (Java's PKIX error leaves the two
// nearly level since JDBC 10.2 validates by default, so it no longer makes a clear leader.)
const PKIX =
  'ConnectionError: Failed to connect to sqlprod01.corp.contoso.test:1433 - unable to verify the first certificate\n' +
  '    at Connection.socketError (/app/node_modules/tedious/lib/connection.js:1412:28)';

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
