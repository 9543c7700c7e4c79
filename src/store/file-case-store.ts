/** Cases in the data file, keyed by id. Stored as plain JSON copies so callers can't alias them. */
import type { Case } from '../triage/types';
import type { CaseStore } from './types';
import type { DataFile } from './data-file';
import { getOwn, setOwn } from './own';
import { listCases } from './list-cases';
import { caseProblem, isCase, type QuarantinedCase } from './case-check';

export class FileCaseStore implements CaseStore {
  constructor(private readonly file: DataFile) {}

  async get(id: string): Promise<Case | undefined> {
    const found = getOwn(this.file.data.cases, id);
    return isCase(id, found) ? (JSON.parse(JSON.stringify(found)) as Case) : undefined;
  }

  async put(c: Case): Promise<void> {
    if (!c || typeof c.id !== 'string' || c.id === '') throw new TypeError('a case needs a non-empty string id');
    const cases = this.file.data.cases;
    // A quarantined entry under this id is kept beside the new case, never overwritten.
    const old = getOwn(cases, c.id);
    if (old !== undefined && !isCase(c.id, old)) {
      const aside = `${c.id}.quarantined-${Date.now()}`;
      setOwn(cases, aside, old);
      this.file.changed('cases', aside);
    }
    setOwn(cases, c.id, JSON.parse(JSON.stringify(c)) as Case);
    this.file.changed('cases', c.id);
    await this.file.save();
  }

  async list(opts: { limit?: number; status?: Case['status'] } = {}): Promise<Case[]> {
    const all = Object.entries(this.file.data.cases).filter(([id, c]) => isCase(id, c)).map(([, c]) => c);
    return listCases(all, opts).map((c) => JSON.parse(JSON.stringify(c)) as Case);
  }

  async quarantined(): Promise<QuarantinedCase[]> {
    const out: QuarantinedCase[] = [];
    for (const [id, value] of Object.entries(this.file.data.cases)) {
      const problem = caseProblem(id, value);
      if (problem) out.push({ id, problem });
    }
    return out;
  }

  /** The data file is shared with state and audit; `openStore().close()` flushes it. */
  async close(): Promise<void> {
    await this.file.close();
  }
}
