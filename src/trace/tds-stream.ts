/**
 * Reads what the two sides of one conversation say, in order: TDS packets (PRELOGIN, LOGIN7, the
 * login response), TLS records bare on TCP (TDS 8.0 strict, and after a TDS 7.x handshake) or
 * carried inside PRELOGIN packets, and fills in the conversation's record. Stops reading once the
 * login's outcome is known; after that only TCP is counted.
 */
import { cipherName, alertName, tlsVersionName } from './cipher-suites';
import { TRACE_LIMITS } from './limits';
import { looksLikeTdsPacket, readLoginResponse, readPrelogin, TDS } from './tds-parse';
import { looksLikeTlsRecord, TlsDirection, TlsEvent } from './tls-parse';
import type { Conversation, Side } from './types';

interface DirState {
  pending?: Buffer;
  parts: Buffer[];
  partBytes: number;
  partType: number;
  /** Made when the first TLS record arrives (most conversations in a long trace never need one). */
  tls?: TlsDirection;
  /** TLS bytes carried in PRELOGIN packets, waiting to form whole records. */
  inTds?: Buffer;
  units: number;
  off: boolean;
}

/** Encrypted request/response turns read after the handshake before we stop. */
const ENCRYPTED_TURNS = 4;

const newDir = (): DirState => ({ parts: [], partBytes: 0, partType: -1, tls: undefined, units: 0, off: false });

export class TdsStream {
  private readonly dirs: Record<Side, DirState> = { client: newDir(), server: newDir() };
  private now = 0;
  /** The last thing said and by whom, for "how it ended" (the text is built only when asked). */
  private saidWhat = '';
  private saidBy: Side = 'client';
  finished = false;
  /** Set when the client's first bytes are neither PRELOGIN nor a TLS ClientHello. */
  notSql = false;
  private lastClientData?: number;
  private turns = 0;

  constructor(
    private readonly c: Conversation,
    private readonly ms: (tsUs: number) => number,
  ) {}

  /** The next bytes in order from one side: data[from, to) (copied only when a message is left incomplete). */
  push(side: Side, data: Buffer, from: number, to: number, tsUs: number): void {
    const d = this.dirs[side];
    if (d.off || this.finished) return;
    this.now = this.ms(tsUs);
    let buf = data;
    let at = from;
    let end = to;
    if (d.pending) {
      buf = Buffer.concat([d.pending, data.subarray(from, to)]);
      at = 0;
      end = buf.length;
      d.pending = undefined;
    }
    while (at < end && !d.off && !this.finished) {
      const used = this.unit(side, d, buf, at, end);
      if (used === 0) break;
      at += used;
    }
    if (!d.off && !this.finished && at < end) {
      if (end - at > TRACE_LIMITS.maxMessageBytes) d.off = true;
      else d.pending = Buffer.from(buf.subarray(at, end));
    }
  }

  private said(side: Side, what: string): void {
    this.saidWhat = what;
    this.saidBy = side;
  }

  get lastSaid(): string {
    return this.saidWhat ? `${this.saidWhat} from ${this.saidBy}` : '';
  }

  /** One TDS packet or TLS record at `at` (bytes up to `end`): bytes used, or 0 when more are needed. */
  private unit(side: Side, d: DirState, b: Buffer, at: number, end: number): number {
    const first = d.units === 0;
    if (end - at < 5) return 0;
    if (looksLikeTlsRecord(b, at, end) && !(d.partType >= 0)) {
      const len = b.readUInt16BE(at + 3);
      if (end - at < 5 + len) return 0;
      if (first && side === 'client' && b[at] !== 22) return this.notSpeaking(side, d);
      d.units++;
      if (first && side === 'client') {
        this.c.speaksTds = true; // confirmed below by the ALPN or the port
        this.c.tls = { mode: 'strict', alerts: [] };
      }
      this.tlsEvents(side, (d.tls ??= new TlsDirection()).record(b[at], b.subarray(at + 5, at + 5 + len)));
      return 5 + len;
    }
    if (end - at < 8) return 0;
    if (!looksLikeTdsPacket(b, at, end)) return this.notSpeaking(side, d);
    const len = b.readUInt16BE(at + 2);
    if (end - at < len) return 0;
    if (first && side === 'client' && b[at] !== TDS.PRELOGIN) return this.notSpeaking(side, d);
    d.units++;
    const type = b[at];
    if (d.partType >= 0 && type !== d.partType) d.parts.length = 0;
    const last = (b[at + 1] & 0x01) !== 0;
    const part = b.subarray(at + 8, at + len);
    if (last && d.parts.length === 0 && d.partBytes < TRACE_LIMITS.maxMessageBytes) {
      // A message in one packet (the usual case): read in place.
      d.partBytes = 0;
      d.partType = -1;
      this.message(side, d, type, part);
      return len;
    }
    d.partType = type;
    if (d.partBytes < TRACE_LIMITS.maxMessageBytes) {
      // A part kept for the next packets is copied: these bytes may sit in the reader's reused buffer.
      d.parts.push(last ? part : Buffer.from(part));
      d.partBytes += len - 8;
    }
    if (last) {
      const payload = Buffer.concat(d.parts);
      d.parts.length = 0;
      d.partBytes = 0;
      d.partType = -1;
      this.message(side, d, type, payload);
    }
    return len;
  }

  private notSpeaking(side: Side, d: DirState): number {
    d.off = true;
    if (side === 'client' && d.units === 0) this.notSql = true;
    if (side === 'server' && d.units === 0 && this.c.prelogin && !this.c.preloginResponse) {
      this.c.notTdsReply = true;
      this.said(side, 'bytes that are not TDS');
    }
    return 0;
  }

  private message(side: Side, d: DirState, type: number, payload: Buffer): void {
    const c = this.c;
    if (side === 'client') {
      if (type === TDS.PRELOGIN && !c.prelogin && !c.tls) {
        const p = readPrelogin(payload);
        c.speaksTds = !!p;
        if (!p) return void (this.notSql = true);
        c.prelogin = { atMs: this.now, version: p.version, encryption: p.encryption };
        return this.said(side, 'PRELOGIN');
      }
      if (type === TDS.PRELOGIN) return this.tlsInTds(side, d, payload);
      if (type === TDS.LOGIN7) {
        (c.login ??= {}).login7Ms = this.now;
        return this.said(side, 'LOGIN7');
      }
      if (type === TDS.SSPI) return this.said(side, 'SSPI');
      return this.said(side, type === TDS.SQL_BATCH ? 'SQL batch' : type === TDS.RPC ? 'RPC' : `TDS message 0x${type.toString(16)}`);
    }
    if (type === TDS.TABULAR && c.prelogin && !c.preloginResponse) {
      const p = readPrelogin(payload);
      if (p) {
        c.preloginResponse = { atMs: this.now, version: p.version, encryption: p.encryption };
        return this.said(side, 'PRELOGIN response');
      }
    }
    if (type === TDS.PRELOGIN) return this.tlsInTds(side, d, payload);
    if (type === TDS.TABULAR && (c.login?.login7Ms !== undefined || c.tls?.doneMs !== undefined)) {
      const r = readLoginResponse(payload);
      const login = (c.login ??= {});
      if (login.login7Ms === undefined) login.login7Ms = c.tls?.doneMs; // LOGIN7 went encrypted
      if (r.loginAck) {
        login.loginAckMs = this.now;
        login.loginMs = login.login7Ms !== undefined ? this.now - login.login7Ms : undefined;
      }
      if (r.error) login.error = r.error;
      this.said(side, r.loginAck ? 'LOGINACK' : r.error ? `error ${r.error.number}` : 'a response');
      if (r.loginAck || r.error) this.finished = true;
      return;
    }
    this.said(side, 'a TDS response');
  }

  private tlsInTds(side: Side, d: DirState, payload: Buffer): void {
    if (!this.c.tls) this.c.tls = { mode: 'in-tds', alerts: [] };
    let buf = d.inTds ? Buffer.concat([d.inTds, payload]) : payload;
    d.inTds = undefined;
    let at = 0;
    while (looksLikeTlsRecord(buf, at)) {
      const len = buf.readUInt16BE(at + 3);
      if (buf.length - at < 5 + len) break;
      this.tlsEvents(side, (d.tls ??= new TlsDirection()).record(buf[at], buf.subarray(at + 5, at + 5 + len)));
      at += 5 + len;
    }
    buf = buf.subarray(at);
    if (buf.length && buf.length < TRACE_LIMITS.maxMessageBytes && (buf.length < 5 || looksLikeTlsRecord(buf))) d.inTds = Buffer.from(buf);
  }

  private tlsEvents(side: Side, events: TlsEvent[]): void {
    const t = this.c.tls ?? (this.c.tls = { mode: 'in-tds', alerts: [] });
    for (const e of events) {
      switch (e.kind) {
        case 'client-hello': {
          const versions = e.hello.versions.map(tlsVersionName);
          const max = Math.max(...e.hello.versions.filter((v) => v <= 0x0304));
          t.clientHello = {
            atMs: this.now,
            versions,
            maxVersion: tlsVersionName(Number.isFinite(max) ? max : e.hello.legacyVersion),
            ciphers: e.hello.ciphers.map(cipherName),
            sni: e.hello.sni,
            alpn: e.hello.alpn,
          };
          if (t.mode === 'strict' && e.hello.alpn?.includes('tds/8.0')) this.c.speaksTds = true;
          this.said(side, 'ClientHello');
          break;
        }
        case 'server-hello':
          t.serverHello = { atMs: this.now, version: tlsVersionName(e.hello.version), cipher: cipherName(e.hello.cipher) };
          this.said(side, 'ServerHello');
          break;
        case 'alert':
          if (e.encrypted) {
            t.alerts.push({ atMs: this.now, from: side, description: 'encrypted alert' });
            this.said(side, 'an encrypted TLS alert');
          } else {
            t.alerts.push({ atMs: this.now, from: side, level: e.level === 2 ? 'fatal' : 'warning', description: alertName(e.description) });
            this.said(side, `TLS alert ${alertName(e.description)}`);
          }
          break;
        case 'change-cipher-spec':
          this.said(side, 'ChangeCipherSpec');
          break;
        case 'application-data':
          // Encrypted turns: the longest wait from the client's data to the server's answer is the
          // login's time when LOGIN7 itself cannot be seen (a few turns cover login).
          if (side === 'client') {
            if (t.doneMs === undefined) t.doneMs = this.now;
            this.lastClientData = this.now;
          } else if (this.lastClientData !== undefined) {
            const wait = this.now - this.lastClientData;
            this.lastClientData = undefined;
            const login = (this.c.login ??= {});
            login.firstServerDataMs ??= this.now;
            login.afterHandshakeMs = Math.max(login.afterHandshakeMs ?? 0, wait);
            if (++this.turns >= ENCRYPTED_TURNS) this.finished = true;
          }
          this.said(side, 'encrypted data');
          break;
        case 'handshake':
          this.said(side, 'TLS handshake');
          break;
        case 'malformed':
          this.said(side, e.what);
          break;
      }
    }
  }
}
