/** `sqltriage case show|list` over a real lowdb case store in a temporary folder. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { openStore } from '../../src/store';
import { runCli } from '../helpers/cli';
import { CANARY, noProbeCase, secretsCase, withProbesCase } from '../triage/escalation/cases';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../docs/escalation-schema.json'), 'utf8'));

let dir: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-case-cli-'));
  const store = await openStore({ dir });
  await store.cases.put({ ...noProbeCase(), updatedAt: '2026-03-02T10:00:00.000Z' });
  await store.cases.put({ ...withProbesCase(), updatedAt: '2026-03-02T11:00:00.000Z' });
  await store.cases.put({ ...secretsCase(), updatedAt: '2026-03-02T12:00:00.000Z' });
  const fixed = noProbeCase();
  await store.cases.put({ ...fixed, id: 'ST-20260301-FIXED1', status: 'resolved', confirmedCause: fixed.history[fixed.history.length - 1].top[0].id, updatedAt: '2026-03-01T09:00:00.000Z' });
  await store.close();
  env = { ...process.env, SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_STORAGE: 'file', SQLTRIAGE_CONFIG: path.join(dir, 'absent.json') };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('sqltriage case list', () => {
  test('lists every stored case, newest change first, with status and leading cause', async () => {
    const r = await runCli(['case', 'list'], '', env);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(/\s+/)[0])).toEqual(['ST-20260302-SECRET', 'ST-20260302-PROBES', 'ST-20260302-NOPROB', 'ST-20260301-FIXED1']);
    expect(rows[0]).toContain('escalated');
  });

  test('columns line up, titles are words not ids, ages are short, and a resolved case shows its confirmed cause', async () => {
    const r = await runCli(['case', 'list'], '', env);
    const [head, ...rows] = r.stdout.trimEnd().split('\n');
    const titleAt = head.indexOf('title');
    const statusAt = head.indexOf('status');
    for (const row of rows) {
      expect(row.slice(statusAt).split(' ')[0]).toMatch(/^(open|escalated|resolved)$/);
      expect(row[titleAt - 1]).toBe(' ');
      expect(row[titleAt]).not.toBe(' ');
      expect(row).toMatch(/ \d+[smhd] /);
    }
    const fixed = rows.find((l) => l.startsWith('ST-20260301-FIXED1'))!;
    expect(fixed).toMatch(/resolved .* fixed: [A-Z]/);
    for (const row of rows.filter((l) => !l.includes('resolved'))) expect(row.slice(titleAt)).toMatch(/^[A-Z][^(]* \((\d{1,2}|<1)%\)/);
  });

  test('--status keeps one status only; a bad status is a one-line usage error', async () => {
    const r = await runCli(['case', 'list', '--status', 'escalated'], '', env);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['ST-20260302-SECRET']);
    const bad = await runCli(['case', 'list', '--status', 'closed'], '', env);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });

  test('with no case store yet it says so and creates nothing', async () => {
    const empty = path.join(dir, 'nothing-here');
    const r = await runCli(['case', 'list'], '', { ...env, SQLTRIAGE_DATA_DIR: empty });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('no cases');
    expect(fs.existsSync(empty)).toBe(false);
  });
});

describe('sqltriage case show', () => {
  test('prints the escalation summary as Markdown by default, probes and all', async () => {
    const r = await runCli(['case', 'show', 'ST-20260302-PROBES'], '', env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Escalation: case ST-20260302-PROBES\n/);
    for (const heading of ['## Headline', '## Environment', '## Evidence (5)', '## Causes still possible', '## Ruled out', '## Not tested', '## Recommended actions', '## Data to collect next']) {
      expect(r.stdout).toContain(heading);
    }
    expect(r.stdout).toContain('Probe of sqlprod01-test');
    expect(r.stdout).toContain('login not run because no credentials are configured');
  });

  test('--format json prints the schema-valid document', async () => {
    const r = await runCli(['case', 'show', 'ST-20260302-NOPROB', '--format', 'json'], '', env);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ajv = new Ajv({ strict: false });
    ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
    expect(ajv.validate(schema, doc)).toBe(true);
    expect(doc).toMatchObject({ caseId: 'ST-20260302-NOPROB', schemaVersion: '1.1' });
  });

  test('the canary password is in neither format', async () => {
    for (const format of ['markdown', 'json']) {
      const r = await runCli(['case', 'show', 'ST-20260302-SECRET', '--format', format], '', env);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain(CANARY);
    }
  });

  test.each([
    [['case', 'show', 'ST-NOPE'], "no case 'ST-NOPE'"],
    [['case', 'show'], 'needs one case id'],
    [['case', 'show', 'ST-20260302-NOPROB', '--format', 'html'], '--format must be markdown or json'],
    [['case', 'frobnicate'], "unknown sub-command 'frobnicate'"],
  ])('%j exits 2 with one line', async (args, message) => {
    const r = await runCli(args, '', env);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describe('a data file with damaged cases', () => {
  let damaged: string;
  beforeAll(async () => {
    damaged = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-case-damaged-'));
    const store = await openStore({ dir: damaged });
    await store.cases.put({ ...noProbeCase(), updatedAt: '2026-03-02T10:00:00.000Z' });
    await store.close();
    // Hand-damaged, as the fault battery left it: one entry that is not a case, one with no evidence list.
    const file = path.join(damaged, 'sqltriage.json');
    const data = JSON.parse(fs.readFileSync(file, 'utf8'));
    data.cases['ST-BAD'] = 5;
    data.cases['ST-NULL'] = { ...noProbeCase(), id: 'ST-NULL', evidence: null };
    fs.writeFileSync(file, JSON.stringify(data));
  });
  afterAll(() => fs.rmSync(damaged, { recursive: true, force: true }));
  const envFor = () => ({ ...env, SQLTRIAGE_DATA_DIR: damaged });

  test('case list still lists the good case and names the quarantined ones on stderr', async () => {
    const before = fs.readFileSync(path.join(damaged, 'sqltriage.json'), 'utf8');
    const r = await runCli(['case', 'list'], '', envFor());
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['ST-20260302-NOPROB']);
    expect(r.stderr).toMatch(/2 damaged cases were quarantined/);
    expect(r.stderr).toContain('ST-BAD (is a number, not a case object)');
    expect(r.stderr).toContain('ST-NULL (has evidence null, not a list)');
    // Reading never rewrites the file.
    expect(fs.readFileSync(path.join(damaged, 'sqltriage.json'), 'utf8')).toBe(before);
  });

  test('case show names why a quarantined case cannot be shown, and still shows the others', async () => {
    const bad = await runCli(['case', 'show', 'ST-BAD'], '', envFor());
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe("sqltriage case: case 'ST-BAD' is damaged and was quarantined: it is a number, not a case object (the entry is left in the data file as it is)");
    const good = await runCli(['case', 'show', 'ST-20260302-NOPROB'], '', envFor());
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^# Escalation: case ST-20260302-NOPROB/);
  });
});

describe('archived cases', () => {
  let archived: string;
  const envFor = () => ({ ...env, SQLTRIAGE_DATA_DIR: archived });
  beforeAll(async () => {
    archived = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-case-archived-'));
    const store = await openStore({ dir: archived, policy: { archiveAfterDays: 7, stateIdleDays: 30 } });
    await store.cases.put({ ...noProbeCase(), id: 'ST-20250301-OLDONE', createdAt: '2025-03-01T09:00:00.000Z', updatedAt: '2025-03-01T10:00:00.000Z', status: 'escalated' });
    await store.cases.put({ ...withProbesCase(), updatedAt: new Date().toISOString() });
    await store.maintenance!.pass();
    await store.close();
  });
  afterAll(() => fs.rmSync(archived, { recursive: true, force: true }));

  test('case list shows the archived case beside the recent one, and case show finds it, from the archive files', async () => {
    expect(fs.existsSync(path.join(archived, 'archive', '2025-03', 'cases.jsonl'))).toBe(true);
    expect(fs.readFileSync(path.join(archived, 'sqltriage.json'), 'utf8')).not.toContain('ST-20250301-OLDONE');
    const list = await runCli(['case', 'list'], '', envFor());
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\n').slice(1).map((l) => l.split(/\s+/)[0])).toEqual(['ST-20260302-PROBES', 'ST-20250301-OLDONE']);
    const escalated = await runCli(['case', 'list', '--status', 'escalated'], '', envFor());
    expect(escalated.stdout).toContain('ST-20250301-OLDONE');
    const show = await runCli(['case', 'show', 'ST-20250301-OLDONE'], '', envFor());
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^# Escalation: case ST-20250301-OLDONE/);
  });
});
