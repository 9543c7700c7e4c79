/** Append-only audit entries in the data file; each gets a timestamp if the caller gave none. Old ones move to the archive. */
import type { AuditLog } from './types';
import type { DataFile } from './data-file';
import type { Archive } from './archive';
import { auditTime, textOf } from './working-set';

export class FileAuditLog implements AuditLog {
  constructor(
    private readonly file: DataFile,
    private readonly archive?: Archive,
  ) {}

  async append(entry: Record<string, unknown>): Promise<void> {
    // Serialising is the copy: the caller's object is not kept.
    const full: Record<string, unknown> = { at: new Date().toISOString(), ...(entry ?? {}) };
    const text = JSON.stringify(full);
    const at = full.at instanceof Date ? full.at.toISOString() : auditTime(full);
    this.file.data.audit.push({ at, text });
    await this.file.save();
  }

  /** Oldest first (the archived months, then the data file); a copy. */
  async entries(): Promise<Record<string, unknown>[]> {
    const archived = this.archive ? await this.archive.auditEntries() : [];
    return [...archived, ...this.file.data.audit.map((a) => JSON.parse(textOf(a)) as Record<string, unknown>)];
  }
}
