/**
 * Folding the appended changes into one document runs beside the turns: a write made while the
 * file is being rewritten is on disk long before the rewrite ends, both survive a restart, and a
 * process killed in the middle of a rewrite loses no acknowledged write. Writing serialises a case
 * once; opening a file serialises nothing.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../src/store';
import type { Case } from '../../src/triage/types';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-compact-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const aCase = (id: string, note: string): Case => ({ id, createdAt: 't', updatedAt: 't', status: 'open', evidence: [{ id: 'e', kind: 'note', at: 't', text: note }], history: [] });

it('a turn written during a rewrite does not wait for it, and both are on disk afterwards', async () => {
  const store = await openStore({ dir });
  // About 12 MB: the rewrite takes dozens of chunks.
  await Promise.all(Array.from({ length: 3000 }, (_, i) => store.cases.put(aCase(`c${i}`, 'x'.repeat(4000)))));
  let compacted = false;
  const compaction = store.maintenance!.compact().then(() => (compacted = true));
  await store.storage.write({ 'conv/1': { step: 'during' } });
  await store.cases.put(aCase('c7', 'changed during the rewrite'));
  expect(compacted).toBe(false);
  await compaction;
  const text = await readFile(path.join(dir, 'sqltriage.json'), 'utf8');
  expect(text.split('\n').filter(Boolean).length).toBeLessThanOrEqual(3); // the document and what was appended meanwhile
  await store.close();
  expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  const reopened = await openStore({ dir });
  expect((await reopened.storage.read(['conv/1']))['conv/1'].step).toBe('during');
  expect((await reopened.cases.get('c7'))!.evidence[0]).toMatchObject({ text: 'changed during the rewrite' });
  expect(await reopened.cases.list()).toHaveLength(3000);
  await reopened.close();
});

it('killed (SIGKILL) while rewriting, a restart finds every acknowledged write', async () => {
  const distStore = path.resolve(__dirname, '..', '..', 'dist', 'src', 'store', 'index.js');
  if (!existsSync(distStore)) throw new Error(`${distStore} is missing: run \`npm run build\` first (npm test does)`);
  const script = `
    const { openStore } = require(${JSON.stringify(distStore)});
    (async () => {
      const store = await openStore({ dir: ${JSON.stringify(dir)} });
      await Promise.all(Array.from({ length: 800 }, (_, i) => store.cases.put({ id: 'big' + i, createdAt: 't', updatedAt: 't', status: 'open', evidence: [{ id: 'e', kind: 'note', at: 't', text: 'y'.repeat(3000) }], history: [] })));
      for (let i = 0; ; i++) {
        if (i % 40 === 0) store.maintenance.compact().catch(() => {});
        await store.storage.write({ ['conv/' + (i % 7)]: { turn: i } });
        process.stdout.write(i + '\\n');
      }
    })();`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let acknowledged = -1;
  await new Promise<void>((resolve) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const done = out.split('\n').slice(0, -1);
      acknowledged = Number(done[done.length - 1] ?? -1);
      if (acknowledged >= 300 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', () => resolve());
  });
  const store = await openStore({ dir });
  const convs = await store.storage.read(Array.from({ length: 7 }, (_, k) => `conv/${k}`));
  for (let i = acknowledged - 6; i <= acknowledged; i++) expect(convs[`conv/${i % 7}`]!.turn).toBeGreaterThanOrEqual(i);
  expect(await store.cases.list()).toHaveLength(800);
  await store.storage.write({ after: { ok: true } });
  await store.close();
});

it('serialises a case once per write, and nothing when opening a file', async () => {
  const store = await openStore({ dir });
  await Promise.all(Array.from({ length: 50 }, (_, i) => store.cases.put(aCase(`c${i}`, 'z'))));
  await store.close();
  const stringify = jest.spyOn(JSON, 'stringify');
  const reopened = await openStore({ dir });
  expect(await reopened.cases.get('c3')).toBeDefined();
  expect(stringify.mock.calls.filter(([v]) => (v as Case | undefined)?.evidence !== undefined)).toHaveLength(1); // c3, first read: its text made once
  stringify.mockClear();
  const c = aCase('c1', 'new');
  await reopened.cases.put(c);
  expect(stringify.mock.calls.filter(([v]) => v === c)).toHaveLength(1);
  expect(stringify.mock.calls.filter(([v]) => (v as Case | undefined)?.evidence !== undefined)).toHaveLength(1);
  stringify.mockRestore();
  await reopened.close();
});

it('a rewrite asked for while the file is first being written whole waits for the next turn, and the file stays whole', async () => {
  const store = await openStore({ dir });
  const writes = Array.from({ length: 2000 }, (_, i) => store.cases.put(aCase(`c${i}`, 'w'.repeat(2000))));
  // The first write creates the file whole; rewrites asked for meanwhile must not share its temporary file.
  await new Promise((r) => setImmediate(r));
  await Promise.all([store.maintenance!.compact(), store.maintenance!.compact(), ...writes]);
  await store.maintenance!.compact();
  await store.close();
  const reopened = await openStore({ dir });
  expect(await reopened.cases.list()).toHaveLength(2000);
  await reopened.close();
});
