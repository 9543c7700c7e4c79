/** Audit log: one JSON line per probe request (run or refused), appended to a file. */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface AuditEntry {
  at: string;
  user: string;
  channel?: string;
  conversation?: string;
  via: string;
  server: string;
  steps: string[];
  series?: number;
  outcome: 'completed' | 'refused' | 'error';
  code?: string;
  signals?: string[];
  durationMs?: number;
}

export interface AuditSink {
  write(entry: AuditEntry): Promise<void>;
}

export class FileAudit implements AuditSink {
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  write(entry: AuditEntry): Promise<void> {
    // Serialise appends so lines from concurrent probes never interleave.
    this.chain = this.chain.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await fs.appendFile(this.file, JSON.stringify(entry) + '\n', { mode: 0o600 });
    });
    return this.chain;
  }
}

export const noAudit: AuditSink = { write: async () => undefined };
