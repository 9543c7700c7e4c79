/**
 * TLS as far as a failed SQL Server handshake needs it: record headers, ClientHello (versions,
 * cipher suites, ALPN, SNI), ServerHello (version and suite chosen), alerts in the clear. One
 * instance per direction; handshake messages may span records; everything after ChangeCipherSpec
 * is counted, not read. Never throws: a malformed message is reported as such.
 */
import { TRACE_LIMITS } from './limits';

export interface ClientHello {
  legacyVersion: number;
  /** From supported_versions when present, else the legacy version alone. GREASE removed. */
  versions: number[];
  ciphers: number[];
  sni?: string;
  alpn?: string[];
}

export interface ServerHello {
  version: number;
  cipher: number;
}

export type TlsEvent =
  | { kind: 'client-hello'; hello: ClientHello }
  | { kind: 'server-hello'; hello: ServerHello }
  | { kind: 'handshake'; type: number }
  | { kind: 'alert'; level: number; description: number; encrypted: false }
  | { kind: 'alert'; encrypted: true }
  | { kind: 'change-cipher-spec' }
  | { kind: 'application-data'; bytes: number }
  | { kind: 'malformed'; what: string };

const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);

/** True when `b` at `at` starts like a TLS record header. */
export function looksLikeTlsRecord(b: Buffer, at = 0, end = b.length): boolean {
  if (end - at < 5) return false;
  const type = b[at];
  return type >= 20 && type <= 23 && b[at + 1] === 3 && b[at + 2] <= 4 && b.readUInt16BE(at + 3) <= 18432;
}

export class TlsDirection {
  private hs: Buffer[] = [];
  private hsBytes = 0;
  private encrypted = false;

  /** One whole record body of the given content type. */
  record(type: number, body: Buffer): TlsEvent[] {
    if (type === 20) {
      this.encrypted = true;
      this.hs = [];
      this.hsBytes = 0;
      return [{ kind: 'change-cipher-spec' }];
    }
    if (type === 21) {
      if (this.encrypted || body.length !== 2) return [{ kind: 'alert', encrypted: true }];
      return [{ kind: 'alert', level: body[0], description: body[1], encrypted: false }];
    }
    if (type === 23) return [{ kind: 'application-data', bytes: body.length }];
    if (type !== 22 || this.encrypted) return [];
    if (this.hsBytes + body.length > TRACE_LIMITS.maxMessageBytes) {
      this.hs = [];
      this.hsBytes = 0;
      return [{ kind: 'malformed', what: 'TLS handshake message larger than expected' }];
    }
    this.hs.push(body);
    this.hsBytes += body.length;
    let buf = this.hs.length === 1 ? this.hs[0] : Buffer.concat(this.hs);
    const out: TlsEvent[] = [];
    while (buf.length >= 4) {
      const len = buf.readUIntBE(1, 3);
      if (buf.length < 4 + len) break;
      const msgType = buf[0];
      const msg = buf.subarray(4, 4 + len);
      if (msgType === 1) out.push(safe(() => ({ kind: 'client-hello', hello: clientHello(msg) }), 'ClientHello'));
      else if (msgType === 2) out.push(safe(() => ({ kind: 'server-hello', hello: serverHello(msg) }), 'ServerHello'));
      else out.push({ kind: 'handshake', type: msgType });
      buf = buf.subarray(4 + len);
    }
    this.hs = buf.length ? [Buffer.from(buf)] : []; // a copy: the record may sit in the reader's reused buffer
    this.hsBytes = buf.length;
    return out;
  }
}

function safe(read: () => TlsEvent, what: string): TlsEvent {
  try {
    return read();
  } catch {
    return { kind: 'malformed', what: `malformed ${what}` };
  }
}

/** Extensions walk: type(2) length(2) data. Reads past the end throw RangeError, caught by safe(). */
function extensions(m: Buffer, at: number, each: (type: number, data: Buffer) => void): void {
  if (at + 2 > m.length) return;
  const end = Math.min(m.length, at + 2 + m.readUInt16BE(at));
  for (let p = at + 2; p + 4 <= end; ) {
    const type = m.readUInt16BE(p);
    const len = m.readUInt16BE(p + 2);
    each(type, m.subarray(p + 4, Math.min(end, p + 4 + len)));
    p += 4 + len;
  }
}

function clientHello(m: Buffer): ClientHello {
  const legacyVersion = m.readUInt16BE(0);
  let at = 2 + 32;
  at += 1 + m[at]; // session id
  const cs = m.readUInt16BE(at);
  const ciphers: number[] = [];
  for (let p = at + 2; p + 2 <= at + 2 + cs && p + 2 <= m.length; p += 2) {
    const c = m.readUInt16BE(p);
    if (!isGrease(c)) ciphers.push(c);
  }
  at += 2 + cs;
  at += 1 + m[at]; // compression methods
  const hello: ClientHello = { legacyVersion, versions: [legacyVersion], ciphers };
  extensions(m, at, (type, d) => {
    if (type === 43 && d.length >= 1) {
      const vs: number[] = [];
      for (let p = 1; p + 2 <= 1 + d[0] && p + 2 <= d.length; p += 2) if (!isGrease(d.readUInt16BE(p))) vs.push(d.readUInt16BE(p));
      if (vs.length) hello.versions = vs;
    } else if (type === 0 && d.length >= 5 && d[2] === 0) {
      hello.sni = d.subarray(5, 5 + d.readUInt16BE(3)).toString('latin1');
    } else if (type === 16 && d.length >= 2) {
      const names: string[] = [];
      for (let p = 2; p < d.length; p += 1 + d[p]) names.push(d.subarray(p + 1, p + 1 + d[p]).toString('latin1'));
      hello.alpn = names;
    }
  });
  return hello;
}

function serverHello(m: Buffer): ServerHello {
  let version = m.readUInt16BE(0);
  let at = 2 + 32;
  at += 1 + m[at];
  const cipher = m.readUInt16BE(at);
  at += 3; // suite + compression method
  extensions(m, at, (type, d) => {
    if (type === 43 && d.length >= 2) version = d.readUInt16BE(0);
  });
  return { version, cipher };
}
