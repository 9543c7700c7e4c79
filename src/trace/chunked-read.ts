/**
 * Reads a file in large reads into two buffers reused to the end: no allocation per read (a
 * stream allocates a buffer per chunk, and the garbage collector pays for every one), and the
 * next read is under way while the consumer works on the current one. The consumer says how much
 * of each window it used; what it left (an incomplete record) is copied in front of the next
 * read's bytes. Every read asks for the same length, so a bare read of the file through this
 * function (consume everything) is the honest baseline for a reader built on it.
 */
import { open } from 'node:fs/promises';

/** Bytes asked of the file per read. */
export const READ_CHUNK = 1024 * 1024;

export interface ChunkedReadOptions {
  /** Stop after this many bytes of the file. */
  maxBytes?: number;
  signal?: AbortSignal;
  /** Bytes the consumer may leave unused at most (its largest record); room is kept for them in front of each read. */
  carryMax?: number;
  /** Bytes per read (tests use small ones to cut records everywhere). */
  chunkBytes?: number;
}

export interface ChunkedReadResult {
  bytes: number;
  aborted: boolean;
}

/**
 * Calls `use(buf, from, to)` with each window; it returns where its unused tail starts (`to`
 * for all used) or -1 to stop reading. Rejects only when the file cannot be opened or read.
 */
export async function readInChunks(
  path: string,
  use: (buf: Buffer, from: number, to: number) => number,
  opts: ChunkedReadOptions = {},
): Promise<ChunkedReadResult> {
  const limit = opts.maxBytes && opts.maxBytes > 0 ? opts.maxBytes : Infinity;
  const chunk = Math.max(1, opts.chunkBytes ?? READ_CHUNK);
  // Each buffer: [room for the carried tail | one read].
  let room = opts.carryMax ?? 0;
  let bufs = [Buffer.allocUnsafe(room + chunk), Buffer.allocUnsafe(room + chunk)];
  const fh = await open(path, 'r');
  let requested = 0;
  let bytes = 0;
  let aborted = false;
  const readInto = (buf: Buffer) => {
    const want = Math.min(chunk, limit - requested);
    if (want <= 0) return undefined;
    requested += want;
    return fh.read(buf, room, want, null);
  };
  let pending: ReturnType<typeof readInto>;
  try {
    pending = opts.signal?.aborted ? undefined : readInto(bufs[0]);
    let i = 0;
    let carry = 0;
    while (pending) {
      const n = (await pending).bytesRead;
      pending = undefined;
      if (n === 0) break;
      if (opts.signal?.aborted) {
        aborted = true;
        break;
      }
      bytes += n;
      const cur = bufs[i];
      const next = bufs[i ^ 1];
      pending = readInto(next); // under way while this window is read
      const from = room - carry;
      const to = room + n;
      const at = use(cur, from, to);
      if (at < 0) break;
      carry = to - at;
      if (carry > room) {
        // The consumer kept more than it said it would: wait for the read, then make more room.
        const m = pending ? (await pending).bytesRead : 0;
        const grown = [Buffer.allocUnsafe(carry + chunk), Buffer.allocUnsafe(carry + chunk)];
        next.copy(grown[i ^ 1], carry, room, room + m);
        bufs = grown;
        room = carry;
        pending = Promise.resolve({ bytesRead: m, buffer: grown[i ^ 1] });
      }
      if (carry > 0) cur.copy(bufs[i ^ 1], room - carry, at, to);
      i ^= 1;
    }
  } finally {
    if (pending) await pending.catch(() => undefined); // never close the file under a running read
    await fh.close();
  }
  return { bytes, aborted };
}
