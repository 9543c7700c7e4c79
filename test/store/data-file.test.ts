import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataFileError, openStore, readDataFile } from '../../src/store';
import type { Case } from '../../src/triage/types';

let dir: string;
const file = () => path.join(dir, 'sqltriage.json');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-data-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function aCase(id: string, updatedAt: string, status: Case['status'] = 'open'): Case {
  return { id, createdAt: updatedAt, updatedAt, status, evidence: [], history: [] };
}

describe('the data file', () => {
  it('keeps state, cases and audit across a reopen, in one file', async () => {
    const first = await openStore({ dir });
    await first.storage.write({ 'conv/1': { step: 'question' } });
    await first.cases.put(aCase('c1', '2025-01-01T00:00:00.000Z'));
    await first.audit.append({ action: 'probe', server: 'db1' });
    await first.close();

    expect(await readdir(dir)).toEqual(['sqltriage.json']);
    const second = await openStore({ dir });
    expect((await second.storage.read(['conv/1']))['conv/1'].step).toBe('question');
    expect((await second.cases.get('c1'))?.id).toBe('c1');
    const onDisk = JSON.parse(await readFile(file(), 'utf8'));
    expect(onDisk.audit).toEqual([expect.objectContaining({ action: 'probe', server: 'db1', at: expect.any(String) })]);
    await second.close();
  });

  it('creates the directory when it does not exist, and writes nothing until something changes', async () => {
    const nested = path.join(dir, 'a', 'b');
    const store = await openStore({ dir: nested });
    expect(await readdir(nested)).toEqual([]);
    await store.storage.write({ k: { v: 1 } });
    await store.close();
    expect(await readdir(nested)).toEqual(['sqltriage.json']);
  });

  const SNAPSHOT_LINE = '{"format":1,"seq":0,"state":{},"cases":{},"audit":[]}\n';
  it.each([
    ['truncated JSON', '{"format":1,"seq":3,"state":{', /not valid JSON/],
    ['an empty file', '', /not valid JSON/],
    ['binary noise', '\u0000\u0001\u00ff\u00fe', /not valid JSON/],
    ['a JSON array', '[]', /does not hold a JSON object/],
    ['another format', '{"format":99,"seq":0,"state":{},"cases":{},"audit":[]}', /format 99/],
    ['missing parts', '{"format":1,"seq":0}', /missing one of/],
    ['a change line that is not JSON', `${SNAPSHOT_LINE}{"seq":1,"set":{"state":{}}}\nnot json at all\n{"seq":2}\n`, /damaged change line \(line 3 is not valid JSON/],
    ['a change line of the wrong shape', `${SNAPSHOT_LINE}{"seq":1,"set":{"state":[1,2]}}\n`, /damaged change line \(line 2 is not a batch/],
    ['a change line that is an array', `${SNAPSHOT_LINE}[1,2,3]\n`, /damaged change line \(line 2 is not a batch/],
  ])('refuses %s with an error naming the file and what is wrong, and never touches it', async (_what, content, reason) => {
    await writeFile(file(), content);
    const before = await stat(file());
    const err = await openStore({ dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileError);
    expect((err as Error).message).toContain(file());
    expect((err as Error).message).toMatch(reason);
    expect((err as Error).message).toMatch(/will not overwrite/);
    await new Promise((r) => setTimeout(r, 30));
    expect(await readFile(file(), 'utf8')).toBe(content);
    expect((await stat(file())).mtimeMs).toBe(before.mtimeMs);
    expect(await readdir(dir)).toEqual(['sqltriage.json']);
  });

  it('keeps all of 100 concurrent writes, and a reader finds a whole store at every moment', async () => {
    const store = await openStore({ dir });
    await store.storage.write({ seed: { n: 0 } });
    let reads = 0;
    let bad = 0;
    let writing = true;
    const watcher = (async () => {
      while (writing) {
        reads++;
        try {
          const seen = await readDataFile(file());
          // A record is there whole or not at all, whatever moment the reader hits.
          for (const [key, record] of Object.entries(seen.state)) if (key.startsWith('k') && typeof (record.value as { n?: unknown }).n !== 'number') bad++;
        } catch {
          bad++;
        }
        await new Promise((r) => setImmediate(r));
      }
    })();
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        Promise.all([store.storage.write({ [`k${i}`]: { n: i } }), store.cases.put(aCase(`c${i}`, new Date(1e12 + i).toISOString()))]),
      ),
    );
    writing = false;
    await watcher;
    await store.close();
    expect(reads).toBeGreaterThan(0);
    expect(bad).toBe(0);

    const reopened = await openStore({ dir });
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const items = await reopened.storage.read(keys);
    expect(keys.map((k) => items[k]?.n)).toEqual(keys.map((_, i) => i));
    expect(await reopened.cases.list()).toHaveLength(100);
    await reopened.close();
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses writes after close, so nothing is written behind a shutdown', async () => {
    const store = await openStore({ dir });
    await store.storage.write({ a: { n: 1 } });
    await store.close();
    await expect(store.storage.write({ a: { n: 2 } })).rejects.toThrow(/closed/);
  });
});

describe('the case store', () => {
  it('lists newest first, filters by status and limits', async () => {
    const store = await openStore({ dir });
    await store.cases.put(aCase('old', '2025-01-01T00:00:00.000Z'));
    await store.cases.put(aCase('mid', '2025-02-01T00:00:00.000Z', 'resolved'));
    await store.cases.put(aCase('new', '2025-03-01T00:00:00.000Z'));
    expect((await store.cases.list()).map((c) => c.id)).toEqual(['new', 'mid', 'old']);
    expect((await store.cases.list({ status: 'open' })).map((c) => c.id)).toEqual(['new', 'old']);
    expect((await store.cases.list({ limit: 1 })).map((c) => c.id)).toEqual(['new']);
    await store.close();
  });

  it('replaces a case on put and returns copies the caller cannot alias', async () => {
    const store = await openStore({ dir });
    const c = aCase('c1', '2025-01-01T00:00:00.000Z');
    await store.cases.put(c);
    c.status = 'escalated';
    expect((await store.cases.get('c1'))?.status).toBe('open');
    await store.cases.put({ ...c, updatedAt: '2025-01-02T00:00:00.000Z' });
    const got = await store.cases.get('c1');
    expect(got?.status).toBe('escalated');
    got!.evidence.push({ id: 'ev1', kind: 'note', at: '', text: 'x' });
    expect((await store.cases.get('c1'))?.evidence).toEqual([]);
    expect(await store.cases.get('nope')).toBeUndefined();
    await expect(store.cases.put({ ...c, id: '' })).rejects.toThrow(/id/);
    await store.close();
  });
});

describe('the data file at rest', () => {
  const mode = async (p: string) => (await stat(p)).mode & 0o777;

  it('is created 0600 in a 0700 folder, and the lock file is 0600 too', async () => {
    const nested = path.join(dir, 'data');
    const store = await openStore({ dir: nested });
    await store.storage.write({ k: { v: 1 } });
    expect(await mode(nested)).toBe(0o700);
    expect(await mode(path.join(nested, 'sqltriage.json'))).toBe(0o600);
    expect(await mode(path.join(nested, '.sqltriage.lock'))).toBe(0o600);
    await store.cases.put(aCase('c1', '2025-01-01T00:00:00.000Z')); // an appended change keeps the mode
    await store.close(); // and so does the rewrite on close
    expect(await mode(path.join(nested, 'sqltriage.json'))).toBe(0o600);
  });

  it('narrows a world-readable file left by an older version once it writes', async () => {
    await writeFile(file(), '{"format":1,"seq":0,"state":{},"cases":{},"audit":[]}\n', { mode: 0o644 });
    const store = await openStore({ dir });
    await store.storage.write({ k: { v: 1 } });
    expect(await mode(file())).toBe(0o600);
    await store.close();
  });

  it('quarantines a damaged case by id while every other case stays readable, and never drops it', async () => {
    const good = aCase('ST-GOOD', '2025-01-01T00:00:00.000Z');
    const damaged = { 'ST-BAD': 5, 'ST-NULL': { ...aCase('ST-NULL', '2025-01-02T00:00:00.000Z'), evidence: null }, 'ST-WRONG': aCase('ST-OTHER', '2025-01-03T00:00:00.000Z') };
    await writeFile(file(), JSON.stringify({ format: 1, seq: 0, state: {}, cases: { 'ST-GOOD': good, ...damaged }, audit: [] }));
    const store = await openStore({ dir });
    expect((await store.cases.list()).map((c) => c.id)).toEqual(['ST-GOOD']);
    expect(await store.cases.get('ST-BAD')).toBeUndefined();
    expect(await store.cases.quarantined()).toEqual([
      { id: 'ST-BAD', problem: 'is a number, not a case object' },
      { id: 'ST-NULL', problem: 'has evidence null, not a list' },
      { id: 'ST-WRONG', problem: 'has id "ST-OTHER", not its key' },
    ]);
    // A new case under a quarantined id keeps the damaged entry beside it.
    await store.cases.put(aCase('ST-BAD', '2025-02-01T00:00:00.000Z'));
    await store.close();
    const onDisk = await readDataFile(file());
    expect(onDisk.cases['ST-BAD']).toMatchObject({ id: 'ST-BAD' });
    expect(Object.entries(onDisk.cases).filter(([k, v]) => k.startsWith('ST-BAD.quarantined-') && v === (5 as unknown))).toHaveLength(1);
    expect(onDisk.cases['ST-NULL']).toMatchObject({ evidence: null });
  });
});
