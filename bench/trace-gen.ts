/**
 * Builds large captures for the trace benchmark from a real recorded conversation: the fixture's
 * first login (SYN to FIN, TDS in the clear) repeated with new client addresses and ports, each
 * followed by a result set of full-size segments, until the file reaches the size asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CaptureParser } from '../src/trace/capture-parser';
import { storeFrame, StoredFrame } from '../src/trace/frame';

/** From bench/ (ts-jest) or dist/bench/ (compiled). */
const FIXTURE = ['..', '../..'].map((up) => path.join(__dirname, up, 'test/fixtures/traces/drops.pcap')).find((f) => fs.existsSync(f))!;

function templateFrames(): StoredFrame[] {
  const frames: StoredFrame[] = [];
  const p = new CaptureParser((f) => frames.push(storeFrame(f)));
  p.push(fs.readFileSync(FIXTURE));
  p.end();
  // The first conversation: every frame that shares the first SYN's client port.
  const port = frames[0].data.readUInt16BE(34);
  return frames.filter((f) => f.data.readUInt16BE(34) === port || f.data.readUInt16BE(36) === port);
}

function record(tsUs: number, data: Buffer): Buffer {
  const h = Buffer.alloc(16);
  h.writeUInt32LE(Math.floor(tsUs / 1e6), 0);
  h.writeUInt32LE(Math.round(tsUs % 1e6), 4);
  h.writeUInt32LE(data.length, 8);
  h.writeUInt32LE(data.length, 12);
  return Buffer.concat([h, data]);
}

/** Writes a pcap of about `bytes` bytes; `bulkSegments` full-size server segments per conversation. */
export async function generateCapture(file: string, bytes: number, bulkSegments: number): Promise<{ frames: number; conversations: number }> {
  const tpl = templateFrames();
  const clientPort = tpl[0].data.readUInt16BE(34);
  const loginAck = tpl.findIndex((f, i) => i > 0 && f.data.readUInt16BE(36) === clientPort && f.data.length > 100 && f.data[66] === 0x04) + 2;
  const serverData = (tpl[loginAck - 1] ?? tpl[tpl.length - 1]).data;
  const out = fs.createWriteStream(file);
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(262144, 16);
  header.writeUInt32LE(1, 20);
  let written = 24;
  let frames = 0;
  let conversations = 0;
  const pending: Buffer[] = [header];
  const flush = async () => {
    if (!out.write(Buffer.concat(pending.splice(0)))) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  let t = tpl[0].tsUs;
  const start = tpl[0].tsUs;
  while (written < bytes) {
    const port = 1024 + (conversations % 60000);
    const host = 1 + (Math.floor(conversations / 60000) % 250);
    const emit = (data: Buffer, at: number) => {
      const r = record(at, data);
      pending.push(r);
      written += r.length;
      frames++;
    };
    tpl.forEach((f, i) => {
      const d = Buffer.from(f.data);
      const fromClient = d.readUInt16BE(34) === clientPort;
      d.writeUInt16BE(port, fromClient ? 34 : 36);
      d[fromClient ? 29 : 33] = host;
      emit(d, t + (f.tsUs - start));
      if (i === loginAck - 1) {
        // A result set: full-size segments from the server, continuing its sequence numbers.
        const ihl = (serverData[14] & 0x0f) * 4;
        const tcpLen = (serverData[14 + ihl + 12] >> 4) * 4;
        const head = Buffer.from(serverData.subarray(0, 14 + ihl + tcpLen));
        head.writeUInt16BE(port, 36);
        head[33] = host;
        let seq = head.readUInt32BE(14 + ihl + 4) + serverData.length - head.length;
        for (let k = 0; k < bulkSegments; k++) {
          const seg = Buffer.concat([head, Buffer.alloc(1448, 0x04)]);
          seg.writeUInt16BE(ihl + tcpLen + 1448, 16);
          seg.writeUInt32BE(seq >>> 0, 14 + ihl + 4);
          seq += 1448;
          emit(seg, t + (f.tsUs - start) + k * 20);
        }
      }
    });
    conversations++;
    t += 50_000;
    if (pending.length > 2000) await flush();
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  return { frames, conversations };
}
