import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DataFileBusyError, openStore } from '../../src/store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('one writer per data folder', () => {
  it('refuses a second writer while the first is open, naming the process', async () => {
    const first = await openStore({ dir });
    const second = await openStore({ dir });
    await first.storage.write({ a: { by: 'first' } });
    const err = await second.storage.write({ a: { by: 'second' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataFileBusyError);
    expect((err as Error).message).toContain(`in use by process ${process.pid}`);
    expect((err as Error).message).toContain(path.join(dir, 'sqltriage.json'));
    await first.close();
    await second.close();
    const reopened = await openStore({ dir });
    expect((await reopened.storage.read(['a'])).a.by).toBe('first');
    await reopened.close();
  });

  it('refuses to write over changes made after it read the file, even once the other writer is gone', async () => {
    const stale = await openStore({ dir });
    const other = await openStore({ dir });
    await other.cases.put({ id: 'c1', createdAt: 't', updatedAt: 't', status: 'open', evidence: [], history: [] });
    await other.close();
    await expect(stale.storage.write({ b: { n: 1 } })).rejects.toThrow(/changed by another process after it was opened/);
    await stale.close();
    const fresh = await openStore({ dir });
    await fresh.storage.write({ b: { n: 1 } });
    expect(await fresh.cases.get('c1')).toBeDefined();
    await fresh.close();
  });

  it('lets readers open and read while a writer holds the folder', async () => {
    const writer = await openStore({ dir });
    await writer.cases.put({ id: 'c1', createdAt: 't', updatedAt: 't', status: 'open', evidence: [], history: [] });
    const reader = await openStore({ dir });
    expect((await reader.cases.list()).map((c) => c.id)).toEqual(['c1']);
    await reader.close();
    await writer.close();
  });

  it('takes over a lock left by a process that has ended, and removes its own on close', async () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await writeFile(path.join(dir, '.sqltriage.lock'), JSON.stringify({ pid: Number(ended.stdout), host: os.hostname(), at: 'earlier' }));
    const store = await openStore({ dir });
    await store.storage.write({ a: { n: 1 } });
    await store.close();
    expect(await readdir(dir)).toEqual(['sqltriage.json']);
  });
});
