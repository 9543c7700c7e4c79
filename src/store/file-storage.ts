/**
 * botbuilder `Storage` over the data file, with the eTag rules botbuilder's own stores follow:
 * a missing or "*" eTag writes unconditionally; any other eTag must match the stored one, or the
 * write fails with an Error and nothing in that batch is changed.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { DataFile } from './data-file';
import { deleteOwn, getOwn, setOwn } from './own';

/** JSON round trip: what is kept in memory is exactly what the file will hold. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export class FileStorage implements Storage {
  constructor(private readonly file: DataFile) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const { state } = this.file.data;
    const items: StoreItems = {};
    for (const key of keys) {
      const record = getOwn(state, key);
      if (record) setOwn(items, key, { ...plain(record.value), eTag: record.eTag });
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const data = this.file.data;
    const entries = Object.entries(changes);
    // Check every eTag before changing anything, so a conflict leaves the batch unapplied.
    for (const [key, item] of entries) {
      const old = getOwn(data.state, key);
      const eTag: unknown = item?.eTag;
      if (old && eTag !== undefined && eTag !== '*' && eTag !== '' && eTag !== old.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const [key, item] of entries) {
      const { eTag: _ignored, ...value } = (item ?? {}) as Record<string, unknown>;
      data.seq += 1;
      setOwn(data.state, key, { eTag: String(data.seq), value: plain(value) });
      this.file.changed('state', key);
    }
    if (entries.length > 0) await this.file.save();
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    const { state } = this.file.data;
    let changed = false;
    for (const key of keys) {
      if (deleteOwn(state, key)) {
        this.file.changed('state', key);
        changed = true;
      }
    }
    if (changed) await this.file.save();
  }
}
