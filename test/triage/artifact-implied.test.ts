/**
 * Artifacts answer follow-up questions through the engine's implied-answer mechanism (answeredBy with
 * signals): the ERRORLOG's 18456 reason answers login-reason, what it logged answers server-log, its banner
 * answers server-os and sql-build; such a question is never asked, and an explicit answer replaces it.
 */
import { loadKnowledge } from '../../src/kb/load';
import { addAnswer, addPaste, diagnose, nextStep, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';
import { ERRORLOG_LINES, ERRORS, sample, SCHANNEL_LINES } from './artifact-samples';

const kb = loadKnowledge();

function caseOf(...pastes: string[]): Case {
  let c = openCase({ id: 'A1' });
  for (const p of pastes) c = addPaste(c, p, kb).case;
  return c;
}

const implied = (c: Case) => Object.fromEntries(c.evidence.flatMap((e) => (e.kind === 'answer' && e.implied ? [[e.question, e.option]] : [])));

function neverAsked(c: Case, question: string): void {
  let cur = c;
  for (let i = 0; i < 15; i++) {
    const step = nextStep(cur, kb);
    if (step.kind !== 'question') return;
    expect(step.question.id).not.toBe(question);
    cur = addAnswer(cur, step.question.id, 'unsure', kb);
  }
}

test.each([
  ['errorlog-logins.txt', 'password-mismatch', 'login-wrong-password'],
  ['errorlog-login-states.txt', 'login-not-found', 'login-user-not-found'],
  ['errorlog-windows-only.txt', 'windows-only', 'login-sql-auth-disabled'],
])("the ERRORLOG's 18456 in %s answers login-reason with %s, and %s leads", (file, option, cause) => {
  const c = caseOf(ERRORS.login, sample(file));
  expect(implied(c)).toMatchObject({ 'login-reason': option, 'server-log': 'login-failed' });
  expect(rankCase(c, kb).causes[0].id).toBe(cause);
  expect(diagnose(c, kb).fromPaste.map((t) => t.question)).toContain('login-reason');
  neverAsked(c, 'login-reason');
});

test('an ERRORLOG excerpt alone (no client error) answers the question too', () => {
  const c = caseOf(ERRORLOG_LINES.passwordExpired);
  expect(implied(c)['login-reason']).toBe('password-expired');
});

test('the user can still correct an answer an artifact implied', () => {
  const c = addAnswer(caseOf(ERRORS.login, sample('errorlog-logins.txt')), 'login-reason', 'login-disabled', kb);
  const answers = c.evidence.filter((e) => e.kind === 'answer' && e.question === 'login-reason');
  expect(answers).toEqual([expect.objectContaining({ option: 'login-disabled' })]);
  expect(answers[0]).not.toHaveProperty('implied', true);
});

test.each([
  [sample('errorlog-trigger.txt'), 'logon-trigger'],
  [sample('errorlog-sspi.txt'), 'sspi-handshake'],
  [sample('schannel-36874-eventviewer.txt'), 'schannel'],
  [SCHANNEL_LINES.alert40, 'schannel'],
  [sample('errorlog-offline.txt'), 'db-state'],
  [sample('errorlog-resources.txt'), 'resource-errors'],
  [sample('errorlog-self-generated-1434.txt'), 'not-listening'],
  [sample('errorlog-express-pipes-only.txt'), 'not-listening'],
])('what the server logged answers server-log (%#: %s)', (artifact, option) => {
  const c = caseOf(ERRORS.refused, artifact);
  expect(implied(c)['server-log']).toBe(option);
  neverAsked(c, 'server-log');
});

test('database options in the ERRORLOG answer db-state', () => {
  expect(implied(caseOf(ERRORS.dbOpen, sample('errorlog-db-options.txt')))['db-state']).toBe('single-user');
  expect(implied(caseOf(ERRORS.dbOpen, sample('errorlog-offline.txt')))['db-state']).toBe('offline');
  expect(implied(caseOf(ERRORS.dbOpen, ERRORLOG_LINES.restoring))['db-state']).toBe('recovering');
});

test("the ERRORLOG banner answers server-os and sql-build", () => {
  expect(implied(caseOf(ERRORS.forciblyClosed, sample('errorlog-2019-startup.txt')))).toMatchObject({ 'server-os': 'win-2016-plus', 'sql-build': '2016-2019' });
  expect(implied(caseOf(ERRORS.forciblyClosed, sample('errorlog-self-generated-1434.txt')))['server-os']).toBe('win-2012');
  expect(implied(caseOf(ERRORS.forciblyClosed, sample('errorlog-linux.txt')))).toMatchObject({ 'server-os': 'linux', 'sql-build': '2022-plus' });
});
