/**
 * Reading a capture into a report: a file read in large reads into one reusable buffer (or a
 * buffer in memory), parsed in place through the capture parser, the packet decoder and the
 * conversation table. Memory stays flat with file size: only the live conversations, the read
 * buffer and one record are ever held.
 */
import { CaptureParser } from './capture-parser';
import { readInChunks, READ_CHUNK } from './chunked-read';
import { ConversationTable } from './conversations';
import { conversationFindings, traceFindings } from './findings';
import type { Frame } from './frame';
import { decodeFrame, LINK_NAMES, newSegment } from './packet-decode';
import type { TraceReport } from './types';
import { TRACE_LIMITS } from './limits';

export interface ReadOptions {
  /** TCP ports SQL Server listens on (besides any conversation that speaks TDS); default [1433]. */
  ports?: number[];
  /** Called now and then with the bytes read so far. */
  progress?: (bytesRead: number) => void;
  /** Stop after this many bytes (a warning says so). */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Bytes per read of a file (default READ_CHUNK). */
  chunkBytes?: number;
}

export { READ_CHUNK };

/** Progress is reported after every this many bytes. */
const PROGRESS_EVERY = 4 * 1024 * 1024;

/** The incremental reader: push chunks, then finish() for the report. */
export class TraceReader {
  private readonly parser: CaptureParser;
  private readonly table: ConversationTable;
  private readonly links = new Set<number>();
  private lastLink = -1;
  /** Reused for every frame: the table copies what it keeps. */
  private readonly segment = newSegment();
  private firstUs = NaN;
  private lastUs = NaN;
  private skipped = { unknownLink: 0, truncated: 0, fragment: 0 };
  private readonly ports: number[];

  constructor(opts: ReadOptions = {}) {
    this.ports = opts.ports?.length ? opts.ports : [1433];
    this.table = new ConversationTable({ ports: new Set(this.ports) });
    this.parser = new CaptureParser((f) => this.frame(f));
  }

  private frame(f: Frame): void {
    if (!Number.isFinite(f.tsUs)) f.tsUs = Number.isFinite(this.lastUs) ? this.lastUs : 0;
    if (Number.isNaN(this.firstUs)) this.firstUs = this.table.originUs = f.tsUs;
    if (!(f.tsUs <= this.lastUs)) this.lastUs = f.tsUs;
    if (f.linkType !== this.lastLink) this.links.add((this.lastLink = f.linkType));
    const skip = decodeFrame(f, this.segment);
    if (skip === undefined) return this.table.add(this.segment);
    if (skip === 'unknown-link') this.skipped.unknownLink++;
    else if (skip === 'truncated') this.skipped.truncated++;
    else if (skip === 'fragment') this.skipped.fragment++;
  }

  /** Chunks of any size (the incomplete record at the end of one is kept for the next). */
  push(chunk: Buffer): void {
    this.parser.push(chunk);
  }

  /** Reads the whole records of buf[from, to) in place; returns where the unread tail starts. */
  consume(buf: Buffer, from: number, to: number): number {
    return this.parser.consume(buf, from, to);
  }

  get bytesRead(): number {
    return this.parser.consumed;
  }
  get stopped(): boolean {
    return this.parser.stopped;
  }

  finish(extraWarnings: string[] = []): TraceReport {
    this.parser.end();
    this.table.close();
    const warnings = [...this.parser.warnings.list(), ...extraWarnings];
    if (this.skipped.unknownLink) warnings.push(`${this.skipped.unknownLink} frames of a link type this reader does not decode`);
    if (this.skipped.truncated) warnings.push(`${this.skipped.truncated} frames cut too short to read their TCP header`);
    if (this.skipped.fragment) warnings.push(`${this.skipped.fragment} IP fragments after the first skipped`);
    const durationMs = Number.isFinite(this.lastUs - this.firstUs) ? (this.lastUs - this.firstUs) / 1000 : 0;
    const convs = this.table.done;
    const opened = convs.filter((c) => c.syn).length + this.table.extra.shortClosed;
    const findings = [
      ...conversationFindings(convs),
      ...traceFindings({ convs, extraShort: this.table.extra.shortClosed, extraReuse: this.table.extra.portReuse, durationMs }),
    ];
    if (this.table.sqlConversations === 0 && this.table.tcpConversations > 0)
      warnings.push(`no conversation to SQL Server found among ${this.table.tcpConversations} TCP conversations (port ${this.ports.join(', ')} or TDS); name the server's port if it is another`);
    return {
      format: this.parser.format,
      linkTypes: [...this.links].map((l) => LINK_NAMES[l] ?? `link type ${l}`),
      frames: this.parser.frames,
      bytesRead: this.parser.consumed,
      startIso: Number.isFinite(this.firstUs) ? new Date(this.firstUs / 1000).toISOString() : undefined,
      durationMs: Math.round(durationMs * 1000) / 1000,
      tcpConversations: this.table.tcpConversations,
      sqlConversations: this.table.sqlConversations,
      conversations: convs,
      connectionRate: durationMs > 0 ? Math.round((opened / (durationMs / 1000)) * 100) / 100 : 0,
      findings,
      warnings,
    };
  }

}

/** Reads a whole buffer (an attachment, a test file). */
export function readTraceBuffer(buf: Buffer, opts: ReadOptions = {}): TraceReport {
  const r = new TraceReader(opts);
  r.consume(buf, 0, buf.length);
  return r.finish();
}

/** Reads a file in large reads into one reusable buffer. Rejects only when the file cannot be opened. */
export async function readTraceFile(path: string, opts: ReadOptions = {}): Promise<TraceReport> {
  const r = new TraceReader(opts);
  let lastReport = 0;
  const read = await readInChunks(
    path,
    (buf, from, to) => {
      const at = r.consume(buf, from, to);
      if (r.stopped) return -1;
      if (opts.progress && r.bytesRead - lastReport >= PROGRESS_EVERY) {
        lastReport = r.bytesRead;
        opts.progress(r.bytesRead);
      }
      return at;
    },
    { maxBytes: opts.maxBytes, signal: opts.signal, chunkBytes: opts.chunkBytes, carryMax: TRACE_LIMITS.maxRecordBytes + 16 },
  );
  const extra: string[] = [];
  if (read.aborted) extra.push('reading was stopped before the end of the file');
  if (opts.maxBytes && read.bytes >= opts.maxBytes) extra.push(`only the first ${opts.maxBytes} bytes were read`);
  return r.finish(extra);
}
