/**
 * Push parser for .pcap (both byte orders, micro- and nanosecond) and .pcapng (SHB, IDB, EPB, SPB
 * and the obsolete PB; several interfaces and sections; options read only where they matter).
 * Fed chunks of any size; holds at most one record's bytes; never throws on bad input: what it
 * cannot read becomes a warning and, where the framing is lost, the end of reading.
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
/** Bytes of the next chunk tried first when a record straddles two chunks. */
const BRIDGE = 16 * 1024;

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

  private pending: Buffer | undefined;
  private skip = 0;
  private little = true;
  private nano = false;
  private linkType = 0;
  private headerDone = false;
  private ifaces: Iface[] = [];
  private lastTs = 0;

  /** Handed to the consumer for each frame and then reused: copy what you keep. */
  private readonly frame: Frame = { tsUs: 0, linkType: 0, data: Buffer.alloc(0), origLen: 0, iface: 0 };

  constructor(private readonly onFrame: (f: Frame) => void) {}

  private emit(tsUs: number, linkType: number, data: Buffer, origLen: number, iface: number): void {
    const f = this.frame;
    f.tsUs = tsUs;
    f.linkType = linkType;
    f.data = data;
    f.origLen = origLen;
    f.iface = iface;
    this.onFrame(f);
  }

  push(chunk: Buffer): void {
    if (this.stopped) return;
    let from = 0;
    if (this.pending) {
      // Bridge a record cut by the chunk boundary with just enough of the new chunk, not all of it.
      const p = this.pending;
      this.pending = undefined;
      for (const size of [Math.min(chunk.length, BRIDGE), chunk.length]) {
        const bridge = Buffer.concat([p, chunk.subarray(0, size)]);
        const at = this.run(bridge, 0);
        if (this.stopped) return;
        if (this.skip > 0) {
          from = size;
          break;
        }
        if (at > 0) {
          from = at - p.length;
          break;
        }
        if (size === chunk.length) {
          this.pending = Buffer.from(bridge);
          return;
        }
      }
    }
    if (this.skip > 0) {
      const n = Math.min(this.skip, chunk.length - from);
      this.skip -= n;
      this.consumed += n;
      from += n;
      if (this.skip > 0) return;
    }
    const at = this.run(chunk, from);
    if (!this.stopped && this.skip === 0 && at < chunk.length) this.pending = Buffer.from(chunk.subarray(at)); // copy: the stream may reuse its chunk
  }

  /** Reads units from `at` on; returns where more bytes are needed (a skip past the end sets `skip`). */
  private run(buf: Buffer, at: number): number {
    while (!this.stopped && at < buf.length) {
      const used = this.next(buf, at);
      if (used === 0) break;
      if (used < 0) {
        const want = -used;
        const have = buf.length - at;
        if (want <= have) {
          at += want;
          this.consumed += want;
          continue;
        }
        this.consumed += have;
        this.skip = want - have;
        return buf.length;
      }
      at += used;
      this.consumed += used;
    }
    return at;
  }

  /** Call at the end of input: reports a record cut short. */
  end(): void {
    if (this.stopped) return;
    if (this.pending?.length) this.warnings.add(`the file ends inside a record (${this.pending.length} bytes left unread)`);
    else if (this.skip > 0) this.warnings.add('the file ends inside a record that was being skipped');
    else if (this.format === 'unknown') this.warnings.add('the file is empty or too short to be a capture');
    this.pending = undefined;
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
    return this.little ? b.readUInt16LE(at) : b.readUInt16BE(at);
  }

  /** Reads one unit at `at`: >0 bytes used, 0 = need more, <0 = skip that many bytes. */
  private next(b: Buffer, at: number): number {
    const left = b.length - at;
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
    const sec = this.u32(b, at);
    const frac = this.u32(b, at + 4);
    const incl = this.u32(b, at + 8);
    const orig = this.u32(b, at + 12);
    if (incl > TRACE_LIMITS.maxRecordBytes) {
      // Classic pcap has no marker to find the next record by: a wild length loses the framing.
      if (incl > 16 * 1024 * 1024) return this.stop(`record ${this.frames + 1} claims ${incl} bytes; the rest of the file cannot be framed`);
      this.warnings.add(`records larger than ${TRACE_LIMITS.maxRecordBytes} bytes skipped`);
      return -(16 + incl);
    }
    if (left < 16 + incl) return 0;
    this.frames++;
    const tsUs = sec * 1e6 + (this.nano ? frac / 1000 : frac);
    this.emit(tsUs, this.linkType, b.subarray(at + 16, at + 16 + incl), Math.max(orig, incl), 0);
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
    const body = b.subarray(at + 8, at + len - 4);
    if (this.u32(b, at + len - 4) !== len) this.warnings.add('pcapng block whose trailing length differs from its leading length');
    switch (type) {
      case NG_SHB:
        break;
      case 1:
        this.readIdb(body);
        break;
      case 6:
      case 2:
        this.readPacket(body, type === 6);
        break;
      case 3:
        this.readSimple(body);
        break;
      default:
        break; // name resolution, statistics, custom blocks: nothing we need
    }
    return len;
  }

  private readIdb(body: Buffer): void {
    if (body.length < 8) return this.warnings.add('pcapng interface block too short');
    const iface: Iface = { linkType: this.u16(body, 0), snaplen: this.u32(body, 4), unitsPerSec: 1e6, offsetSec: 0 };
    // Options: code(2) length(2) value padded to 4; bounded by the block, so it always ends.
    for (let o = 8; o + 4 <= body.length; ) {
      const code = this.u16(body, o);
      const olen = this.u16(body, o + 2);
      if (code === 0) break;
      const v = o + 4;
      if (v + olen > body.length) {
        this.warnings.add('pcapng option runs past its block');
        break;
      }
      if (code === 9 && olen >= 1) {
        const r = body[v];
        iface.unitsPerSec = r & 0x80 ? 2 ** (r & 0x7f) : 10 ** r;
        if (!Number.isFinite(iface.unitsPerSec) || iface.unitsPerSec < 1) iface.unitsPerSec = 1e6;
      } else if (code === 14 && olen >= 8) {
        iface.offsetSec = this.u32(body, v + (this.little ? 4 : 0)) * 4294967296 + this.u32(body, v + (this.little ? 0 : 4));
      }
      o = v + ((olen + 3) & ~3);
    }
    this.ifaces.push(iface);
  }

  /** Enhanced (EPB) and obsolete (PB) packet blocks share the layout after the interface field. */
  private readPacket(body: Buffer, enhanced: boolean): void {
    const dataAt = 20;
    if (body.length < dataAt) return this.warnings.add('pcapng packet block too short');
    const ifIndex = enhanced ? this.u32(body, 0) : this.u16(body, 0);
    const tsAt = 4;
    let capLen = this.u32(body, 12);
    const origLen = this.u32(body, 16);
    const iface = this.ifaces[ifIndex];
    if (!iface) return this.warnings.add('pcapng packet for an interface that was never described');
    const available = body.length - dataAt;
    if (capLen > available) {
      this.warnings.add('pcapng packet longer than its block (cut to the block)');
      capLen = available;
    }
    const ticks = this.u32(body, tsAt) * 4294967296 + this.u32(body, tsAt + 4);
    const tsUs = (ticks / iface.unitsPerSec + iface.offsetSec) * 1e6;
    this.lastTs = tsUs;
    this.frames++;
    this.emit(tsUs, iface.linkType, body.subarray(dataAt, dataAt + capLen), Math.max(origLen, capLen), ifIndex);
  }

  private readSimple(body: Buffer): void {
    const iface = this.ifaces[0];
    if (!iface || body.length < 4) return this.warnings.add('pcapng simple packet without an interface');
    const origLen = this.u32(body, 0);
    let capLen = Math.min(origLen, body.length - 4);
    if (iface.snaplen > 0) capLen = Math.min(capLen, iface.snaplen);
    this.frames++;
    // A simple packet block has no timestamp.
    this.emit(this.lastTs, iface.linkType, body.subarray(4, 4 + capLen), origLen, 0);
  }
}
