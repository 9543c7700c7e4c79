/**
 * Push parser for .pcap (both byte orders, micro- and nanosecond) and .pcapng (SHB, IDB, EPB, SPB
 * and the obsolete PB; several interfaces and sections; options read only where they matter).
 * Two ways in: consume() reads the whole records of a window of the caller's buffer in place and
 * says where the first incomplete one starts (a file reader moves that tail to the front of its
 * reusable buffer and reads on: no copy, no allocation per frame); push() takes chunks of any size
 * and keeps the incomplete tail itself. Holds at most one record's bytes; never throws on bad
 * input: what it cannot read becomes a warning and, where the framing is lost, the end of reading.
 */
import type { Frame } from './frame';
import { Warnings } from './frame';
import { TRACE_LIMITS } from './limits';

export type CaptureFormat = 'pcap' | 'pcapng' | 'unknown';

const PCAP_MAGIC = new Map<number, { little: boolean; nano: boolean }>([
  [0xa1b2c3d4, { little: false, nano: false }],
  [0xd4c3b2a1, { little: true, nano: false }],
  [0xa1b23c4d, { little: false, nano: true }],
  [0x4d3cb2a1, { little: true, nano: true }],
]);
const NG_SHB = 0x0a0d0d0a;

interface Iface {
  linkType: number;
  snaplen: number;
  unitsPerSec: number;
  offsetSec: number;
}

export class CaptureParser {
  format: CaptureFormat = 'unknown';
  readonly warnings = new Warnings();
  /** Bytes consumed so far (for progress). */
  consumed = 0;
  frames = 0;
  /** Set once the framing is lost: nothing more will be read. */
  stopped = false;

  /** push(): the incomplete record carried over from the last chunk (a copy). */
  private pending: Buffer | undefined;
  /** Bytes still to skip of a record too large to read. */
  private skip = 0;
  private little = true;
  private nano = false;
  private linkType = 0;
  private headerDone = false;
  private ifaces: Iface[] = [];
  private lastTs = 0;
  /** Whether the last consume() left an incomplete record behind (for end()). */
  private tail = 0;

  /** Handed to the consumer for each frame and then reused: copy what you keep. */
  private readonly frame: Frame = { tsUs: 0, linkType: 0, buf: Buffer.alloc(0), at: 0, end: 0, origLen: 0, iface: 0 };

  constructor(private readonly onFrame: (f: Frame) => void) {}

  private emit(tsUs: number, linkType: number, buf: Buffer, at: number, end: number, origLen: number, iface: number): void {
    const f = this.frame;
    f.tsUs = tsUs;
    f.linkType = linkType;
    f.buf = buf;
    f.at = at;
    f.end = end;
    f.origLen = origLen;
    f.iface = iface;
    this.onFrame(f);
  }

  /**
   * Reads every whole record in buf[from, to) and returns where the first incomplete one starts
   * (`to` when none is left). The caller offers buf[returned, to) again, followed by more bytes.
   */
  consume(buf: Buffer, from: number, to: number): number {
    if (this.stopped) {
      this.tail = 0;
      return to;
    }
    let at = from;
    if (this.skip > 0) {
      const n = Math.min(this.skip, to - at);
      this.skip -= n;
      this.consumed += n;
      at += n;
      if (this.skip > 0) {
        this.tail = 0;
        return to;
      }
    }
    at = this.run(buf, at, to);
    this.tail = this.stopped || this.skip > 0 ? 0 : to - at;
    return this.stopped ? to : at;
  }

  /** Chunks of any size; the stream may reuse its chunk, so an incomplete tail is copied. */
  push(chunk: Buffer): void {
    if (this.stopped) return;
    const buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    const at = this.consume(buf, 0, buf.length);
    if (at < buf.length) this.pending = Buffer.from(buf.subarray(at));
  }

  /** Reads units from `at` up to `to`; returns where more bytes are needed (a skip past `to` sets `skip`). */
  private run(buf: Buffer, at: number, to: number): number {
    while (!this.stopped && at < to) {
      const used = this.next(buf, at, to);
      if (used === 0) break;
      if (used < 0) {
        const want = -used;
        const have = to - at;
        if (want <= have) {
          at += want;
          this.consumed += want;
          continue;
        }
        this.consumed += have;
        this.skip = want - have;
        return to;
      }
      at += used;
      this.consumed += used;
    }
    return at;
  }

  /** Call at the end of input: reports a record cut short. */
  end(): void {
    if (this.stopped) return;
    const left = this.pending?.length ?? this.tail;
    if (left) this.warnings.add(`the file ends inside a record (${left} bytes left unread)`);
    else if (this.skip > 0) this.warnings.add('the file ends inside a record that was being skipped');
    else if (this.format === 'unknown') this.warnings.add('the file is empty or too short to be a capture');
    this.pending = undefined;
    this.tail = 0;
  }

  private stop(reason: string): number {
    this.warnings.add(reason);
    this.stopped = true;
    return 0;
  }

  private u32(b: Buffer, at: number): number {
    return this.little
      ? b[at + 3] * 0x1000000 + ((b[at + 2] << 16) | (b[at + 1] << 8) | b[at])
      : b[at] * 0x1000000 + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]);
  }
  private u16(b: Buffer, at: number): number {
    return this.little ? b[at] | (b[at + 1] << 8) : (b[at] << 8) | b[at + 1];
  }

  /** Reads one unit at `at` (bytes up to `to`): >0 bytes used, 0 = need more, <0 = skip that many bytes. */
  private next(b: Buffer, at: number, to: number): number {
    const left = to - at;
    if (this.format === 'unknown') {
      if (left < 4) return 0;
      const magic = b.readUInt32BE(at);
      if (PCAP_MAGIC.has(magic)) this.format = 'pcap';
      else if (magic === NG_SHB) this.format = 'pcapng';
      else return this.stop('not a pcap or pcapng file (unknown magic number)');
    }
    return this.format === 'pcap' ? this.nextPcap(b, at, left) : this.nextNg(b, at, left);
  }

  private nextPcap(b: Buffer, at: number, left: number): number {
    if (!this.headerDone) {
      if (left < 24) return 0;
      const m = PCAP_MAGIC.get(b.readUInt32BE(at))!;
      this.little = m.little;
      this.nano = m.nano;
      this.linkType = this.u32(b, at + 20) & 0x0fffffff; // upper bits carry FCS information
      this.headerDone = true;
      return 24;
    }
    if (left < 16) return 0;
    // Record header read in place (this runs for every frame: no call that returns a boxed number).
    const little = this.little;
    const incl = little ? b[at + 8] + b[at + 9] * 0x100 + b[at + 10] * 0x10000 + b[at + 11] * 0x1000000 : b[at + 11] + b[at + 10] * 0x100 + b[at + 9] * 0x10000 + b[at + 8] * 0x1000000;
    if (incl > TRACE_LIMITS.maxRecordBytes) {
      // Classic pcap has no marker to find the next record by: a wild length loses the framing.
      if (incl > 16 * 1024 * 1024) return this.stop(`record ${this.frames + 1} claims ${incl} bytes; the rest of the file cannot be framed`);
      this.warnings.add(`records larger than ${TRACE_LIMITS.maxRecordBytes} bytes skipped`);
      return -(16 + incl);
    }
    if (left < 16 + incl) return 0;
    const sec = little ? b[at] + b[at + 1] * 0x100 + b[at + 2] * 0x10000 + b[at + 3] * 0x1000000 : b[at + 3] + b[at + 2] * 0x100 + b[at + 1] * 0x10000 + b[at] * 0x1000000;
    const frac = little ? b[at + 4] + b[at + 5] * 0x100 + b[at + 6] * 0x10000 + b[at + 7] * 0x1000000 : b[at + 7] + b[at + 6] * 0x100 + b[at + 5] * 0x10000 + b[at + 4] * 0x1000000;
    const orig = little ? b[at + 12] + b[at + 13] * 0x100 + b[at + 14] * 0x10000 + b[at + 15] * 0x1000000 : b[at + 15] + b[at + 14] * 0x100 + b[at + 13] * 0x10000 + b[at + 12] * 0x1000000;
    this.frames++;
    const f = this.frame;
    f.tsUs = sec * 1e6 + (this.nano ? frac / 1000 : frac);
    f.linkType = this.linkType;
    f.buf = b;
    f.at = at + 16;
    f.end = at + 16 + incl;
    f.origLen = orig > incl ? orig : incl;
    f.iface = 0;
    this.onFrame(f);
    return 16 + incl;
  }

  private nextNg(b: Buffer, at: number, left: number): number {
    if (left < 12) return 0;
    const typeBE = b.readUInt32BE(at);
    if (typeBE === NG_SHB) {
      const bom = b.readUInt32BE(at + 8);
      if (bom === 0x1a2b3c4d) this.little = false;
      else if (bom === 0x4d3c2b1a) this.little = true;
      else return this.stop('pcapng section header with an unknown byte-order magic');
      this.ifaces = []; // interfaces are numbered per section
    }
    const type = this.u32(b, at);
    const len = this.u32(b, at + 4);
    if (len < 12 || len % 4 !== 0) return this.stop(`pcapng block of ${len} bytes cannot be framed; reading stopped there`);
    if (len > TRACE_LIMITS.maxRecordBytes) {
      if (type === NG_SHB) return this.stop('pcapng section header of absurd length');
      this.warnings.add(`pcapng blocks larger than ${TRACE_LIMITS.maxRecordBytes} bytes skipped`);
      return -len;
    }
    if (left < len) return 0;
    if (this.u32(b, at + len - 4) !== len) this.warnings.add('pcapng block whose trailing length differs from its leading length');
    // The block's body is b[at + 8, at + len - 4).
    const body = at + 8;
    const bodyEnd = at + len - 4;
    switch (type) {
      case NG_SHB:
        break;
      case 1:
        this.readIdb(b, body, bodyEnd);
        break;
      case 6:
      case 2:
        this.readPacket(b, body, bodyEnd, type === 6);
        break;
      case 3:
        this.readSimple(b, body, bodyEnd);
        break;
      default:
        break; // name resolution, statistics, custom blocks: nothing we need
    }
    return len;
  }

  private readIdb(b: Buffer, body: number, end: number): void {
    if (end - body < 8) return this.warnings.add('pcapng interface block too short');
    const iface: Iface = { linkType: this.u16(b, body), snaplen: this.u32(b, body + 4), unitsPerSec: 1e6, offsetSec: 0 };
    // Options: code(2) length(2) value padded to 4; bounded by the block, so it always ends.
    for (let o = body + 8; o + 4 <= end; ) {
      const code = this.u16(b, o);
      const olen = this.u16(b, o + 2);
      if (code === 0) break;
      const v = o + 4;
      if (v + olen > end) {
        this.warnings.add('pcapng option runs past its block');
        break;
      }
      if (code === 9 && olen >= 1) {
        const r = b[v];
        iface.unitsPerSec = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
        if (!Number.isFinite(iface.unitsPerSec) || iface.unitsPerSec < 1) iface.unitsPerSec = 1e6;
      } else if (code === 14 && olen >= 8) {
        iface.offsetSec = this.u32(b, v + (this.little ? 4 : 0)) * 4294967296 + this.u32(b, v + (this.little ? 0 : 4));
      }
      o = v + ((olen + 3) & ~3);
    }
    this.ifaces.push(iface);
  }

  /** Enhanced (EPB) and obsolete (PB) packet blocks share the layout after the interface field. */
  private readPacket(b: Buffer, body: number, end: number, enhanced: boolean): void {
    const dataAt = body + 20;
    if (end < dataAt) return this.warnings.add('pcapng packet block too short');
    const ifIndex = enhanced ? this.u32(b, body) : this.u16(b, body);
    let capLen = this.u32(b, body + 12);
    const origLen = this.u32(b, body + 16);
    const iface = this.ifaces[ifIndex];
    if (!iface) return this.warnings.add('pcapng packet for an interface that was never described');
    const available = end - dataAt;
    if (capLen > available) {
      this.warnings.add('pcapng packet longer than its block (cut to the block)');
      capLen = available;
    }
    const ticks = this.u32(b, body + 4) * 4294967296 + this.u32(b, body + 8);
    const tsUs = (ticks / iface.unitsPerSec + iface.offsetSec) * 1e6;
    this.lastTs = tsUs;
    this.frames++;
    this.emit(tsUs, iface.linkType, b, dataAt, dataAt + capLen, Math.max(origLen, capLen), ifIndex);
  }

  private readSimple(b: Buffer, body: number, end: number): void {
    const iface = this.ifaces[0];
    if (!iface || end - body < 4) return this.warnings.add('pcapng simple packet without an interface');
    const origLen = this.u32(b, body);
    let capLen = Math.min(origLen, end - body - 4);
    if (iface.snaplen > 0) capLen = Math.min(capLen, iface.snaplen);
    this.frames++;
    // A simple packet block has no timestamp.
    this.emit(this.lastTs, iface.linkType, b, body + 4, body + 4 + capLen, origLen, 0);
  }
}
