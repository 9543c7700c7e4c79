/** `sqltriage kb priors|gaps` and `sqltriage case export` over a real lowdb store of generated cases. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { openStore } from '../../src/store';
import { runCli } from '../helpers/cli';
import { knowledge } from '../dialogs/harness';
import { CERT_PASTE, dhePaste, generateCases, LOGIN_PASTE, STRANGE_PASTE } from '../learn/generated-cases';
import { LEARNING } from '../../src/learn/settings';

const kb = knowledge();
const START = new Date('2026-09-07T08:00:00Z');
const CANARY = 'Canary-Pw-7731';
let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-kb-cli-'));
  const store = await openStore({ dir });
  const cases = [
    ...generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: 'tls-dhe-leading-zero', count: 12, start: START }),
    ...generateCases(kb, { idPrefix: 'ST-LOGIN', paste: LOGIN_PASTE, cause: 'login-wrong-password', count: 4, start: START }),
    // Closed as "something else", with a note that carries a secret.
    ...generateCases(kb, { idPrefix: 'ST-ELSE', paste: CERT_PASTE, note: `the load balancer had an old cert; Password=${CANARY}`, count: 2, start: START }),
    // Confirmed a cause the paste ranked low, after an answer that spoke against it.
    ...generateCases(kb, { idPrefix: 'ST-LOW', paste: LOGIN_PASTE, cause: 'login-user-not-found', answers: [['login-reason', 'password-mismatch']], count: 1, start: START }),
    ...generateCases(kb, { idPrefix: 'ST-ODD', paste: STRANGE_PASTE, status: 'escalated', count: 2, start: START }),
  ];
  for (const c of cases) await store.cases.put(c);
  await store.close();
  env = { ...process.env, SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_STORAGE: 'file', SQLTRIAGE_LEARNING: '' };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sqltriage kb priors', () => {
  test('--json gives every cause with its default and local prior; confirmed causes moved up, their siblings down', async () => {
    const r = await runCli(['kb', 'priors', '--json'], '', env);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ learning: 'on', applied: true, pseudoCount: LEARNING.pseudoCount, closed: 19, confirmed: 17 });
    expect(report.causes).toHaveLength(kb.kb.causes.length);
    const dhe = report.causes.find((c: { id: string }) => c.id === 'tls-dhe-leading-zero');
    expect(dhe.confirmed).toBe(12);
    expect(dhe.local).toBeGreaterThan(dhe.default * 2);
    const sibling = report.causes.find((c: { id: string }) => c.id === 'tls-no-common-protocol');
    expect(sibling.local).toBeLessThan(sibling.default);
    const untouched = report.causes.find((c: { id: string }) => c.family === 'connection-refused');
    expect(untouched.local).toBeCloseTo(untouched.default, 12);
  });

  test('the text shows the values beside the defaults, family by family', async () => {
    const r = await runCli(['kb', 'priors'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Local priors: on');
    expect(r.stdout).toMatch(/tls-dhe-leading-zero\s+10%\s+27%\s+12\s+up/);
  });

  test('with SQLTRIAGE_LEARNING=off it says the priors are not applied; a bad value is a usage error', async () => {
    const off = await runCli(['kb', 'priors', '--json'], '', { ...env, SQLTRIAGE_LEARNING: 'off' });
    expect(JSON.parse(off.stdout)).toMatchObject({ learning: 'off', applied: false });
    const bad = await runCli(['kb', 'priors'], '', { ...env, SQLTRIAGE_LEARNING: 'sometimes' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("SQLTRIAGE_LEARNING 'sometimes' is not known");
  });

  test('without a store every prior is the default', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-kb-empty-'));
    try {
      const r = await runCli(['kb', 'priors', '--json'], '', { ...env, SQLTRIAGE_DATA_DIR: empty });
      const report = JSON.parse(r.stdout);
      expect(report.closed).toBe(0);
      for (const c of report.causes) expect(c.local).toBeCloseTo(c.default, 12);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('sqltriage kb gaps', () => {
  test('--json lists unplaced pastes, "something else" closes with notes, low-ranked confirmed causes and answers against them', async () => {
    const r = await runCli(['kb', 'gaps', '--json'], '', env);
    expect(r.code).toBe(0);
    const g = JSON.parse(r.stdout);
    expect(g.unplaced.map((u: { case: string }) => u.case).sort()).toEqual(['ST-ODD-0000', 'ST-ODD-0001']);
    expect(g.unplaced[0].excerpt).toContain('printed something odd');
    expect(g.somethingElse).toHaveLength(2);
    expect(g.somethingElse[0].note).toContain('load balancer had an old cert');
    // The DHE cases are what local priors learn from: the knowledge base alone ranks that cause 6th for them.
    expect(g.rankedLow.map((r: { cause: string; count: number }) => [r.cause, r.count])).toEqual([
      ['tls-dhe-leading-zero', 12],
      ['login-user-not-found', 1],
    ]);
    expect(g.rankedLow[1].cases[0]).toMatchObject({ case: 'ST-LOW-0000', leader: 'login-wrong-password' });
    expect(g.rankedLow[1].cases[0].rank).toBeGreaterThan(3);
    expect(g.answersAgainst).toEqual([expect.objectContaining({ question: 'login-reason', option: 'password-mismatch', cause: 'login-user-not-found', count: 1, cases: ['ST-LOW-0000'] })]);
    expect(r.stdout).not.toContain(CANARY);
  });

  test('the Markdown has one section per kind of gap, redacted', async () => {
    const r = await runCli(['kb', 'gaps'], '', env);
    expect(r.code).toBe(0);
    for (const h of ['# Knowledge gaps', '## Pastes that could not be placed (2)', '## Closed as "something else" (2)', '## Causes confirmed while ranked below place 3 (2)', '## Answers that went against the confirmed cause (1)']) {
      expect(r.stdout).toContain(h);
    }
    expect(r.stdout).not.toContain(CANARY);
    expect(r.stdout).not.toContain('Hunter2');
  });
});

describe('sqltriage case export', () => {
  test('closed cases as JSON lines, oldest close first, redacted, open cases never', async () => {
    const r = await runCli(['case', 'export'], '', env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(21);
    expect(lines.every((l: { status: string }) => l.status === 'resolved' || l.status === 'escalated')).toBe(true);
    const closed = lines.map((l: { closedAt: string }) => l.closedAt);
    expect([...closed].sort()).toEqual(closed);
    const dhe = lines.find((l: { id: string }) => l.id === 'ST-DHE-0000');
    expect(dhe).toMatchObject({ format: 1, confirmedCause: 'tls-dhe-leading-zero', family: 'tls-handshake-failure', errors: { sql: [10054], win32: [10054] } });
    expect(dhe.pastes[0]).toContain('pre-login handshake');
    expect(r.stdout).not.toContain(CANARY);
    expect(r.stdout).not.toContain('Hunter2');
  });

  test('--status, --since and --omit-text narrow it; bad values are usage errors', async () => {
    const esc = await runCli(['case', 'export', '--status', 'escalated', '--omit-text'], '', env);
    const lines = esc.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l: { id: string }) => l.id)).toEqual(['ST-ODD-0000', 'ST-ODD-0001']);
    expect(lines[0].pastes).toBeUndefined();
    const late = await runCli(['case', 'export', '--since', '2026-09-09'], '', env);
    expect(late.stdout.trim().split('\n').length).toBeLessThan(21);
    expect((await runCli(['case', 'export', '--status', 'open'], '', env)).code).toBe(2);
    expect((await runCli(['case', 'export', '--since', 'yesterday'], '', env)).code).toBe(2);
  });
});
