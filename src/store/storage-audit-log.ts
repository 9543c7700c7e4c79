/** Audit entries through a botbuilder `Storage`, one item per entry (blob storage has no append). */
import { randomUUID } from 'node:crypto';
import type { Storage } from 'botbuilder';
import type { AuditLog } from './types';

export class StorageAuditLog implements AuditLog {
  constructor(private readonly storage: Storage) {}

  async append(entry: Record<string, unknown>): Promise<void> {
    const at = new Date().toISOString();
    const copy = JSON.parse(JSON.stringify(entry ?? {})) as Record<string, unknown>;
    await this.storage.write({ [`audit/${at}/${randomUUID()}`]: { at, ...copy, eTag: '*' } });
  }
}
