/**
 * Serialises the data file without re-serialising what did not change. Entries (state records,
 * cases) keep their JSON text and live in blocks of up to BLOCK entries, each block keeping its
 * joined text; a write re-serialises only the changed entries and rejoins only their blocks. With
 * thousands of cases this turns a whole-file JSON.stringify per write into a handful of string
 * joins, which is what keeps /api/messages fast while every turn is persisted.
 */
import type { DataShape } from './data-file';
import { getOwn } from './own';

type Section = 'state' | 'cases';
const BLOCK = 16;

interface Block {
  entries: Map<string, string>; // key -> `"key":json`
  /** The block's entries joined and UTF-8 encoded: a write copies these bytes instead of re-encoding the file. */
  bytes: Buffer;
  dirty: boolean;
}

const COMMA = Buffer.from(',');

class SectionText {
  private readonly blockOf = new Map<string, Block>();
  private readonly blocks: Block[] = [];
  private readonly pending = new Set<string>();

  changed(key: string): void {
    this.pending.add(key);
  }

  /** Applies pending changes from `map` (the in-memory section) and returns the section's JSON body as byte chunks. */
  render(map: Record<string, unknown>): Buffer[] {
    for (const key of this.pending) {
      const value = getOwn(map, key);
      const block = this.blockOf.get(key);
      if (value === undefined) {
        if (block) {
          block.entries.delete(key);
          block.dirty = true;
          this.blockOf.delete(key);
        }
        continue;
      }
      const target = block ?? this.blockWithRoom();
      target.entries.set(key, `${JSON.stringify(key)}:${JSON.stringify(value)}`);
      target.dirty = true;
      this.blockOf.set(key, target);
    }
    this.pending.clear();
    const chunks: Buffer[] = [];
    for (const block of this.blocks) {
      if (block.dirty) {
        block.bytes = Buffer.from([...block.entries.values()].join(','));
        block.dirty = false;
      }
      if (block.entries.size === 0) continue;
      if (chunks.length > 0) chunks.push(COMMA);
      chunks.push(block.bytes);
    }
    return chunks;
  }

  private blockWithRoom(): Block {
    let last = this.blocks[this.blocks.length - 1];
    if (!last || last.entries.size >= BLOCK) {
      last = { entries: new Map(), bytes: Buffer.alloc(0), dirty: false };
      this.blocks.push(last);
    }
    return last;
  }
}

export class Snapshot {
  private readonly sections: Record<Section, SectionText> = { state: new SectionText(), cases: new SectionText() };
  private readonly auditChunks: Buffer[] = [];
  private auditCount = 0;

  constructor(private readonly data: () => DataShape) {
    const d = data();
    for (const section of ['state', 'cases'] as const) for (const key of Object.keys(d[section])) this.changed(section, key);
  }

  /** The entry under `key` was set or deleted in memory. */
  changed(section: Section, key: string): void {
    this.sections[section].changed(key);
  }

  /** The whole file's bytes (lowdb's adapter hands them to steno, which writes temp file + rename). */
  render(): Buffer {
    const d = this.data();
    const state = this.sections.state.render(d.state);
    const cases = this.sections.cases.render(d.cases);
    // The audit log only grows: encode the new tail.
    for (; this.auditCount < d.audit.length; this.auditCount++) {
      this.auditChunks.push(Buffer.from((this.auditCount > 0 ? ',' : '') + JSON.stringify(d.audit[this.auditCount])));
    }
    return Buffer.concat([
      Buffer.from(`{"format":${JSON.stringify(d.format)},"seq":${JSON.stringify(d.seq)},"state":{`),
      ...state,
      Buffer.from('},"cases":{'),
      ...cases,
      Buffer.from('},"audit":['),
      ...this.auditChunks,
      Buffer.from(']}\n'),
    ]);
  }
}
