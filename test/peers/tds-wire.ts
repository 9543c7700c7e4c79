/**
 * Server-side TDS wire helpers for the test peers, written separately from src/probes so a bug
 * in the probe's codec cannot hide behind the same bug in the peer.
 */

export function packet(type: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h[0] = type;
  h[1] = 0x01; // EOM: our replies always fit one packet
  h.writeUInt16BE(payload.length + 8, 2);
  h[6] = 1;
  return Buffer.concat([h, payload]);
}

/** Reassembles client messages; calls back with (type, payload) for each completed one. */
export class MessageSplitter {
  private buf = Buffer.alloc(0);
  private parts: Buffer[] = [];
  constructor(private readonly onMessage: (type: number, payload: Buffer) => void) {}
  push(chunk: Buffer): void {
    this.buf = Buffer.concat([this.buf, chunk]);
    while (this.buf.length >= 8) {
      const len = this.buf.readUInt16BE(2);
      if (len < 8) throw new Error('bad TDS length');
      if (this.buf.length < len) return;
      const type = this.buf[0];
      const eom = this.buf[1] & 1;
      this.parts.push(this.buf.subarray(8, len));
      this.buf = this.buf.subarray(len);
      if (eom) {
        const payload = Buffer.concat(this.parts);
        this.parts = [];
        this.onMessage(type, payload);
      }
    }
  }
}

/** Reads the client's ENCRYPTION option (0xff when absent). */
export function clientEncryption(prelogin: Buffer): number {
  for (let at = 0; at < prelogin.length && prelogin[at] !== 0xff; at += 5) {
    if (prelogin[at] === 0x01) return prelogin[prelogin.readUInt16BE(at + 1)];
  }
  return 0xff;
}

export function clientInstance(prelogin: Buffer): string {
  for (let at = 0; at < prelogin.length && prelogin[at] !== 0xff; at += 5) {
    if (prelogin[at] === 0x02) {
      const off = prelogin.readUInt16BE(at + 1);
      const len = prelogin.readUInt16BE(at + 3);
      return prelogin.subarray(off, off + len).toString('latin1').replace(/\0.*$/s, '');
    }
  }
  return '';
}

export function preloginResponse(version: [number, number, number, number], encryption: number, instanceMismatch: boolean): Buffer {
  const v = Buffer.alloc(6);
  v[0] = version[0];
  v[1] = version[1];
  v.writeUInt16BE(version[2], 2);
  v.writeUInt16BE(version[3], 4);
  const opts: [number, Buffer][] = [
    [0x00, v],
    [0x01, Buffer.from([encryption])],
    [0x02, Buffer.from([instanceMismatch ? 1 : 0])],
    [0x03, Buffer.alloc(0)],
    [0x04, Buffer.from([0])],
    [0x06, Buffer.from([0])],
  ];
  const table = Buffer.alloc(opts.length * 5 + 1);
  let off = table.length;
  opts.forEach(([t, d], i) => {
    table[i * 5] = t;
    table.writeUInt16BE(off, i * 5 + 1);
    table.writeUInt16BE(d.length, i * 5 + 3);
    off += d.length;
  });
  table[table.length - 1] = 0xff;
  return Buffer.concat([table, ...opts.map(([, d]) => d)]);
}

export function parseLogin7(p: Buffer): { user: string; password: string } {
  const str = (at: number) => p.subarray(p.readUInt16LE(at), p.readUInt16LE(at) + p.readUInt16LE(at + 2) * 2);
  const user = str(40).toString('utf16le');
  // The client swaps nibbles then XORs 0xA5; undo it in the reverse order.
  const pw = Buffer.from(str(44).map((b) => {
    const x = b ^ 0xa5;
    return ((x & 0x0f) << 4) | (x >> 4);
  }));
  return { user, password: pw.toString('utf16le') };
}

function bVarchar(s: string): Buffer {
  return Buffer.concat([Buffer.from([s.length]), Buffer.from(s, 'utf16le')]);
}
function usVarchar(s: string): Buffer {
  const n = Buffer.alloc(2);
  n.writeUInt16LE(s.length);
  return Buffer.concat([n, Buffer.from(s, 'utf16le')]);
}
function token(type: number, body: Buffer): Buffer {
  const h = Buffer.alloc(3);
  h[0] = type;
  h.writeUInt16LE(body.length, 1);
  return Buffer.concat([h, body]);
}
export function done(status = 0): Buffer {
  const b = Buffer.alloc(13);
  b[0] = 0xfd;
  b.writeUInt16LE(status, 1);
  return b;
}

export function loginAck(): Buffer {
  const envDb = token(0xe3, Buffer.concat([Buffer.from([1]), bVarchar('master'), bVarchar('master')]));
  const ack = token(0xad, Buffer.concat([Buffer.from([1, 0x74, 0, 0, 4]), bVarchar('Microsoft SQL Server'), Buffer.from([16, 0, 0x10, 0x27])]));
  const envPacket = token(0xe3, Buffer.concat([Buffer.from([4]), bVarchar('4096'), bVarchar('4096')]));
  return Buffer.concat([envDb, ack, envPacket, done()]);
}

export function loginError(number: number, state: number, cls: number, message: string): Buffer {
  const n = Buffer.alloc(4);
  n.writeInt32LE(number);
  const line = Buffer.alloc(4);
  line.writeInt32LE(1);
  const body = Buffer.concat([n, Buffer.from([state, cls]), usVarchar(message), bVarchar('PEER'), bVarchar(''), line]);
  return Buffer.concat([token(0xaa, body), done(0x02)]);
}
