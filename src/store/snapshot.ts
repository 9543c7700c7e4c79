/**
 * Serialises the data file without re-serialising what did not change. Each entry (a state
 * record, a case) keeps its JSON text, and entries live in blocks of up to BLOCK, each block
 * keeping its joined bytes. A change is serialised once, when the next write takes it: that text
 * goes into the appended batch line (journal.ts) and into its block, so a later rewrite of the
 * whole file only rejoins the blocks that changed.
 */
import type { DataShape } from './data-file';
import { SECTIONS, type Section } from './journal';
import { getOwn } from './own';
const BLOCK = 16;

interface Block {
  entries: Map<string, string>; // key -> `"key":json`
  /** The block's entries joined and UTF-8 encoded: a rewrite copies these bytes instead of re-encoding the file. */
  bytes: Buffer;
  dirty: boolean;
}

const COMMA = Buffer.from(',');
const CASES_OPEN = Buffer.from('},"cases":{');
const AUDIT_OPEN = Buffer.from('},"audit":[');
const FILE_CLOSE = Buffer.from(']}\n');

/** What changed in a section since the last take: entries set (as text) and keys deleted. */
interface Taken {
  set: string[];
  deleted: string[];
}

class SectionText {
  private readonly blockOf = new Map<string, Block>();
  private readonly blocks: Block[] = [];
  private readonly pending = new Set<string>();

  changed(key: string): void {
    this.pending.add(key);
  }

  /** Serialises the pending changes from `map` (the in-memory section) into their blocks. */
  take(map: Record<string, unknown>): Taken {
    const taken: Taken = { set: [], deleted: [] };
    for (const key of this.pending) {
      const value = getOwn(map, key);
      const block = this.blockOf.get(key);
      if (value === undefined) {
        taken.deleted.push(key);
        if (block) {
          block.entries.delete(key);
          block.dirty = true;
          this.blockOf.delete(key);
        }
        continue;
      }
      const entry = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
      taken.set.push(entry);
      const target = block ?? this.blockWithRoom();
      target.entries.set(key, entry);
      target.dirty = true;
      this.blockOf.set(key, target);
    }
    this.pending.clear();
    return taken;
  }

  /** The section's JSON body as byte chunks (pending changes must have been taken). */
  chunks(): Buffer[] {
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
  private auditEncoded = 0;
  /** Audit entries already in the file (in the snapshot line or an appended batch). */
  private auditWritten: number;

  constructor(private readonly data: () => DataShape) {
    const d = data();
    // What was read from the file goes into the blocks now: it is not a change for the next batch.
    for (const section of SECTIONS) {
      for (const key of Object.keys(d[section])) this.changed(section, key);
      this.sections[section].take(d[section]);
    }
    this.auditWritten = d.audit.length;
  }

  /** The entry under `key` was set or deleted in memory. */
  changed(section: Section, key: string): void {
    this.sections[section].changed(key);
  }

  /** The changes since the last batch or rewrite, as one batch line (journal.ts), or undefined if none. */
  batch(): Buffer | undefined {
    const d = this.data();
    const parts: string[] = [];
    const deleted: string[] = [];
    for (const section of SECTIONS) {
      const { set, deleted: gone } = this.sections[section].take(d[section]);
      if (set.length > 0) parts.push(`${JSON.stringify(section)}:{${set.join(',')}}`);
      if (gone.length > 0) deleted.push(`${JSON.stringify(section)}:${JSON.stringify(gone)}`);
    }
    const audit = d.audit.slice(this.auditWritten);
    this.auditWritten = d.audit.length;
    if (parts.length === 0 && deleted.length === 0 && audit.length === 0) return undefined;
    let line = `{"seq":${JSON.stringify(d.seq)}`;
    if (parts.length > 0) line += `,"set":{${parts.join(',')}}`;
    if (deleted.length > 0) line += `,"del":{${deleted.join(',')}}`;
    if (audit.length > 0) line += `,"audit":${JSON.stringify(audit)}`;
    return Buffer.from(`${line}}\n`);
  }

  /** The whole file as byte chunks, in order, taking every pending change: the writer uses one writev. */
  render(): Buffer[] {
    const d = this.data();
    for (const section of SECTIONS) this.sections[section].take(d[section]);
    // The audit log only grows: encode the new tail.
    for (; this.auditEncoded < d.audit.length; this.auditEncoded++) {
      this.auditChunks.push(Buffer.from((this.auditEncoded > 0 ? ',' : '') + JSON.stringify(d.audit[this.auditEncoded])));
    }
    this.auditWritten = d.audit.length;
    return [
      Buffer.from(`{"format":${JSON.stringify(d.format)},"seq":${JSON.stringify(d.seq)},"state":{`),
      ...this.sections.state.chunks(),
      CASES_OPEN,
      ...this.sections.cases.chunks(),
      AUDIT_OPEN,
      ...this.auditChunks,
      FILE_CLOSE,
    ];
  }
}
