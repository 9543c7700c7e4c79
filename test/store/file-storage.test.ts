import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openStore, readDataFile, type OpenedStore } from '../../src/store';

let dir: string;
let store: OpenedStore;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-storage-'));
  store = await openStore({ dir });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** What a restart would find: the data file as sqltriage reads it (snapshot plus appended changes). */
async function onDisk(): Promise<{ state: Record<string, { eTag: string; value: unknown }> }> {
  return readDataFile(path.join(dir, 'sqltriage.json'));
}

describe('FileStorage eTags', () => {
  it('returns what was written with a fresh eTag, and nothing for unknown keys', async () => {
    await store.storage.write({ a: { topic: 'tls' } });
    const items = await store.storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a.topic).toBe('tls');
    expect(typeof items.a.eTag).toBe('string');
  });

  it('accepts a write carrying the current eTag and changes the eTag', async () => {
    await store.storage.write({ a: { n: 1 } });
    const first = (await store.storage.read(['a'])).a;
    await store.storage.write({ a: { ...first, n: 2 } });
    const second = (await store.storage.read(['a'])).a;
    expect(second.n).toBe(2);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('rejects a stale eTag with an Error and keeps the newer value', async () => {
    await store.storage.write({ a: { n: 1 } });
    const stale = (await store.storage.read(['a'])).a;
    await store.storage.write({ a: { ...stale, n: 2 } });
    await expect(store.storage.write({ a: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await store.storage.read(['a'])).a.n).toBe(2);
  });

  it('lets "*" and a missing eTag overwrite (last write wins)', async () => {
    await store.storage.write({ a: { n: 1 } });
    await store.storage.write({ a: { n: 2, eTag: '*' } });
    expect((await store.storage.read(['a'])).a.n).toBe(2);
    await store.storage.write({ a: { n: 3 } });
    expect((await store.storage.read(['a'])).a.n).toBe(3);
  });

  it('applies nothing of a batch when one item conflicts', async () => {
    await store.storage.write({ a: { n: 1 }, b: { n: 1 } });
    const before = await store.storage.read(['a', 'b']);
    await store.storage.write({ b: { n: 2 } });
    await expect(store.storage.write({ a: { ...before.a, n: 9 }, b: { ...before.b, n: 9 } })).rejects.toThrow(/"b"/);
    const after = await store.storage.read(['a', 'b']);
    expect([after.a.n, after.b.n]).toEqual([1, 2]);
  });

  it('deletes items, and deleting a missing key is not an error', async () => {
    await store.storage.write({ a: { n: 1 } });
    await store.storage.delete(['a', 'never-there']);
    expect(await store.storage.read(['a'])).toEqual({});
    expect((await onDisk()).state).toEqual({});
  });

  it('hands out copies: changing a read item does not change the store', async () => {
    await store.storage.write({ a: { list: [1] } });
    const item = (await store.storage.read(['a'])).a;
    item.list.push(2);
    expect((await store.storage.read(['a'])).a.list).toEqual([1]);
  });

  it('stores hostile keys as data', async () => {
    await store.storage.write({ ['__proto__']: { n: 1 }, constructor: { n: 2 } });
    const items = await store.storage.read(['__proto__', 'constructor', 'toString']);
    expect(items['__proto__']?.n).toBe(1);
    expect(({} as Record<string, unknown>).n).toBeUndefined();
    expect(items.toString).toBeInstanceOf(Function); // the result object's own prototype, not an item
    expect(Object.keys(items).sort()).toEqual(['__proto__', 'constructor'].sort());
  });

  it('refuses calls without keys the way botbuilder stores do', async () => {
    await expect(store.storage.read(undefined as never)).rejects.toThrow(ReferenceError);
    await expect(store.storage.write(undefined as never)).rejects.toThrow(ReferenceError);
  });

  it('keeps eTags unique across a reopen, so a pre-restart eTag stays stale', async () => {
    await store.storage.write({ a: { n: 1 } });
    const old = (await store.storage.read(['a'])).a;
    await store.storage.write({ a: { n: 2 } });
    await store.close();
    store = await openStore({ dir });
    await store.storage.write({ b: { n: 1 } });
    await expect(store.storage.write({ a: { ...old, n: 3 } })).rejects.toThrow(/eTag conflict/);
  });
});
