/**
 * Send one TDS message and wait for one back, on a socket we own. Tells apart the ways a peer can
 * fail to answer: silence, a clean close, a reset, or bytes that are not TDS at all.
 */
import type { Duplex } from 'node:stream';
import { NotTdsError, TdsMessage, TdsMessageReader } from './tds-packet';
import { elapsed } from './connect';

export type Reply =
  | { kind: 'message'; message: TdsMessage; ms: number }
  | { kind: 'closed' | 'reset' | 'timeout' | 'aborted'; ms: number; bytes: number; head?: string }
  | { kind: 'not-tds'; ms: number; head: string };

/** First bytes in a printable form, enough to recognise "HTTP/" or a TLS alert. */
export function describeHead(buf: Buffer): string {
  const head = buf.subarray(0, 16);
  const printable = head.every((b) => b >= 0x20 && b < 0x7f);
  return printable ? head.toString('latin1') : head.toString('hex');
}

export function exchange(socket: Duplex, request: Buffer | null, timeoutMs: number, signal?: AbortSignal): Promise<Reply> {
  const start = process.hrtime.bigint();
  const reader = new TdsMessageReader();
  let seen = Buffer.alloc(0);
  return new Promise((resolve) => {
    const done = (r: Reply) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      socket.off('end', onClose);
      resolve(r);
    };
    const head = () => (seen.length ? describeHead(seen) : undefined);
    const onData = (chunk: Buffer) => {
      if (seen.length < 16) seen = Buffer.concat([seen, chunk]).subarray(0, 16);
      try {
        const [message] = reader.push(chunk);
        if (message) done({ kind: 'message', message, ms: elapsed(start) });
      } catch (err) {
        done({ kind: 'not-tds', ms: elapsed(start), head: describeHead(err instanceof NotTdsError ? err.head : seen) });
      }
    };
    const onError = (err: NodeJS.ErrnoException) =>
      done({ kind: err.code === 'ECONNRESET' ? 'reset' : 'closed', ms: elapsed(start), bytes: reader.pending(), head: head() });
    const onClose = () => done({ kind: 'closed', ms: elapsed(start), bytes: reader.pending(), head: head() });
    const onAbort = () => done({ kind: 'aborted', ms: elapsed(start), bytes: reader.pending() });
    const timer = setTimeout(() => done({ kind: 'timeout', ms: elapsed(start), bytes: reader.pending(), head: head() }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
    socket.on('end', onClose);
    if (request) socket.write(request);
  });
}
