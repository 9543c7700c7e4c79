/**
 * botbuilder `Storage` over the data file, with the eTag rules botbuilder's own stores follow:
 * a missing or "*" eTag writes unconditionally; any other eTag must match the stored one, or the
 * write fails with an Error and nothing in that batch is changed.
 *
 * A write serialises each value once (that text is what the file gets); a read parses it, which
 * hands the caller a copy of its own.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { DataFile } from './data-file';
import { setOwn } from './own';
import { textOf } from './working-set';

export class FileStorage implements Storage {
  constructor(
    private readonly file: DataFile,
    private readonly now: () => number = Date.now,
  ) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when reading.');
    const { state } = this.file.data;
    const items: StoreItems = {};
    for (const key of keys) {
      const entry = state.get(key);
      if (entry) setOwn(items, key, { ...(JSON.parse(textOf(entry)) as object), eTag: entry.eTag });
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes || typeof changes !== 'object') throw new ReferenceError('Changes are required when writing.');
    const data = this.file.data;
    const entries = Object.entries(changes);
    // Check every eTag before changing anything, so a conflict leaves the batch unapplied.
    for (const [key, item] of entries) {
      const old = data.state.get(key);
      const eTag: unknown = item?.eTag;
      if (old && eTag !== undefined && eTag !== '*' && eTag !== '' && eTag !== old.eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    const at = this.now();
    for (const [key, item] of entries) {
      const { eTag: _ignored, ...value } = (item ?? {}) as Record<string, unknown>;
      data.seq += 1;
      data.state.set(key, { eTag: String(data.seq), at, text: JSON.stringify(value) });
      this.file.changed('state', key);
    }
    if (entries.length > 0) await this.file.save();
  }

  async delete(keys: string[]): Promise<void> {
    if (!Array.isArray(keys)) throw new ReferenceError('Keys are required when deleting.');
    const { state } = this.file.data;
    let changed = false;
    for (const key of keys) {
      if (state.delete(key)) {
        this.file.changed('state', key);
        changed = true;
      }
    }
    if (changed) await this.file.save();
  }
}
