/**
 * TDS packet framing: an 8-byte big-endian header in front of every packet, messages split over
 * packets with EOM on the last. Encode for sending; reassemble what arrives on a stream.
 */

export const PACKET_PRELOGIN = 0x12;
export const PACKET_TABULAR = 0x04;
export const PACKET_LOGIN7 = 0x10;
const STATUS_EOM = 0x01;
const HEADER = 8;
export const MAX_PACKET = 32767;

export function encodeMessage(type: number, payload: Buffer, packetSize = 4096): Buffer {
  const room = packetSize - HEADER;
  const packets: Buffer[] = [];
  let id = 1;
  for (let at = 0; at === 0 || at < payload.length; at += room) {
    const part = payload.subarray(at, at + room);
    const last = at + room >= payload.length;
    const header = Buffer.alloc(HEADER);
    header[0] = type;
    header[1] = last ? STATUS_EOM : 0;
    header.writeUInt16BE(HEADER + part.length, 2);
    header[6] = id++ & 0xff;
    packets.push(header, part);
    if (last) break;
  }
  return Buffer.concat(packets);
}

export interface TdsMessage {
  type: number;
  payload: Buffer;
}

export class NotTdsError extends Error {
  constructor(
    message: string,
    readonly head: Buffer,
  ) {
    super(message);
    this.name = 'NotTdsError';
  }
}

/** Collects bytes and hands back whole messages. Rejects a header no TDS peer would send. */
export class TdsMessageReader {
  private buffered: Buffer = Buffer.alloc(0);
  private parts: Buffer[] = [];
  private partType = -1;
  private total = 0;

  constructor(private readonly maxMessage = 1 << 20) {}

  push(chunk: Buffer): TdsMessage[] {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    const out: TdsMessage[] = [];
    while (this.buffered.length >= HEADER) {
      const type = this.buffered[0];
      const length = this.buffered.readUInt16BE(2);
      if (length < HEADER || length > MAX_PACKET || (this.partType >= 0 && type !== this.partType)) {
        throw new NotTdsError('the reply is not a TDS packet', this.buffered.subarray(0, 16));
      }
      if (this.buffered.length < length) break;
      this.parts.push(this.buffered.subarray(HEADER, length));
      this.partType = type;
      this.total += length - HEADER;
      if (this.total > this.maxMessage) throw new NotTdsError('TDS message larger than expected', this.buffered.subarray(0, 16));
      const eom = (this.buffered[1] & STATUS_EOM) !== 0;
      this.buffered = this.buffered.subarray(length);
      if (eom) {
        out.push({ type, payload: Buffer.concat(this.parts) });
        this.parts = [];
        this.partType = -1;
        this.total = 0;
      }
    }
    return out;
  }

  /** Bytes received so far that do not yet form a message. */
  pending(): number {
    return this.buffered.length + this.total;
  }
}
