/**
 * A loopback server that behaves like SQL Server in one chosen scenario: an encryption setting,
 * a certificate, a TLS version range, a login table, a slow LoginAck, a reset at some point, a
 * share of dropped connections, or TDS 8.0 strict mode.
 */
import net from 'node:net';
import tls from 'node:tls';
import { duplexPair } from 'node:stream';
import type { Duplex } from 'node:stream';
import { clientEncryption, clientInstance, loginAck, loginError, MessageSplitter, packet, parseLogin7, preloginResponse, done } from './tds-wire';

export type Behaviour = 'normal' | 'silent' | 'reset-after-prelogin' | 'close-after-prelogin' | 'reset-after-clienthello' | 'strict-only';

export interface TdsPeerOptions {
  /** The server's configured setting: off = certificate, not forced; on = Force Encryption; not-supported = no TLS. */
  encryption?: 'off' | 'on' | 'not-supported';
  tls?: tls.SecureContextOptions;
  behaviour?: Behaviour;
  instance?: string;
  logins?: Record<string, string>;
  loginDelayMs?: number;
  /** Reset every Nth accepted connection right away (N=4 drops 25%). */
  dropEvery?: number;
}

export interface TdsPeer {
  port: number;
  connections: number;
  logins: { user: string; password: string }[];
  close(): Promise<void>;
}

const ENC = { OFF: 0, ON: 1, NOT_SUP: 2, REQ: 3 };

/** The server's answer per the MS-TDS table for the client's value and the server's setting. */
function answer(setting: TdsPeerOptions['encryption'], client: number): number {
  if (setting === 'not-supported') return ENC.NOT_SUP;
  const c = client & 0x0f;
  if (setting === 'on') return c === ENC.ON || c === ENC.REQ ? ENC.ON : ENC.REQ;
  if (c === ENC.NOT_SUP) return ENC.NOT_SUP;
  return c === ENC.OFF ? ENC.OFF : ENC.ON;
}

export async function startTdsPeer(o: TdsPeerOptions = {}): Promise<TdsPeer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const context = o.tls ? tls.createSecureContext({ maxVersion: o.behaviour === 'strict-only' ? 'TLSv1.3' : 'TLSv1.2', ...o.tls }) : undefined;
  const peer: TdsPeer = { port: 0, connections: 0, logins: [], close: async () => undefined };

  /** Login and SQL batches, in whatever transport the connection ended up with. */
  const handle = (type: number, payload: Buffer, write: (b: Buffer) => void) => {
    if (type === 0x10) {
      const creds = parseLogin7(payload);
      peer.logins.push(creds);
      const reply = () => {
        const ok = o.logins && o.logins[creds.user] === creds.password;
        write(packet(0x04, ok ? loginAck() : loginError(18456, 1, 14, `Login failed for user '${creds.user}'.`)));
      };
      if (!o.loginDelayMs) return reply();
      const t = setTimeout(() => (timers.delete(t), reply()), o.loginDelayMs);
      timers.add(t);
    } else if (type === 0x01) write(packet(0x04, done()));
    else if (type === 0x12) write(packet(0x04, preloginResponse([16, 0, 4135, 0], ENC.NOT_SUP, false))); // PRELOGIN inside strict TLS
  };
  const serveTds = (io: Duplex) => {
    const splitter = new MessageSplitter((type, payload) => handle(type, payload, (b) => io.write(b)));
    io.on('data', (c: Buffer) => splitter.push(c));
  };

  const onConnection = (sock: net.Socket) => {
    peer.connections++;
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => undefined);
    if (o.dropEvery && peer.connections % o.dropEvery === 0) return sock.resetAndDestroy();
    if (o.behaviour === 'silent') return;
    if (o.behaviour === 'strict-only') {
      const secure = new tls.TLSSocket(sock, { isServer: true, secureContext: context, ALPNProtocols: ['tds/8.0'] });
      secure.on('error', () => sock.destroy());
      return serveTds(secure);
    }
    let stage: 'prelogin' | 'handshake' | 'clear' = 'prelogin';
    let cipherSide: Duplex | undefined;
    const splitter = new MessageSplitter((type, payload) => {
      if (stage === 'prelogin') {
        if (type !== 0x12) return sock.destroy();
        const client = clientEncryption(payload);
        const mismatch = !!o.instance && clientInstance(payload) !== '' && clientInstance(payload).toLowerCase() !== o.instance.toLowerCase();
        const enc = context ? answer(o.encryption ?? 'off', client) : ENC.NOT_SUP;
        sock.write(packet(0x04, preloginResponse([16, 0, 4135, 0], enc, mismatch)));
        if (o.behaviour === 'reset-after-prelogin') return sock.resetAndDestroy();
        if (o.behaviour === 'close-after-prelogin') return sock.end();
        const tlsFollows = enc !== ENC.NOT_SUP && (client & 0x0f) !== ENC.NOT_SUP;
        if (tlsFollows) {
          stage = 'handshake';
          cipherSide = startTlsInTds(sock, context!, serveTds);
        } else stage = 'clear';
        return;
      }
      if (stage === 'handshake') {
        if (o.behaviour === 'reset-after-clienthello') return sock.resetAndDestroy();
        cipherSide!.write(payload);
        return;
      }
      handle(type, payload, (b) => sock.write(b)); // cleartext login
    });
    const onData = (chunk: Buffer) => {
      try {
        splitter.push(chunk);
      } catch {
        sock.destroy();
      }
    };
    sock.on('data', onData);
    // After the handshake the TLS records run bare on TCP: stop reading TDS framing here.
    sock.once('tls-raw', () => sock.off('data', onData));
  };

  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.port = (server.address() as net.AddressInfo).port;
  peer.close = () =>
    new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return peer;
}

/**
 * Server half of TLS inside TDS: the TLS engine writes to one end of a pair; while the handshake
 * runs, each burst of its output goes out as one 0x12 message; once it is done, records go bare.
 */
function startTlsInTds(sock: net.Socket, secureContext: tls.SecureContext, onSecure: (s: tls.TLSSocket) => void): Duplex {
  const [clear, cipher] = duplexPair();
  const secure = new tls.TLSSocket(clear, { isServer: true, secureContext });
  let raw = false;
  let pending: Buffer[] = [];
  const flush = () => {
    if (pending.length) sock.write(packet(0x12, Buffer.concat(pending)));
    pending = [];
  };
  cipher.on('data', (chunk: Buffer) => {
    if (raw) return sock.write(chunk);
    pending.push(chunk);
    if (pending.length === 1) setImmediate(flush);
  });
  secure.on('error', () => sock.destroy());
  sock.on('close', () => {
    secure.destroy();
    clear.destroy();
    cipher.destroy();
  });
  secure.once('secure', () => {
    setImmediate(() => {
      flush();
      raw = true;
      sock.emit('tls-raw');
      sock.on('data', (c: Buffer) => cipher.write(c));
      onSecure(secure);
    });
  });
  return cipher;
}
