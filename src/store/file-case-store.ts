/**
 * Cases in the data file's working set, keyed by id, and in the archive once they are old. A put
 * serialises the case once (the copy the caller cannot alias, and the text the file gets); a get is
 * one parse. The working set wins over an archived copy of the same id.
 */
import type { Case } from '../triage/types';
import type { CaseStore, ListOptions } from './types';
import type { DataFile } from './data-file';
import type { Archive, IndexEntry } from './archive';
import { listCases } from './list-cases';
import type { QuarantinedCase } from './case-check';
import { caseEntry, textOf } from './working-set';

export class FileCaseStore implements CaseStore {
  constructor(
    private readonly file: DataFile,
    private readonly archive: Archive,
  ) {}

  async get(id: string): Promise<Case | undefined> {
    const entry = this.file.data.cases.get(id);
    if (entry) return entry.problem ? undefined : (JSON.parse(textOf(entry)) as Case);
    return this.archive.get(id);
  }

  async put(c: Case): Promise<void> {
    if (!c || typeof c.id !== 'string' || c.id === '') throw new TypeError('a case needs a non-empty string id');
    const cases = this.file.data.cases;
    // A quarantined entry under this id is kept beside the new case, never overwritten.
    const old = cases.get(c.id);
    if (old?.problem) {
      const aside = `${c.id}.quarantined-${Date.now()}`;
      cases.set(aside, old);
      this.file.changed('cases', aside);
    }
    cases.set(c.id, caseEntry(c.id, c, JSON.stringify(c)));
    this.file.changed('cases', c.id);
    await this.file.save();
  }

  /**
   * The working set and the archive merged, newest first. With a limit or `since`, archived months
   * are read newest first and only while they can still hold a case that makes the cut.
   */
  async list(opts: ListOptions = {}): Promise<Case[]> {
    type Row = Pick<Case, 'id' | 'status' | 'updatedAt'> & { entry?: IndexEntry };
    const ws = this.file.data.cases;
    const rows: Row[] = [];
    for (const [id, e] of ws) if (!e.problem) rows.push({ id, status: e.status!, updatedAt: e.updatedAt! });
    const matches = (r: Row) => (!opts.status || r.status === opts.status) && (!opts.since || r.updatedAt >= opts.since);
    for (const { month, newest } of await this.archive.monthsByNewest()) {
      if (opts.since && newest < opts.since) break;
      if (opts.limit !== undefined) {
        const kept = rows.filter(matches);
        if (kept.length >= opts.limit && newest < listCases(kept, opts)[opts.limit - 1].updatedAt) break;
      }
      for (const e of await this.archive.monthEntries(month)) if (!ws.has(e.id)) rows.push({ id: e.id, status: e.s, updatedAt: e.u, entry: e });
    }
    const chosen = listCases(rows, opts);
    const archived = new Map((await this.archive.readCases(chosen.flatMap((r) => (r.entry ? [r.entry] : [])))).map((c) => [c.id, c]));
    const out: Case[] = [];
    for (const row of chosen) {
      const c = row.entry ? archived.get(row.id) : JSON.parse(textOf(ws.get(row.id)!)) as Case;
      if (c) out.push(c);
    }
    return out;
  }

  /** Damaged entries in the data file, and damaged archived copies met so far. */
  async quarantined(): Promise<QuarantinedCase[]> {
    const out: QuarantinedCase[] = [];
    for (const [id, e] of this.file.data.cases) if (e.problem) out.push({ id, problem: e.problem });
    return [...out, ...this.archive.quarantined()];
  }

  /** The data file is shared with state and audit; `openStore().close()` flushes it. */
  async close(): Promise<void> {
    await this.file.close();
  }
}
