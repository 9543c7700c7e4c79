import { createStorageFromEnv, openBlobStore } from '../../src/store';
import type { Case } from '../../src/triage/types';
import { startAzurite, type Azurite } from './azurite';

let azurite: Azurite;
beforeAll(async () => {
  azurite = await startAzurite();
});
afterAll(async () => {
  await azurite?.stop();
});

function aCase(id: string, updatedAt: string): Case {
  return { id, createdAt: updatedAt, updatedAt, status: 'open', evidence: [], history: [] };
}

describe('blob storage (Azurite on loopback)', () => {
  it('is chosen by SQLTRIAGE_STORAGE=blobs and keeps eTag semantics', async () => {
    const store = await createStorageFromEnv({
      SQLTRIAGE_STORAGE: 'blobs',
      SQLTRIAGE_BLOB_CONNECTION_STRING: azurite.connectionString,
      SQLTRIAGE_BLOB_CONTAINER: 'etags',
    });
    expect(store.describe).toBe('blobs:etags');
    await store.storage.write({ 'conv/1': { n: 1 } });
    const stale = (await store.storage.read(['conv/1']))['conv/1'];
    await store.storage.write({ 'conv/1': { ...stale, n: 2 } });
    await expect(store.storage.write({ 'conv/1': { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
    expect((await store.storage.read(['conv/1']))['conv/1'].n).toBe(2);
    await store.close();
  });

  it('shares cases between two instances, and concurrent puts keep every id in the list', async () => {
    const opts = { connectionString: azurite.connectionString, container: 'shared' };
    const [a, b] = await Promise.all([openBlobStore(opts), openBlobStore(opts)]);
    await a.cases.put(aCase('from-a', '2025-01-01T00:00:00.000Z'));
    expect((await b.cases.get('from-a'))?.id).toBe('from-a');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).cases.put(aCase(`c${i}`, new Date(2e12 + i).toISOString()))),
    );
    const ids = (await a.cases.list()).map((c) => c.id);
    expect(ids).toHaveLength(21);
    expect(ids[0]).toBe('c19');
    expect(ids).toContain('from-a');
  });

  it('keeps non-ASCII text intact (pasted errors are not always English)', async () => {
    const store = await openBlobStore({ connectionString: azurite.connectionString, container: 'unicode' });
    const c = { ...aCase('u1', '2025-01-01T00:00:00.000Z'), origin: { user: 'Zoë Ångström — “ops” ✓' } };
    await store.cases.put(c);
    expect((await store.cases.get('u1'))?.origin?.user).toBe('Zoë Ångström — “ops” ✓');
  });

  it.each([
    [{ SQLTRIAGE_STORAGE: 'blobs' }, /SQLTRIAGE_BLOB_CONNECTION_STRING/],
    [{ SQLTRIAGE_STORAGE: 'blobs', SQLTRIAGE_BLOB_CONNECTION_STRING: 'x', SQLTRIAGE_BLOB_CONTAINER: 'Bad_Name' }, /not a valid container name/],
    [{ SQLTRIAGE_STORAGE: 'cosmos' }, /not known/],
  ])('explains bad settings: %j', async (env, message) => {
    await expect(createStorageFromEnv(env)).rejects.toThrow(message);
  });
});
