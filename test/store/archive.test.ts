/**
 * Old cases leave the data file for the archive, and stay reachable: what a user notices is that
 * `case show`, `case list` and a follow-up still find them, that a crash while archiving loses
 * nothing, that a damaged archive line is named and left alone, and that retention deletes what is
 * older than the setting and nothing else.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore, policyFromEnv, readDataFile, type ArchivePolicy } from '../../src/store';
import type { Case } from '../../src/triage/types';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00.000Z');
const now = () => NOW;
const policy: ArchivePolicy = { archiveAfterDays: 7, stateIdleDays: 30 };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-archive-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A case created `ageDays` before NOW, with an id naming that day. */
function aCase(n: number, ageDays: number, status: Case['status'] = 'resolved'): Case {
  const at = new Date(NOW - ageDays * DAY).toISOString();
  const id = `ST-${at.slice(0, 10).replace(/-/g, '')}-${n.toString(16).toUpperCase().padStart(6, '0')}`;
  return { id, createdAt: at, updatedAt: at, status, evidence: [{ id: 'ev1', kind: 'note', at, text: `case ${n}` }], history: [] };
}
const workingIds = async () => Object.keys((await readDataFile(path.join(dir, 'sqltriage.json'))).cases).sort();

it('moves cases unchanged for a week to monthly archive files, and every case stays readable and listed', async () => {
  const store = await openStore({ dir, now, policy });
  const cases = [aCase(1, 400), aCase(2, 60, 'escalated'), aCase(3, 8), aCase(4, 2, 'open'), aCase(5, 0, 'open')];
  for (const c of cases) await store.cases.put(c);
  expect(await store.maintenance!.pass()).toMatchObject({ cases: 3 });
  expect(await workingIds()).toEqual([cases[3].id, cases[4].id].sort());
  expect(await readdir(path.join(dir, 'archive'))).toEqual(['2025-05', '2026-04', '2026-06']);
  for (const c of cases) expect(await store.cases.get(c.id)).toEqual(c);
  expect((await store.cases.list()).map((c) => c.id)).toEqual([...cases].reverse().map((c) => c.id));
  expect((await store.cases.list({ status: 'escalated' })).map((c) => c.id)).toEqual([cases[1].id]);
  expect((await store.cases.list({ limit: 3 })).map((c) => c.id)).toEqual([cases[4].id, cases[3].id, cases[2].id]);
  expect(await store.cases.get('ST-20260101-NOSUCH')).toBeUndefined();
  await store.close();
  // The archive is the bot user's alone, like the data file.
  expect((await stat(path.join(dir, 'archive'))).mode & 0o777).toBe(0o700);
  expect((await stat(path.join(dir, 'archive', '2025-05'))).mode & 0o777).toBe(0o700);
  for (const f of ['cases.jsonl', 'index.jsonl']) expect((await stat(path.join(dir, 'archive', '2025-05', f))).mode & 0o777).toBe(0o600);
});

it('a case changed again after archiving is served from the data file, and archived again as its newest version', async () => {
  let t = NOW;
  const store = await openStore({ dir, now: () => t, policy });
  const c = aCase(1, 30, 'escalated');
  await store.cases.put(c);
  await store.maintenance!.pass();
  expect(await workingIds()).toEqual([]);
  const followed = { ...c, escalation: { impact: 'all apps' }, updatedAt: new Date(NOW).toISOString() };
  await store.cases.put(followed);
  expect(await store.cases.get(c.id)).toEqual(followed);
  expect(await store.cases.list()).toEqual([followed]);
  t = NOW + 10 * DAY;
  await store.maintenance!.pass();
  expect(await workingIds()).toEqual([]);
  expect(await store.cases.get(c.id)).toEqual(followed);
  expect(await store.cases.list()).toEqual([followed]);
  await store.close();
});

it('a case changed while it is being archived stays in the data file with its change', async () => {
  const store = await openStore({ dir, now, policy });
  const c = aCase(1, 30, 'open');
  await store.cases.put(c);
  const pass = store.maintenance!.pass();
  const changed = { ...c, updatedAt: new Date(NOW).toISOString(), status: 'resolved' as const };
  await store.cases.put(changed);
  expect((await pass).cases).toBe(0);
  expect(await workingIds()).toEqual([c.id]);
  expect(await store.cases.get(c.id)).toEqual(changed);
  await store.close();
});

it('keeps damaged data-file entries where they are, and names a damaged archive line without changing it', async () => {
  const good = aCase(1, 40);
  const other = aCase(2, 40);
  await writeFile(path.join(dir, 'sqltriage.json'), JSON.stringify({ format: 2, seq: 0, state: {}, cases: { [good.id]: good, [other.id]: other, 'ST-BAD': 5 }, audit: [] }));
  const store = await openStore({ dir, now, policy });
  await store.claim();
  expect((await store.maintenance!.pass()).cases).toBe(2);
  await store.close();
  expect(await workingIds()).toEqual(['ST-BAD']);
  // Damage the first archived line in place (same length), as a disk or an editor might.
  const file = path.join(dir, 'archive', good.createdAt.slice(0, 7), 'cases.jsonl');
  const text = await readFile(file, 'utf8');
  const damaged = text.replace('"evidence":[', '"evidence":{');
  await writeFile(file, damaged);
  const reopened = await openStore({ dir, now, policy });
  const [first] = text.split('\n').map((l) => JSON.parse(l || 'null') as Case | null);
  const damagedId = first!.id;
  const intact = damagedId === good.id ? other : good;
  expect(await reopened.cases.get(damagedId)).toBeUndefined();
  expect(await reopened.cases.get(intact.id)).toEqual(intact);
  const aside = await reopened.cases.quarantined();
  expect(aside.map((q) => q.id).sort()).toEqual(['ST-BAD', damagedId].sort());
  expect(aside.find((q) => q.id === damagedId)).toEqual({ id: damagedId, problem: expect.stringMatching(/^is not valid JSON at byte 0 \(/), in: `archive/${good.createdAt.slice(0, 7)}/cases.jsonl` });
  expect((await reopened.cases.list()).map((c) => c.id)).toEqual([intact.id]);
  await reopened.close();
  expect(await readFile(file, 'utf8')).toBe(damaged);
});

it('a line cut short by a crash at the end of an archive file is ignored, and cut off before the next append', async () => {
  const store = await openStore({ dir, now, policy });
  const first = aCase(1, 20);
  await store.cases.put(first);
  await store.maintenance!.pass();
  const month = path.join(dir, 'archive', first.createdAt.slice(0, 7));
  await appendFile(path.join(month, 'cases.jsonl'), '{"id":"ST-2026');
  await appendFile(path.join(month, 'index.jsonl'), '{"id":"ST-20260526-00');
  expect(await store.cases.get(first.id)).toEqual(first);
  const second = { ...aCase(2, 20), id: first.id.replace(/-[0-9A-F]+$/, '-000002') };
  await store.cases.put(second);
  await store.maintenance!.pass();
  expect(await store.cases.get(second.id)).toEqual(second);
  expect(await store.cases.quarantined()).toEqual([]);
  expect((await readFile(path.join(month, 'cases.jsonl'), 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l).id)).toEqual([first.id, second.id]);
  await store.close();
});

it('moves old audit entries with the cases and drops the state of conversations idle for a month, not user state', async () => {
  let t = NOW - 40 * DAY;
  const store = await openStore({ dir, now: () => t, policy });
  await store.storage.write({ 'msteams/conversations/old': { dialogs: 1 }, 'msteams/users/u1': { profile: { name: 'Ana' } }, 'sqltriage.escalation': { to: 'x' } });
  await store.audit.append({ at: new Date(t).toISOString(), kind: 'probe' });
  t = NOW;
  await store.storage.write({ 'msteams/conversations/new': { dialogs: 2 } });
  await store.audit.append({ at: new Date(t).toISOString(), kind: 'escalate' });
  expect(await store.maintenance!.pass()).toMatchObject({ audit: 1, state: 1 });
  expect(Object.keys(await store.storage.read(['msteams/conversations/old', 'msteams/conversations/new', 'msteams/users/u1', 'sqltriage.escalation'])).sort()).toEqual(
    ['msteams/conversations/new', 'msteams/users/u1', 'sqltriage.escalation'],
  );
  await store.close();
  const onDisk = await readDataFile(path.join(dir, 'sqltriage.json'));
  expect(onDisk.audit.map((a) => a.kind)).toEqual(['escalate']);
  const reopened = await openStore({ dir, now, policy });
  expect((await (reopened.audit as unknown as { entries(): Promise<{ kind: string }[]> }).entries()).map((a) => a.kind)).toEqual(['probe', 'escalate']);
  await reopened.close();
});

it('retention deletes archived months whose every case is older than the setting, and nothing newer', async () => {
  const store = await openStore({ dir, now, policy: { ...policy, retentionDays: 90 } });
  const old = aCase(1, 200);
  const sameMonthRecent = { ...aCase(2, 200), updatedAt: new Date(NOW - 10 * DAY).toISOString() };
  const keep = aCase(3, 60);
  for (const c of [old, sameMonthRecent, keep, aCase(4, 300), aCase(5, 1, 'open')]) await store.cases.put(c);
  expect(await store.maintenance!.pass()).toMatchObject({ cases: 4, monthsDeleted: 1 });
  expect(await readdir(path.join(dir, 'archive'))).toEqual([old.createdAt.slice(0, 7), keep.createdAt.slice(0, 7)]);
  expect(await store.cases.get(old.id)).toEqual(old); // its month holds a case changed 10 days ago
  expect(await store.cases.get(keep.id)).toEqual(keep);
  expect(await store.cases.list()).toHaveLength(4);
  await store.close();
});

it('killed (SIGKILL) in the middle of archiving, a restart finds every case', async () => {
  const distStore = path.resolve(__dirname, '..', '..', 'dist', 'src', 'store', 'index.js');
  if (!existsSync(distStore)) throw new Error(`${distStore} is missing: run \`npm run build\` first (npm test does)`);
  const script = `
    const { openStore } = require(${JSON.stringify(distStore)});
    const DAY = 86400000, NOW = ${NOW};
    (async () => {
      const store = await openStore({ dir: ${JSON.stringify(dir)}, now: () => NOW, policy: { archiveAfterDays: 7, stateIdleDays: 30 } });
      for (let i = 0; i < 3000; i++) {
        const at = new Date(NOW - (10 + (i % 300)) * DAY).toISOString();
        const id = 'ST-' + at.slice(0, 10).replace(/-/g, '') + '-' + i.toString(16).toUpperCase().padStart(6, '0');
        store.cases.put({ id, createdAt: at, updatedAt: at, status: 'resolved', evidence: [{ id: 'ev1', kind: 'note', at, text: 'x'.repeat(500) }], history: [] });
      }
      await store.storage.write({ ready: { n: 1 } });
      process.stdout.write('archiving\\n');
      for (;;) { await store.maintenance.pass(); await store.cases.put({ id: 'ST-20260101-FFFFFF', createdAt: 't', updatedAt: new Date(NOW - 30 * DAY).toISOString(), status: 'open', evidence: [], history: [] }); }
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('archiving')) setTimeout(() => child.kill('SIGKILL'), 40 + Math.floor(Math.random() * 80));
    });
    child.on('exit', () => resolve());
  });
  const store = await openStore({ dir, now, policy });
  const listed = await store.cases.list();
  expect(listed.length).toBeGreaterThanOrEqual(3000);
  expect(new Set(listed.map((c) => c.id)).size).toBe(listed.length);
  expect(await store.cases.quarantined()).toEqual([]);
  // Archiving resumes where it stopped and leaves nothing old behind.
  await store.maintenance!.pass();
  expect((await workingIds()).length).toBe(0);
  expect(await store.cases.list()).toHaveLength(listed.length);
  await store.close();
});

describe('the archive settings', () => {
  it('reads SQLTRIAGE_ARCHIVE_AFTER_DAYS and SQLTRIAGE_RETENTION_DAYS, and refuses anything but whole days by name', () => {
    expect(policyFromEnv({})).toEqual({ archiveAfterDays: 7, stateIdleDays: 30 });
    expect(policyFromEnv({ SQLTRIAGE_ARCHIVE_AFTER_DAYS: '30', SQLTRIAGE_RETENTION_DAYS: ' 365 ' })).toEqual({ archiveAfterDays: 30, retentionDays: 365, stateIdleDays: 30 });
    // A case is never kept in the data file past its retention.
    expect(policyFromEnv({ SQLTRIAGE_ARCHIVE_AFTER_DAYS: '30', SQLTRIAGE_RETENTION_DAYS: '10' })).toMatchObject({ archiveAfterDays: 10, retentionDays: 10 });
    for (const bad of ['0', '-1', '1.5', 'a week', '1e9']) {
      expect(() => policyFromEnv({ SQLTRIAGE_RETENTION_DAYS: bad })).toThrow(`SQLTRIAGE_RETENTION_DAYS '${bad}' is not a number of days`);
      expect(() => policyFromEnv({ SQLTRIAGE_ARCHIVE_AFTER_DAYS: bad })).toThrow(/SQLTRIAGE_ARCHIVE_AFTER_DAYS/);
    }
  });
});

it('lists the newest cases across the data file and archived months, also when an old month holds a case changed lately', async () => {
  let t = NOW;
  const store = await openStore({ dir, now: () => t, policy });
  const cases = [aCase(1, 300), aCase(2, 200), aCase(3, 100), aCase(4, 50), aCase(5, 1, 'open')];
  for (const c of cases) await store.cases.put(c);
  await store.maintenance!.pass();
  // The oldest case changes 20 days ago and is archived again into its own (oldest) month.
  const revived = { ...cases[0], updatedAt: new Date(NOW - 20 * DAY).toISOString(), status: 'escalated' as const };
  await store.cases.put(revived);
  t = NOW + DAY;
  await store.maintenance!.pass();
  expect((await store.cases.list({ limit: 2 })).map((c) => c.id)).toEqual([cases[4].id, revived.id]);
  expect((await store.cases.list({ limit: 3, status: 'resolved' })).map((c) => c.id)).toEqual([cases[3].id, cases[2].id, cases[1].id]);
  expect((await store.cases.list({ since: new Date(NOW - 60 * DAY).toISOString() })).map((c) => c.id)).toEqual([cases[4].id, revived.id, cases[3].id]);
  // The month summaries are derived: damaged or stale, they are recounted from the index, never trusted.
  await writeFile(path.join(dir, 'archive', cases[0].createdAt.slice(0, 7), 'summary.json'), '{"indexBytes":');
  await writeFile(path.join(dir, 'archive', cases[3].createdAt.slice(0, 7), 'summary.json'), JSON.stringify({ indexBytes: 1, newest: '2099-01-01' }));
  expect((await store.cases.list({ limit: 2 })).map((c) => c.id)).toEqual([cases[4].id, revived.id]);
  expect(await store.cases.list()).toHaveLength(5);
  await store.close();
});
