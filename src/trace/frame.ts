/** What the capture readers hand on: one captured frame, its link type and when it was seen. */
export interface Frame {
  /** Microseconds since the epoch (fractional for nanosecond captures). */
  tsUs: number;
  linkType: number;
  /** The captured bytes (may be shorter than the frame on the wire: snaplen). */
  data: Buffer;
  origLen: number;
  /** Interface index (pcapng), 0 for classic pcap. */
  iface: number;
}

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
