/**
 * One timed TCP connect to an address the policy already checked. Our own timer decides
 * "filtered": the kernel would keep retrying SYNs for minutes.
 */
import net from 'node:net';

export type ConnectOutcome = 'open' | 'refused' | 'filtered' | 'unreachable' | 'reset' | 'aborted' | 'error';

export interface Connected {
  outcome: 'open';
  socket: net.Socket;
  ms: number;
}
export interface NotConnected {
  outcome: Exclude<ConnectOutcome, 'open'>;
  code?: string;
  ms: number;
}

const CODES: Record<string, NotConnected['outcome']> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EACCES: 'unreachable',
  EPERM: 'unreachable',
  ECONNRESET: 'reset',
  ETIMEDOUT: 'filtered',
};

export function elapsed(start: bigint): number {
  return Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100;
}

export function connectTcp(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<Connected | NotConnected> {
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve({ outcome: 'aborted', ms: 0 });
    const socket = net.connect({ host, port, autoSelectFamily: false });
    socket.setNoDelay(true);
    const finish = (r: Connected | NotConnected) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeAllListeners('connect');
      socket.removeAllListeners('error');
      if (r.outcome !== 'open') socket.destroy();
      else socket.on('error', () => undefined); // later errors are read by whoever uses the socket
      resolve(r);
    };
    const onAbort = () => finish({ outcome: 'aborted', ms: elapsed(start) });
    const timer = setTimeout(() => finish({ outcome: 'filtered', ms: elapsed(start) }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish({ outcome: 'open', socket, ms: elapsed(start) }));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const outcome = (CODES[err.code ?? ''] ?? 'error') as NotConnected['outcome'];
      finish({ outcome, code: err.code, ms: elapsed(start) });
    });
  });
}
