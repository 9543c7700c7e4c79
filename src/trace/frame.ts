/**
 * What the capture readers hand on: one captured frame, its link type and when it was seen. The
 * bytes are buf[at, end) of the reader's own buffer, which is reused for the next frames: no
 * allocation per frame, so a consumer copies what it keeps (storeFrame does).
 */
export interface Frame {
  /** Microseconds since the epoch (fractional for nanosecond captures). */
  tsUs: number;
  linkType: number;
  /** The captured bytes are buf[at, end) (may be shorter than the frame on the wire: snaplen). */
  buf: Buffer;
  at: number;
  end: number;
  origLen: number;
  /** Interface index (pcapng), 0 for classic pcap. */
  iface: number;
}

/** A frame copied out of the reader's buffer, to keep. */
export interface StoredFrame {
  tsUs: number;
  linkType: number;
  data: Buffer;
  origLen: number;
  iface: number;
}

export const storeFrame = (f: Frame): StoredFrame => ({
  tsUs: f.tsUs,
  linkType: f.linkType,
  data: Buffer.from(f.buf.subarray(f.at, f.end)),
  origLen: f.origLen,
  iface: f.iface,
});

/** Something the reader could not read, said once per kind with a count. */
export class Warnings {
  private readonly counts = new Map<string, number>();
  add(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }
  list(): string[] {
    return [...this.counts].map(([m, n]) => (n > 1 ? `${m} (${n} times)` : m));
  }
  get size(): number {
    return this.counts.size;
  }
}
