/** Cases in the data file, keyed by id. Stored as plain JSON copies so callers can't alias them. */
import type { Case } from '../triage/types';
import type { CaseStore } from './types';
import type { DataFile } from './data-file';
import { getOwn, setOwn } from './own';
import { listCases } from './list-cases';

export class FileCaseStore implements CaseStore {
  constructor(private readonly file: DataFile) {}

  async get(id: string): Promise<Case | undefined> {
    const found = getOwn(this.file.data.cases, id);
    return found ? (JSON.parse(JSON.stringify(found)) as Case) : undefined;
  }

  async put(c: Case): Promise<void> {
    if (!c || typeof c.id !== 'string' || c.id === '') throw new TypeError('a case needs a non-empty string id');
    setOwn(this.file.data.cases, c.id, JSON.parse(JSON.stringify(c)) as Case);
    this.file.changed('cases', c.id);
    await this.file.save();
  }

  async list(opts: { limit?: number; status?: Case['status'] } = {}): Promise<Case[]> {
    const all = Object.values(this.file.data.cases);
    return listCases(all, opts).map((c) => JSON.parse(JSON.stringify(c)) as Case);
  }

  /** The data file is shared with state and audit; `openStore().close()` flushes it. */
  async close(): Promise<void> {
    await this.file.close();
  }
}
