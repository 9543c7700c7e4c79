/**
 * A data file written before the archive (format 1, test/fixtures/store, made by the code of that
 * time) is migrated on first start: every case, state record and audit entry is still there, the
 * old cases move to the archive, and the file is written in the new format, which the old code
 * refuses rather than silently missing the archived cases.
 */
import { cp, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore, readDataFile } from '../../src/store';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'store');
const IDS = ['ST-20260105-0A0B0C', 'legacy-1', 'ST-20250216-FFEE01', 'ST-20250215-D4E5F6', 'ST-20250110-A1B2C3'];
// Four days after the newest case's last change: it stays in the data file, the others are older than 7 days.
const NOW = Date.parse('2026-01-09T12:00:00.000Z');
const now = () => NOW;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-migrate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it.each(['v1-at-rest', 'v1-killed'])('migrates a format 1 data file (%s) on first start, losing nothing', async (fixture) => {
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  const before = await readDataFile(path.join(dir, 'sqltriage.json'));
  expect(before.format).toBe(1);
  expect(Object.keys(before.cases).sort()).toEqual([...IDS].sort());

  const store = await openStore({ dir, now, policy: { archiveAfterDays: 7, stateIdleDays: 3650 } });
  await store.claim();
  const pass = await store.maintenance!.pass();
  expect(pass.cases).toBe(4);
  expect(pass.audit).toBe(1);
  // Every case reads back whole, from the data file or the archive.
  for (const id of IDS) expect(await store.cases.get(id)).toEqual(before.cases[id]);
  expect((await store.cases.list()).map((c) => c.id)).toEqual(IDS);
  expect((await store.cases.list({ status: 'escalated' })).map((c) => c.id)).toEqual(['ST-20250215-D4E5F6']);
  expect((await store.storage.read(['msteams/users/u1']))['msteams/users/u1'].profile).toEqual({ name: 'Ana' });
  await store.close();

  const after = await readDataFile(path.join(dir, 'sqltriage.json'));
  expect(after.format).toBe(2);
  expect(Object.keys(after.cases)).toEqual(['ST-20260105-0A0B0C']);
  expect(after.audit).toEqual([]);
  expect(Object.keys(after.state).sort()).toEqual(Object.keys(before.state).sort());
  expect((await readFile(path.join(dir, 'sqltriage.json'), 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  expect(await readdir(path.join(dir, 'archive'))).toEqual(['2025-01', '2025-02', '2025-03']);

  // After a restart the same cases and the audit entry are found, the archived ones included.
  const reopened = await openStore({ dir, now });
  expect((await reopened.cases.list()).map((c) => c.id)).toEqual(IDS);
  expect(await reopened.cases.get('legacy-1')).toEqual(before.cases['legacy-1']);
  expect((await (reopened.audit as unknown as { entries(): Promise<unknown[]> }).entries())).toEqual(before.audit);
  await reopened.close();
});

it('writes the new format only once it is the writer: a read-only look leaves a format 1 file as it is', async () => {
  await cp(path.join(FIXTURES, 'v1-at-rest'), dir, { recursive: true });
  const text = await readFile(path.join(dir, 'sqltriage.json'), 'utf8');
  const store = await openStore({ dir, now });
  expect(await store.cases.list()).toHaveLength(5);
  await store.close();
  expect(await readFile(path.join(dir, 'sqltriage.json'), 'utf8')).toBe(text);
});
