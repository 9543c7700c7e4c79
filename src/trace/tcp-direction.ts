/**
 * One direction of a TCP conversation: counts retransmissions and keep-alives, and hands the
 * bytes on in order (reassembly) while someone still wants them. Out-of-order segments are held
 * within fixed bounds; past them, or where the capture missed bytes, the stream is given up.
 */
import { TRACE_LIMITS } from './limits';

/** Signed distance a - b in 32-bit sequence space. */
const diff = (a: number, b: number) => (a - b) | 0;

export class TcpDirection {
  started = false;
  nextSeq = 0; // next byte to deliver
  maxEnd = 0; // highest seq + len seen
  retransmits = 0;
  keepAlives = 0;
  bytes = 0;
  /** False once nobody needs the bytes (the parser is done) or the stream had a hole. */
  wanted = true;
  broken = false;
  private held: { seq: number; data: Buffer; len: number }[] = [];
  private heldBytes = 0;

  constructor(private readonly deliver: (data: Buffer) => void) {}

  /** The SYN (or SYN-ACK) sets the initial sequence number. */
  syn(isn: number): void {
    this.started = true;
    this.nextSeq = (isn + 1) >>> 0;
    this.maxEnd = this.nextSeq;
  }

  /** A segment that is not a SYN. buf[from, to) is what was captured of its `len` payload bytes. */
  segment(seq: number, len: number, buf: Buffer, from: number, to: number, fin: boolean, rst: boolean): void {
    if (!this.started) {
      // Capture began mid-conversation: start here.
      this.started = true;
      this.nextSeq = seq;
      this.maxEnd = seq;
    }
    if (len === 0 || rst) {
      // A bare ACK one below the next byte probes a quiet peer: a keep-alive.
      if (len === 0 && !fin && !rst && diff(seq, this.maxEnd) === -1) this.keepAlives++;
      return;
    }
    const end = (seq + len) >>> 0;
    if (diff(end, this.maxEnd) <= 0) {
      if (len === 1 && diff(seq, this.maxEnd) === -1) this.keepAlives++;
      else this.retransmits++;
    } else if (diff(seq, this.maxEnd) < 0) this.retransmits++;
    if (diff(end, this.maxEnd) > 0) {
      this.bytes += diff(end, this.maxEnd);
      this.maxEnd = end;
    }
    if (!this.wanted) {
      this.nextSeq = this.maxEnd;
      return;
    }
    this.place(seq, len, buf.subarray(from, to));
  }

  private place(seq: number, len: number, data: Buffer): void {
    const end = (seq + len) >>> 0;
    if (diff(end, this.nextSeq) <= 0) return; // nothing new
    if (diff(seq, this.nextSeq) > 0) {
      if (this.held.length >= TRACE_LIMITS.maxHeldSegments || this.heldBytes + data.length > TRACE_LIMITS.maxHeldBytes) return this.giveUp();
      this.held.push({ seq, data: Buffer.from(data), len });
      this.heldBytes += data.length;
      return;
    }
    const skip = diff(this.nextSeq, seq);
    if (data.length < len) {
      // The snaplen cut this segment: deliver what is there, then the stream has a hole.
      if (skip < data.length) this.deliver(data.subarray(skip));
      this.nextSeq = end;
      return this.giveUp();
    }
    this.deliver(data.subarray(skip));
    this.nextSeq = end;
    this.drain();
  }

  private drain(): void {
    for (let again = true; again && this.wanted; ) {
      again = false;
      for (let i = 0; i < this.held.length; i++) {
        const h = this.held[i];
        if (diff(h.seq, this.nextSeq) <= 0) {
          this.held.splice(i, 1);
          this.heldBytes -= h.data.length;
          this.place(h.seq, h.len, h.data);
          again = true;
          break;
        }
      }
    }
  }

  giveUp(): void {
    this.broken = this.wanted;
    this.wanted = false;
    this.held = [];
    this.heldBytes = 0;
    this.nextSeq = this.maxEnd;
  }

  /** The parser has all it needs: keep counting, stop buffering. */
  done(): void {
    this.wanted = false;
    this.held = [];
    this.heldBytes = 0;
  }
}
