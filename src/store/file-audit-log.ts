/** Append-only audit entries in the data file; each gets a timestamp if the caller gave none. */
import type { AuditLog } from './types';
import type { DataFile } from './data-file';

export class FileAuditLog implements AuditLog {
  constructor(private readonly file: DataFile) {}

  async append(entry: Record<string, unknown>): Promise<void> {
    const copy = JSON.parse(JSON.stringify(entry ?? {})) as Record<string, unknown>;
    this.file.data.audit.push({ at: new Date().toISOString(), ...copy });
    await this.file.save();
  }

  /** Oldest first; a copy. */
  async entries(): Promise<Record<string, unknown>[]> {
    return JSON.parse(JSON.stringify(this.file.data.audit)) as Record<string, unknown>[];
  }
}
