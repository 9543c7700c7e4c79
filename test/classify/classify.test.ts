import { loadKnowledge } from '../../src/kb/load';
import { classifyParsed } from '../../src/classify';
import { parsePaste } from '../../src/parse';

const kb = loadKnowledge();
const classify = (text: string) => classifyParsed(parsePaste(text), kb);

test('scores are probabilities: in 0..1, families sorted best first, summing with unknown to 1', () => {
  const r = classify("Login failed for user 'web'. Reason: Password did not match that for the login provided.");
  const total = r.families.reduce((a, f) => a + f.score, 0) + r.unknownScore;
  expect(total).toBeCloseTo(1, 6);
  for (let i = 1; i < r.families.length; i++) expect(r.families[i - 1].score).toBeGreaterThanOrEqual(r.families[i].score);
  expect(r.families[0].id).toBe('login-failed');
});

test('the login state picks the cause: state 58 means SQL authentication is off', () => {
  const r = classify("Msg 18456, Level 14, State 1\nLogin failed for user 'report'. Reason: An attempt to login using SQL authentication failed. Server is configured for Windows authentication only. [CLIENT: 10.0.0.5] State 58");
  expect(r.causes[0].id).toBe('login-sql-auth-disabled');
});

test('a SQL error that has nothing to do with connecting ranks not-connectivity first', () => {
  const r = classify('Msg 1205, Level 13, State 51, Line 3\nTransaction (Process ID 72) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.');
  expect(r.families[0].id).toBe('not-connectivity');
  expect(r.unknown).toBe(false);
});

test('chat that matches nothing is unknown, not a confident guess', () => {
  const r = classify('thanks, that worked! see you tomorrow');
  expect(r.unknown).toBe(true);
});

test('the same text scores the same every time (pure function)', () => {
  const text = 'Connection Timeout Expired. The timeout period elapsed during the post-login phase.';
  expect(classify(text).families).toEqual(classify(text).families);
});
