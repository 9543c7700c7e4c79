/**
 * The TDS a trace needs read: packet headers, the PRELOGIN option table both ways (VERSION and
 * ENCRYPTION), and the login response's tokens (LOGINACK, ERROR). Tolerant: a field that is not
 * there is left out rather than thrown about.
 */

/** Message types a client or server sends before and during login. */
const TDS_TYPES = new Set([0x01, 0x02, 0x03, 0x04, 0x06, 0x07, 0x08, 0x0e, 0x0f, 0x10, 0x11, 0x12]);
export const TDS = { SQL_BATCH: 0x01, RPC: 0x03, TABULAR: 0x04, ATTENTION: 0x06, LOGIN7: 0x10, SSPI: 0x11, PRELOGIN: 0x12 } as const;

/** True when `b` at `at` starts like a TDS packet header. */
export function looksLikeTdsPacket(b: Buffer, at = 0, end = b.length): boolean {
  if (end - at < 8) return false;
  const len = b.readUInt16BE(at + 2);
  return TDS_TYPES.has(b[at]) && len >= 8 && len <= 32768 && (b[at + 1] & ~0x1f) === 0;
}

export type Encryption = 'off' | 'on' | 'not-supported' | 'required' | 'unknown';
const ENC: Encryption[] = ['off', 'on', 'not-supported', 'required'];

export interface PreloginInfo {
  version?: string;
  encryption: Encryption;
  /** Raw ENCRYPTION byte (0x80 = client certificate). */
  encryptionByte?: number;
}

/** Reads a PRELOGIN option table; undefined when it is not one. */
export function readPrelogin(p: Buffer): PreloginInfo | undefined {
  let version: string | undefined;
  let enc: number | undefined;
  let at = 0;
  for (let n = 0; n < 32; n++) {
    if (at >= p.length) return undefined;
    const token = p[at];
    if (token === 0xff) {
      if (n === 0) return undefined;
      return { version, encryption: enc === undefined ? 'unknown' : ENC[enc & 0x0f & ~0x20] ?? 'unknown', encryptionByte: enc };
    }
    if (at + 5 > p.length) return undefined;
    const off = p.readUInt16BE(at + 1);
    const len = p.readUInt16BE(at + 3);
    if (off + len > p.length) return undefined;
    if (n === 0 && token !== 0) return undefined; // VERSION comes first
    if (token === 0 && len >= 6) version = `${p[off]}.${p[off + 1]}.${p.readUInt16BE(off + 2)}.${p.readUInt16BE(off + 4)}`;
    if (token === 1 && len >= 1) enc = p[off];
    at += 5;
  }
  return undefined;
}

export interface LoginResponse {
  loginAck: boolean;
  /** The first ERROR token's number, state and text (class >= 11). */
  error?: { number: number; state: number; message: string };
}

/**
 * Walks the token stream of a login response. Tokens before LOGINACK have 2-byte lengths
 * (ENVCHANGE, INFO, ERROR, LOGINACK); FEATUREEXTACK and DONE are handled; anything else ends the walk.
 */
export function readLoginResponse(p: Buffer): LoginResponse {
  const out: LoginResponse = { loginAck: false };
  let at = 0;
  for (let n = 0; n < 256 && at < p.length; n++) {
    const t = p[at];
    if (t === 0xe3 || t === 0xab || t === 0xaa || t === 0xad || t === 0xed) {
      if (at + 3 > p.length) break;
      const len = p[at + 1] | (p[at + 2] << 8);
      if (t === 0xad) out.loginAck = true;
      if (t === 0xaa && !out.error && Math.min(len, p.length - at - 3) >= 8) {
        const body = p.subarray(at + 3, at + 3 + len);
        const msgLen = body.readUInt16LE(6);
        out.error = { number: body.readInt32LE(0), state: body[4], message: body.subarray(8, 8 + msgLen * 2).toString('utf16le') };
      }
      at += 3 + len;
    } else if (t === 0xfd || t === 0xfe || t === 0xff) {
      at += 13;
    } else if (t === 0xae) {
      // FEATUREEXTACK: id(1) length(4) data ... until 0xff
      at++;
      while (at < p.length && p[at] !== 0xff) {
        if (at + 5 > p.length) return out;
        at += 5 + p.readUInt32LE(at + 1);
      }
      at++;
    } else break;
  }
  return out;
}
