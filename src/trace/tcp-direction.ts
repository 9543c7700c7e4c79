/**
 * One direction of a TCP conversation: counts retransmissions and keep-alives, and hands the
 * bytes on in order (reassembly) while someone still wants them. Out-of-order segments are held
 * within fixed bounds; past them, or where the capture missed bytes, the stream is given up.
 * Bytes are handed on as buf[from, to) of the reader's buffer (no copy, no view per segment);
 * only a segment held for later is copied.
 */
import { TRACE_LIMITS } from './limits';
import type { TcpSegment } from './packet-decode';

/** Signed distance a - b in 32-bit sequence space. */
const diff = (a: number, b: number) => (a - b) | 0;

/** Who gets the bytes: one object for both directions, told which side (no closure per direction). */
export interface Sink {
  deliver(side: 'client' | 'server', buf: Buffer, from: number, to: number): void;
}

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
  private held: { seq: number; data: Buffer; len: number }[] | undefined = undefined;
  private heldBytes = 0;

  constructor(
    private readonly sink: Sink,
    private readonly side: 'client' | 'server',
  ) {}

  private deliver(buf: Buffer, from: number, to: number): void {
    this.sink.deliver(this.side, buf, from, to);
  }

  /** The SYN (or SYN-ACK) sets the initial sequence number. */
  syn(isn: number): void {
    this.started = true;
    this.nextSeq = (isn + 1) >>> 0;
    this.maxEnd = this.nextSeq;
  }

  /** A segment that is not a SYN: its payload (`payloadLen` bytes, fewer captured when the snaplen cut them). */
  segment(s: TcpSegment, fin: boolean, rst: boolean): void {
    const seq = s.seq;
    const len = s.payloadLen;
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
    this.place(seq, len, s.payloadOf, s.payloadAt, s.payloadEnd);
  }

  /** buf[from, to) holds the first captured bytes of a segment of `len` bytes starting at `seq`. */
  private place(seq: number, len: number, buf: Buffer, from: number, to: number): void {
    const end = (seq + len) >>> 0;
    if (diff(end, this.nextSeq) <= 0) return; // nothing new
    const captured = to - from;
    if (diff(seq, this.nextSeq) > 0) {
      const held = (this.held ??= []);
      if (held.length >= TRACE_LIMITS.maxHeldSegments || this.heldBytes + captured > TRACE_LIMITS.maxHeldBytes) return this.giveUp();
      held.push({ seq, data: Buffer.from(buf.subarray(from, to)), len }); // a copy: the reader's buffer moves on
      this.heldBytes += captured;
      return;
    }
    const skip = diff(this.nextSeq, seq);
    if (captured < len) {
      // The snaplen cut this segment: deliver what is there, then the stream has a hole.
      if (skip < captured) this.deliver(buf, from + skip, to);
      this.nextSeq = end;
      return this.giveUp();
    }
    this.deliver(buf, from + skip, to);
    this.nextSeq = end;
    if (this.held?.length) this.drain();
  }

  private drain(): void {
    for (let again = true; again && this.wanted && this.held; ) {
      again = false;
      const held = this.held;
      for (let i = 0; i < held.length; i++) {
        const h = held[i];
        if (diff(h.seq, this.nextSeq) <= 0) {
          held.splice(i, 1);
          this.heldBytes -= h.data.length;
          this.place(h.seq, h.len, h.data, 0, h.data.length);
          again = true;
          break;
        }
      }
    }
  }

  giveUp(): void {
    this.broken = this.wanted;
    this.wanted = false;
    this.held = undefined;
    this.heldBytes = 0;
    this.nextSeq = this.maxEnd;
  }

  /** The parser has all it needs: keep counting, stop buffering. */
  done(): void {
    this.wanted = false;
    this.held = undefined;
    this.heldBytes = 0;
  }
}
