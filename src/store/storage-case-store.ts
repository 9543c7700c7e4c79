/**
 * Cases kept through a botbuilder `Storage` (Azure Blobs when scaled out), under `case/<id>`, so
 * every instance behind the load balancer sees the same cases. A small index item lists them;
 * it is updated with eTag checks and retried on conflict, so concurrent instances don't lose ids.
 */
import type { Storage, StoreItem } from 'botbuilder';
import type { Case } from '../triage/types';
import type { CaseStore, ListOptions } from './types';
import { listCases } from './list-cases';
import { caseProblem, isCase, type QuarantinedCase } from './case-check';
import { getOwn, setOwn } from './own';

const INDEX_KEY = 'case-index';
const INDEX_RETRIES = 20;

type IndexEntry = Pick<Case, 'id' | 'updatedAt' | 'status'>;

function caseKey(id: string): string {
  return `case/${id}`;
}

export class StorageCaseStore implements CaseStore {
  constructor(private readonly storage: Storage) {}

  async get(id: string): Promise<Case | undefined> {
    const items = await this.storage.read([caseKey(id)]);
    const item = items[caseKey(id)] as StoreItem | undefined;
    if (!item) return undefined;
    const { eTag: _eTag, ...c } = item;
    return isCase(id, c) ? c : undefined;
  }

  async put(c: Case): Promise<void> {
    if (!c || typeof c.id !== 'string' || c.id === '') throw new TypeError('a case needs a non-empty string id');
    await this.storage.write({ [caseKey(c.id)]: { ...c, eTag: '*' } });
    await this.updateIndex({ id: c.id, updatedAt: c.updatedAt, status: c.status });
  }

  async list(opts: ListOptions = {}): Promise<Case[]> {
    const index = await this.readIndex();
    const wanted = listCases(Object.values(index.entries), opts);
    const found = await Promise.all(wanted.map((e) => this.get(e.id)));
    return found.filter((c): c is Case => c !== undefined);
  }

  async quarantined(): Promise<QuarantinedCase[]> {
    const ids = Object.keys((await this.readIndex()).entries);
    const items = ids.length ? await this.storage.read(ids.map(caseKey)) : {};
    const out: QuarantinedCase[] = [];
    for (const id of ids) {
      const item = items[caseKey(id)] as StoreItem | undefined;
      if (!item) continue;
      const { eTag: _eTag, ...c } = item;
      const problem = caseProblem(id, c);
      if (problem) out.push({ id, problem });
    }
    return out;
  }

  /** Creates the empty index if there is none yet (call once at start-up). */
  async init(): Promise<void> {
    const items = await this.storage.read([INDEX_KEY]);
    if (!items[INDEX_KEY]) await this.storage.write({ [INDEX_KEY]: { entries: {}, eTag: '*' } });
  }

  async close(): Promise<void> {
    // Every put has completed before it resolved: nothing is buffered here.
  }

  private async readIndex(): Promise<{ entries: Record<string, IndexEntry>; eTag?: string }> {
    const items = await this.storage.read([INDEX_KEY]);
    const item = items[INDEX_KEY] as StoreItem | undefined;
    const entries = (item?.entries ?? {}) as Record<string, IndexEntry>;
    return { entries, eTag: item?.eTag };
  }

  private async updateIndex(entry: IndexEntry): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const index = await this.readIndex();
      const old = getOwn(index.entries, entry.id);
      if (old && old.updatedAt === entry.updatedAt && old.status === entry.status) return;
      setOwn(index.entries, entry.id, entry);
      // Storage has no "create only if absent", so the very first index write is unconditional;
      // `init()` makes that happen at start-up, before any case is put.
      try {
        await this.storage.write({ [INDEX_KEY]: { entries: index.entries, eTag: index.eTag ?? '*' } });
        return;
      } catch (err) {
        if (attempt >= INDEX_RETRIES || !/eTag conflict/i.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
  }
}
