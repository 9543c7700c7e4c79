/**
 * The data file appends each write's changes and is rewritten whole now and then: what a user
 * notices is that a restart (even after a crash) finds every acknowledged change, and that a write
 * costs the size of the change rather than the size of every case ever kept. (A damaged change
 * line is refused with the other damaged files in data-file.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore, readDataFile } from '../../src/store';
import type { Case } from '../../src/triage/types';

let dir: string;
const file = () => path.join(dir, 'sqltriage.json');
const lines = async () => (await readFile(file(), 'utf8')).split('\n').filter((l) => l !== '');

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const aCase = (id: string, note = ''): Case => ({ id, createdAt: 't', updatedAt: 't', status: 'open', evidence: note ? [{ id: 'e', kind: 'note', at: 't', text: note }] : [], history: [] });

it('appends only the change: one small write to a store of 300 cases adds well under a kilobyte', async () => {
  const store = await openStore({ dir });
  await Promise.all(Array.from({ length: 300 }, (_, i) => store.cases.put(aCase(`c${i}`, 'x'.repeat(1000)))));
  const before = (await stat(file())).size;
  expect(before).toBeGreaterThan(300_000);
  await store.storage.write({ 'conv/1': { step: 2 } });
  const added = (await stat(file())).size - before;
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThan(200);
  await store.close();

  // The same after a restart: what was read from the file is not written again.
  const reopened = await openStore({ dir });
  const atRest = (await stat(file())).size;
  await reopened.storage.write({ 'conv/1': { step: 3 } });
  expect((await stat(file())).size - atRest).toBeLessThan(200);
  await reopened.close();
});

it('at rest the file is one JSON document again, holding every change', async () => {
  const store = await openStore({ dir });
  await store.cases.put(aCase('c1'));
  await store.storage.write({ a: { n: 1 } });
  await store.storage.write({ b: { n: 2 } });
  await store.storage.delete(['a']);
  await store.audit.append({ action: 'probe' });
  expect((await lines()).length).toBeGreaterThan(1);
  await store.close();
  const text = await readFile(file(), 'utf8');
  expect(text.trimEnd().split('\n')).toHaveLength(1);
  const data = JSON.parse(text);
  expect(Object.keys(data.state)).toEqual(['b']);
  expect(Object.keys(data.cases)).toEqual(['c1']);
  expect(data.audit).toEqual([expect.objectContaining({ action: 'probe' })]);
});

it('rewrites the file whole once the appended changes outgrow it, and loses nothing', async () => {
  const store = await openStore({ dir });
  const big = 'y'.repeat(8000);
  for (let i = 0; i < 200; i++) await store.storage.write({ [`k${i % 20}`]: { i, big } });
  // 200 writes of 8 KB is 1.6 MB appended against a 160 KB store: it must have been folded at least once.
  expect((await stat(file())).size).toBeLessThan(1_300_000);
  await store.close();
  const reopened = await openStore({ dir });
  const items = await reopened.storage.read(Array.from({ length: 20 }, (_, k) => `k${k}`));
  expect(Object.values(items).map((v) => v.i)).toEqual(Array.from({ length: 20 }, (_, k) => 180 + k));
  await reopened.close();
});

it('after a crash mid-triage, a restart finds every write that had been acknowledged', async () => {
  const distStore = path.resolve(__dirname, '..', '..', 'dist', 'src', 'store', 'index.js');
  if (!existsSync(distStore)) throw new Error(`${distStore} is missing: run \`npm run build\` first (npm test does)`);
  // A separate process writes, reports each acknowledged write, and is killed without closing.
  const script = `
    const { openStore } = require(${JSON.stringify(distStore)});
    (async () => {
      const store = await openStore({ dir: ${JSON.stringify(dir)} });
      for (let i = 0; ; i++) {
        await store.storage.write({ ['conv/' + (i % 7)]: { turn: i } });
        await store.cases.put({ id: 'case-' + (i % 5), createdAt: 't', updatedAt: 't', status: 'open', evidence: [], history: [], turn: i });
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
  expect((await lines()).length).toBeGreaterThan(1); // it died with changes appended, not folded

  const store = await openStore({ dir });
  const convs = await store.storage.read(Array.from({ length: 7 }, (_, k) => `conv/${k}`));
  // The last acknowledged turn and the six before it are all there (later ones may be too).
  for (let i = acknowledged - 6; i <= acknowledged; i++) expect(convs[`conv/${i % 7}`]!.turn).toBeGreaterThanOrEqual(i);
  const last = (await store.cases.get(`case-${acknowledged % 5}`)) as Case & { turn: number };
  expect(last.turn).toBeGreaterThanOrEqual(acknowledged);
  await store.storage.write({ after: { ok: true } }); // the process is gone: its lock is taken over
  await store.close();
});

it('ignores a last line cut short by a crash, and the next write folds it away', async () => {
  const store = await openStore({ dir });
  await store.storage.write({ a: { n: 1 } });
  await store.storage.write({ b: { n: 2 } });
  await store.close();
  await appendFile(file(), '{"seq":9,"set":{"state":{"c":{"eTag":"9","val');

  const reopened = await openStore({ dir });
  expect(Object.keys(await reopened.storage.read(['a', 'b', 'c']))).toEqual(['a', 'b']);
  await reopened.storage.write({ d: { n: 4 } });
  await reopened.storage.write({ e: { n: 5 } });
  await reopened.close();
  const text = await readFile(file(), 'utf8');
  expect(Object.keys(JSON.parse(text).state)).toEqual(['a', 'b', 'd', 'e']);
});

it('keeps keys such as __proto__ as data when replaying changes', async () => {
  const store = await openStore({ dir });
  await store.storage.write({ seed: { n: 0 } });
  await store.storage.write(JSON.parse('{"__proto__":{"polluted":true}}'));
  await store.cases.put(aCase('constructor'));
  // Read back from the appended changes, before any folding.
  expect((await lines()).length).toBeGreaterThan(1);
  const seen = await readDataFile(file());
  expect(Object.prototype.hasOwnProperty.call(seen.state, '__proto__')).toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.keys(seen.cases)).toEqual(['constructor']);
  await store.close();
});
