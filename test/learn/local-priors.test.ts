/**
 * Measured: closed cases of this deployment move the ranking of a new paste, through the real store
 * and the real engine. 100 confirmed DHE cases put the DHE leading-zero cause first for a DHE-shaped
 * 10054 paste where the knowledge base's priors rank it lower; with learning off nothing changes;
 * 3 cases move it by less than the bound stated here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { knowledge } from '../dialogs/harness';
import { openStore } from '../../src/store';
import { addPaste, openCase, rankCase } from '../../src/triage';
import type { Knowledge } from '../../src/kb/compiled';
import type { Case } from '../../src/triage/types';
import { learnFromCases } from '../../src/learn/apply';
import { LiveKnowledge } from '../../src/learn/live-knowledge';
import { LEARNING } from '../../src/learn/settings';
import { dhePaste, generateCases, LOGIN_PASTE } from './generated-cases';

const DHE = 'tls-dhe-leading-zero';
/** 3 confirmed cases raise the DHE cause's score on the paste by less than this (absolute, 0..1) ... */
const THREE_CASES_SCORE_BOUND = 0.05;
/** ... and its prior within the family by less than this factor. */
const THREE_CASES_PRIOR_FACTOR = 1.7;

const kb = knowledge();
const START = new Date('2026-06-01T08:00:00Z');

function rankOf(k: Knowledge, text: string): { rank: number; score: number; leader: string } {
  const c = addPaste(openCase({ id: 'new', now: new Date('2026-11-01T00:00:00Z') }), text, k).case;
  const causes = rankCase(c, k).causes;
  const i = causes.findIndex((x) => x.id === DHE);
  return { rank: i + 1, score: causes[i].score, leader: causes[0].id };
}

async function throughStore(cases: Case[], enabled = true): Promise<Knowledge> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-learn-'));
  try {
    const store = await openStore({ dir });
    for (const c of cases) await store.cases.put(c);
    const live = new LiveKnowledge(kb, store.cases, { enabled });
    await live.start();
    live.stop();
    await store.close();
    return live.current();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const PASTE = dhePaste(9999);
const before = rankOf(kb, PASTE);
// Other teams' business in the same store: login failures closed with their own cause.
const others = generateCases(kb, { idPrefix: 'ST-LOGIN', paste: LOGIN_PASTE, cause: 'login-wrong-password', count: 20, start: START });

test('with the default priors the DHE cause is not first for a DHE-shaped 10054 paste', () => {
  expect(before.rank).toBeGreaterThan(1);
});

test('after 100 confirmed DHE cases (read from the store) the same paste ranks the DHE cause first', async () => {
  const dhe = generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: DHE, count: 100, start: START });
  const learned = await throughStore([...dhe, ...others]);
  const after = rankOf(learned, PASTE);
  expect(after).toMatchObject({ rank: 1, leader: DHE });
  expect(after.score).toBeGreaterThan(before.score * 3);
});

test('with learning off the ranking is the knowledge base\'s, however many cases are closed', async () => {
  const dhe = generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: DHE, count: 100, start: START });
  const off = await throughStore([...dhe, ...others], false);
  expect(off).toBe(kb);
  const c = addPaste(openCase({ id: 'new', now: START }), PASTE, off).case;
  const k = addPaste(openCase({ id: 'new', now: START }), PASTE, kb).case;
  expect(rankCase(c, off).causes).toEqual(rankCase(k, kb).causes);
  expect(learnFromCases(dhe, kb, { enabled: false })).toBe(kb);
});

test(`3 confirmed DHE cases move it by less than ${THREE_CASES_SCORE_BOUND * 100} points and its prior by less than x${THREE_CASES_PRIOR_FACTOR}`, async () => {
  const three = generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: DHE, count: 3, start: START });
  const learned = await throughStore([...three, ...others]);
  const after = rankOf(learned, PASTE);
  expect(after.score).toBeGreaterThan(before.score);
  expect(after.score - before.score).toBeLessThan(THREE_CASES_SCORE_BOUND);
  expect(after.rank).toBeGreaterThan(1);
  const dheCause = (k: Knowledge) => k.cause.get(DHE)!.prior / k.causesOf.get('tls-handshake-failure')!.reduce((a, c) => a + c.prior, 0);
  expect(dheCause(learned) / dheCause(kb)).toBeLessThan(THREE_CASES_PRIOR_FACTOR);
});

test('the local prior is the smoothed count (n + A p) / (N + A) with the documented pseudo-count', () => {
  const dhe = generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: DHE, count: 10, start: START });
  const learned = learnFromCases(dhe, kb) as Knowledge & { local: { priors: { cause: string; default: number; local: number; confirmed: number }[] } };
  const p = learned.local.priors.find((x) => x.cause === DHE)!;
  const A = LEARNING.pseudoCount;
  expect(p.confirmed).toBe(10);
  expect(p.local).toBeCloseTo((10 + A * p.default) / (10 + A), 10);
  // Families without closed cases keep their priors.
  const login = learned.local.priors.find((x) => x.cause === 'login-wrong-password')!;
  expect(login.local).toBeCloseTo(login.default, 12);
});

test('a store that cannot be read keeps the priors the bot had, and the log says so', async () => {
  const dhe = generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: DHE, count: 30, start: START });
  let fail = false;
  const logs: string[] = [];
  const cases = { list: async () => (fail ? Promise.reject(new Error('disk unplugged')) : dhe) };
  const live = new LiveKnowledge(kb, cases, { log: (l) => logs.push(l) });
  await live.refresh();
  const learned = live.current();
  expect(learned).not.toBe(kb);
  fail = true;
  await live.refresh();
  expect(live.current()).toBe(learned);
  expect(logs).toEqual(['learning: could not read closed cases, keeping the previous priors (disk unplugged)']);
});
