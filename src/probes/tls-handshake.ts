/**
 * Two ways to shake hands with SQL Server. TDS 7.x: cleartext PRELOGIN, then the TLS handshake
 * carried inside PRELOGIN (0x12) packets, one message per flight. TDS 8.0 strict: TLS first with
 * ALPN "tds/8.0", then PRELOGIN inside TLS. The probe only looks: it never verifies-and-fails,
 * it reads trust separately, and it closes right after the handshake.
 */
import tls from 'node:tls';
import { constants } from 'node:crypto';
import { duplexPair } from 'node:stream';
import type net from 'node:net';
import { connectTcp, elapsed } from './connect';
import { exchange } from './exchange';
import { buildPrelogin, ENCRYPT, parsePrelogin, PreloginFormatError } from './prelogin-payload';
import { encodeMessage, NotTdsError, PACKET_PRELOGIN, TdsMessageReader } from './tds-packet';
import { readTlsFacts, TlsFacts } from './tls-facts';

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface HandshakeOptions {
  address: string;
  port: number;
  servername?: string;
  ca?: Buffer;
  instance?: string;
  minVersion: TlsVersion;
  maxVersion: TlsVersion;
  timeoutMs: number;
  now: number;
  signal?: AbortSignal;
}

export type HandshakeResult =
  | { kind: 'ok'; facts: TlsFacts; timings: Record<string, number>; tdsInside?: Record<string, unknown> }
  | { kind: 'failed'; reason: string; code?: string; message?: string; timings: Record<string, number> };

const PROTOCOL_CODES = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_VERSION_TOO_LOW',
]);
const CIPHER_CODES = new Set(['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'ERR_SSL_NO_SHARED_CIPHER', 'ERR_SSL_NO_CIPHERS_AVAILABLE']);

function classifyTlsError(err: NodeJS.ErrnoException, serverSpoke: boolean): string {
  const code = err.code ?? '';
  if (PROTOCOL_CODES.has(code)) return 'no-common-protocol';
  if (CIPHER_CODES.has(code)) return 'no-common-cipher';
  if (code === 'ECONNRESET' || code === 'EPIPE') return serverSpoke ? 'closed-during-handshake' : 'reset-after-hello';
  return 'tls-error';
}

function clientOptions(o: HandshakeOptions): tls.ConnectionOptions {
  return {
    servername: o.servername,
    ca: o.ca,
    rejectUnauthorized: false,
    minVersion: o.minVersion,
    maxVersion: o.maxVersion,
    // Level 0 lets us observe TLS 1.0, SHA-1 and small keys, and then report them as findings.
    ciphers: 'DEFAULT@SECLEVEL=0',
    secureOptions: constants.SSL_OP_DONT_INSERT_EMPTY_FRAGMENTS,
  };
}

export async function handshakeInTds(o: HandshakeOptions): Promise<HandshakeResult> {
  const conn = await connectTcp(o.address, o.port, o.timeoutMs, o.signal);
  if (conn.outcome !== 'open') return { kind: 'failed', reason: `tcp-${conn.outcome}`, code: conn.code, timings: { connectMs: conn.ms } };
  const socket = conn.socket;
  try {
    const reply = await exchange(socket, encodeMessage(PACKET_PRELOGIN, buildPrelogin({ encrypt: ENCRYPT.OFF, instance: o.instance })), o.timeoutMs, o.signal);
    const timings: Record<string, number> = { connectMs: conn.ms, preloginMs: reply.ms };
    if (reply.kind !== 'message') return { kind: 'failed', reason: `prelogin-${reply.kind}`, timings };
    let encryption: string;
    try {
      encryption = parsePrelogin(reply.message.payload).encryption;
    } catch (err) {
      if (err instanceof PreloginFormatError) return { kind: 'failed', reason: 'prelogin-not-tds', timings };
      throw err;
    }
    if (encryption === 'not-supported') return { kind: 'failed', reason: 'encrypt-not-supported', timings };
    const shake = await pumpHandshake(socket, o);
    return shake.kind === 'ok'
      ? { ...shake, timings: { ...timings, ...shake.timings } }
      : { ...shake, timings: { ...timings, ...shake.timings } };
  } finally {
    socket.destroy();
  }
}

function pumpHandshake(socket: net.Socket, o: HandshakeOptions): Promise<HandshakeResult> {
  const start = process.hrtime.bigint();
  const [clear, cipher] = duplexPair();
  const secure = tls.connect({ ...clientOptions(o), socket: clear });
  const reader = new TdsMessageReader();
  let outgoing: Buffer[] = [];
  let serverSpoke = false;
  return new Promise<HandshakeResult>((resolve) => {
    let settled = false;
    const finish = (r: HandshakeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      secure.destroy();
      clear.destroy();
      cipher.destroy();
      resolve(r);
    };
    const fail = (reason: string, err?: NodeJS.ErrnoException) =>
      finish({ kind: 'failed', reason, code: err?.code, message: err?.message?.slice(0, 300), timings: { handshakeMs: elapsed(start) } });
    const onAbort = () => fail('aborted');
    const timer = setTimeout(() => fail(serverSpoke ? 'timeout' : 'no-server-hello'), o.timeoutMs);
    o.signal?.addEventListener('abort', onAbort, { once: true });
    // Everything the TLS engine writes in one go is one flight: send it as one PRELOGIN message.
    cipher.on('data', (chunk: Buffer) => {
      outgoing.push(chunk);
      if (outgoing.length === 1)
        setImmediate(() => {
          if (settled || !outgoing.length) return;
          socket.write(encodeMessage(PACKET_PRELOGIN, Buffer.concat(outgoing)));
          outgoing = [];
        });
    });
    const onData = (chunk: Buffer) => {
      try {
        for (const m of reader.push(chunk)) {
          serverSpoke = true;
          cipher.write(m.payload);
        }
      } catch (err) {
        if (err instanceof NotTdsError) fail('not-tds-during-handshake');
        else throw err;
      }
    };
    socket.on('data', onData);
    socket.once('error', (err: NodeJS.ErrnoException) => fail(classifyTlsError(err, serverSpoke), err));
    socket.once('close', () => fail(serverSpoke ? 'closed-during-handshake' : 'reset-after-hello'));
    secure.once('error', (err: NodeJS.ErrnoException) => fail(classifyTlsError(err, serverSpoke), err));
    secure.once('secureConnect', () => {
      finish({ kind: 'ok', facts: readTlsFacts(secure, o.servername, o.now), timings: { handshakeMs: elapsed(start) } });
    });
  });
}

export async function handshakeStrict(o: HandshakeOptions): Promise<HandshakeResult> {
  const conn = await connectTcp(o.address, o.port, o.timeoutMs, o.signal);
  if (conn.outcome !== 'open') return { kind: 'failed', reason: `tcp-${conn.outcome}`, code: conn.code, timings: { connectMs: conn.ms } };
  const start = process.hrtime.bigint();
  const secure = tls.connect({ ...clientOptions(o), socket: conn.socket, ALPNProtocols: ['tds/8.0'] });
  try {
    const shaken = await new Promise<HandshakeResult>((resolve) => {
      let serverSpoke = false;
      conn.socket.once('data', () => (serverSpoke = true));
      const timer = setTimeout(() => resolve({ kind: 'failed', reason: 'no-server-hello', timings: { handshakeMs: elapsed(start) } }), o.timeoutMs);
      const fail = (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ kind: 'failed', reason: classifyTlsError(err, serverSpoke), code: err.code, message: err.message.slice(0, 300), timings: { handshakeMs: elapsed(start) } });
      };
      secure.once('error', fail);
      secure.once('secureConnect', () => {
        clearTimeout(timer);
        secure.off('error', fail);
        secure.on('error', () => undefined);
        resolve({ kind: 'ok', facts: readTlsFacts(secure, o.servername, o.now), timings: { handshakeMs: elapsed(start) } });
      });
    });
    const timings = { connectMs: conn.ms, ...shaken.timings };
    if (shaken.kind !== 'ok') return { ...shaken, timings };
    // Confirm that TDS speaks inside the tunnel: a PRELOGIN answer proves it is SQL Server.
    const reply = await exchange(secure, encodeMessage(PACKET_PRELOGIN, buildPrelogin({ encrypt: ENCRYPT.NOT_SUP, instance: o.instance })), o.timeoutMs, o.signal);
    let tdsInside: Record<string, unknown> = { answered: false, reply: reply.kind };
    if (reply.kind === 'message') {
      try {
        tdsInside = { answered: true, ...parsePrelogin(reply.message.payload) };
      } catch {
        tdsInside = { answered: false, reply: 'not-tds' };
      }
    }
    return { ...shaken, timings: { ...timings, preloginMs: reply.ms }, tdsInside };
  } finally {
    secure.destroy();
    conn.socket.destroy();
  }
}
