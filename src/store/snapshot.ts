/**
 * Turns the working set into bytes for the data file (format in journal.ts): a batch line of what
 * changed since the last one, or the whole file as a sequence of chunks.
 *
 * Nothing is serialised here that was serialised before: a written entry carries its JSON text
 * (made once, when it was written) and the batch line splices that text in. Only entries still held
 * as parsed values since the file was read are serialised, once, when first needed.
 *
 * The whole file is rendered a chunk at a time while the journaled file writes it in the
 * background (journaled-file.ts), so no turn waits for a rewrite: each chunk reads the entries as
 * they are at that moment, and every batch appended after rendering began is replayed on top.
 */
import { SECTIONS, type Section } from './journal';
import { stateRecordText, textOf, type WorkingSet } from './working-set';

/** A rewrite writes chunks of about this size, yielding to turns between them. */
const CHUNK_CHARS = 64 * 1024;

function entryText(ws: WorkingSet, section: Section, key: string): string | undefined {
  if (section === 'state') {
    const entry = ws.state.get(key);
    return entry && stateRecordText(entry);
  }
  const entry = ws.cases.get(key);
  return entry && textOf(entry);
}

export class Snapshot {
  private readonly pending: Record<Section, Set<string>> = { state: new Set(), cases: new Set() };
  /** Audit entries (from the front of ws.audit) already in the file. */
  private auditWritten: number;
  private auditDrop = 0;

  constructor(private readonly ws: () => WorkingSet) {
    this.auditWritten = ws().audit.length;
  }

  /** The entry under `key` was set or deleted in memory. */
  changed(section: Section, key: string): void {
    this.pending[section].add(key);
  }

  /** The `n` oldest audit entries (already written) were removed from memory. */
  auditDropped(n: number): void {
    this.auditWritten -= n;
    this.auditDrop += n;
  }

  /** How many of the oldest audit entries are in the file already (only those may be archived). */
  get auditInFile(): number {
    return this.auditWritten;
  }

  get hasPending(): boolean {
    return this.pending.state.size > 0 || this.pending.cases.size > 0 || this.auditDrop > 0 || this.auditWritten < this.ws().audit.length;
  }

  /** The changes since the last batch, as one batch line, or undefined if none. */
  batch(): Buffer | undefined {
    const ws = this.ws();
    const parts: string[] = [];
    const deleted: string[] = [];
    for (const section of SECTIONS) {
      const set: string[] = [];
      const gone: string[] = [];
      for (const key of this.pending[section]) {
        const text = entryText(ws, section, key);
        if (text === undefined) gone.push(key);
        else set.push(`${JSON.stringify(key)}:${text}`);
      }
      this.pending[section].clear();
      if (set.length > 0) parts.push(`${JSON.stringify(section)}:{${set.join(',')}}`);
      if (gone.length > 0) deleted.push(`${JSON.stringify(section)}:${JSON.stringify(gone)}`);
    }
    const audit = ws.audit.slice(this.auditWritten).map((a) => textOf(a));
    this.auditWritten = ws.audit.length;
    const drop = this.auditDrop;
    this.auditDrop = 0;
    if (parts.length === 0 && deleted.length === 0 && audit.length === 0 && drop === 0) return undefined;
    let line = `{"seq":${ws.seq}`;
    if (parts.length > 0) line += `,"set":{${parts.join(',')}}`;
    if (deleted.length > 0) line += `,"del":{${deleted.join(',')}}`;
    if (drop > 0) line += `,"drop":${drop}`;
    if (audit.length > 0) line += `,"audit":[${audit.join(',')}]`;
    return Buffer.from(`${line}}\n`);
  }

  /**
   * The whole file, chunk by chunk. Keys are listed when rendering starts; each entry is read when
   * its chunk is made. Pending changes stay pending: they go into the next batch as usual.
   */
  *render(): Generator<Buffer> {
    const ws = this.ws();
    const keys = { state: [...ws.state.keys()], cases: [...ws.cases.keys()] };
    const audit = ws.audit.slice();
    let out = `{"format":${ws.format},"seq":${ws.seq}`;
    for (const section of SECTIONS) {
      out += `,${JSON.stringify(section)}:{`;
      let first = true;
      for (const key of keys[section]) {
        const text = entryText(ws, section, key);
        if (text === undefined) continue; // deleted since rendering began
        out += `${first ? '' : ','}${JSON.stringify(key)}:${text}`;
        first = false;
        if (out.length >= CHUNK_CHARS) {
          yield Buffer.from(out);
          out = '';
        }
      }
      out += '}';
    }
    out += ',"audit":[';
    for (let i = 0; i < audit.length; i++) {
      out += `${i > 0 ? ',' : ''}${textOf(audit[i])}`;
      if (out.length >= CHUNK_CHARS) {
        yield Buffer.from(out);
        out = '';
      }
    }
    yield Buffer.from(`${out}]}\n`);
  }
}
