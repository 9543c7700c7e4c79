/**
 * PRELOGIN option table (all big-endian): token, offset, length entries closed by 0xFF, then data.
 * The probe sends ENCRYPT_OFF so the answer shows the server's own setting directly.
 */

export const ENCRYPT = { OFF: 0, ON: 1, NOT_SUP: 2, REQ: 3 } as const;
export type EncryptSetting = 'off' | 'on' | 'not-supported' | 'required';
const ENCRYPT_NAMES: EncryptSetting[] = ['off', 'on', 'not-supported', 'required'];

const TOKEN = { VERSION: 0, ENCRYPTION: 1, INSTOPT: 2, THREADID: 3, MARS: 4, FEDAUTH: 6, END: 0xff };

export function buildPrelogin(opts: { encrypt: number; instance?: string }): Buffer {
  const instance = Buffer.concat([Buffer.from(opts.instance ?? '', 'latin1'), Buffer.from([0])]);
  const options: [number, Buffer][] = [
    [TOKEN.VERSION, Buffer.from([1, 0, 0, 0, 0, 0])],
    [TOKEN.ENCRYPTION, Buffer.from([opts.encrypt])],
    [TOKEN.INSTOPT, instance],
    [TOKEN.THREADID, Buffer.alloc(4)],
    [TOKEN.MARS, Buffer.from([0])],
  ];
  const table = Buffer.alloc(options.length * 5 + 1);
  let offset = table.length;
  options.forEach(([token, data], i) => {
    table[i * 5] = token;
    table.writeUInt16BE(offset, i * 5 + 1);
    table.writeUInt16BE(data.length, i * 5 + 3);
    offset += data.length;
  });
  table[table.length - 1] = TOKEN.END;
  return Buffer.concat([table, ...options.map(([, d]) => d)]);
}

export interface PreloginAnswer {
  version: string;
  encryption: EncryptSetting;
  clientCertAuth: boolean;
  instanceMismatch?: boolean;
  mars?: boolean;
  fedAuthRequired?: boolean;
}

export class PreloginFormatError extends Error {}

/** Parse a server's PRELOGIN answer; throws PreloginFormatError for anything that is not one. */
export function parsePrelogin(payload: Buffer): PreloginAnswer {
  const seen = new Map<number, Buffer>();
  let at = 0;
  for (let count = 0; ; count++) {
    if (at >= payload.length || count > 32) throw new PreloginFormatError('option table not terminated');
    const token = payload[at];
    if (token === TOKEN.END) break;
    if (at + 5 > payload.length) throw new PreloginFormatError('option table truncated');
    const offset = payload.readUInt16BE(at + 1);
    const length = payload.readUInt16BE(at + 3);
    if (offset + length > payload.length) throw new PreloginFormatError('option outside the payload');
    if (count === 0 && token !== TOKEN.VERSION) throw new PreloginFormatError('VERSION is not the first option');
    seen.set(token, payload.subarray(offset, offset + length));
    at += 5;
  }
  const v = seen.get(TOKEN.VERSION);
  const e = seen.get(TOKEN.ENCRYPTION);
  if (!v || v.length < 6 || !e || e.length < 1) throw new PreloginFormatError('VERSION or ENCRYPTION missing');
  const enc = e[0] & 0x7f & ~0x20;
  if (enc > 3) throw new PreloginFormatError(`unknown ENCRYPTION value ${e[0]}`);
  const flag = (token: number) => {
    const b = seen.get(token);
    return b && b.length ? b[0] === 1 : undefined;
  };
  return {
    version: `${v[0]}.${v[1]}.${v.readUInt16BE(2)}.${v.readUInt16BE(4)}`,
    encryption: ENCRYPT_NAMES[enc],
    clientCertAuth: (e[0] & 0x80) !== 0,
    instanceMismatch: flag(TOKEN.INSTOPT),
    mars: flag(TOKEN.MARS),
    fedAuthRequired: flag(TOKEN.FEDAUTH),
  };
}
