/**
 * Truncated, corrupted and hostile captures never throw, never hang, and return what they could
 * read. Mutations are drawn from a fixed seed (printed, and settable with TRACE_FUZZ_SEED).
 */
import fs from 'node:fs';
import os from 'node:os';
import { readTraceBuffer, readTraceFile, TraceReport } from '../../src/trace';
import { fixtureFiles, TRACE_DIR } from './fixtures';
import { framesOf, pcapFile, pcapngFile, rng } from './capture-files';
import path from 'node:path';

const SEED = Number(process.env.TRACE_FUZZ_SEED ?? 20261129);
const ROUNDS = 400;
const files = fixtureFiles().map((f) => fs.readFileSync(path.join(TRACE_DIR, f)));

function timed(buf: Buffer): { report: TraceReport; ms: number } {
  const t = process.hrtime.bigint();
  const report = readTraceBuffer(buf, { ports: [1433] });
  return { report, ms: Number(process.hrtime.bigint() - t) / 1e6 };
}

const ABSURD = [0, 1, 8, 11, 12, 13, 0x7fffffff, 0xfffffffc, 0xffffffff, 0x10000, 0x40000];

function mutate(src: Buffer, r: () => number): { buf: Buffer; what: string } {
  const buf = Buffer.from(src);
  const pick = (n: number) => Math.floor(r() * n);
  switch (pick(6)) {
    case 0: {
      const at = pick(buf.length);
      return { buf: buf.subarray(0, at), what: `truncated at ${at}` };
    }
    case 1: {
      const n = 1 + pick(32);
      for (let i = 0; i < n; i++) buf[pick(buf.length)] = pick(256);
      return { buf, what: `${n} random bytes` };
    }
    case 2: {
      // An absurd 32-bit length anywhere 4-aligned (record, block, option or IP length fields).
      const at = pick(Math.floor(buf.length / 4)) * 4;
      const v = ABSURD[pick(ABSURD.length)];
      if (at + 4 <= buf.length) buf.writeUInt32LE(v >>> 0, at);
      return { buf, what: `u32 ${v} at ${at}` };
    }
    case 3: {
      const at = pick(buf.length - 2);
      buf.writeUInt16BE(pick(65536), at);
      return { buf, what: `u16 at ${at}` };
    }
    case 4: {
      const from = pick(buf.length);
      const len = pick(2000);
      return { buf: Buffer.concat([buf.subarray(0, from), buf.subarray(from + len)]), what: `cut ${len} bytes at ${from}` };
    }
    default: {
      const at = pick(buf.length);
      const junk = Buffer.alloc(1 + pick(600));
      for (let i = 0; i < junk.length; i++) junk[i] = pick(256);
      return { buf: Buffer.concat([buf.subarray(0, at), junk, buf.subarray(at)]), what: `${junk.length} junk bytes at ${at}` };
    }
  }
}

test(`${ROUNDS} mutated fixtures (seed ${SEED}) read without throwing, quickly, with what could be read`, () => {
  process.stdout.write(`trace fuzz seed: ${SEED}\n`);
  const r = rng(SEED);
  for (let i = 0; i < ROUNDS; i++) {
    const src = files[Math.floor(r() * files.length)];
    const { buf, what } = mutate(src, r);
    let result: { report: TraceReport; ms: number };
    try {
      result = timed(buf);
    } catch (err) {
      throw new Error(`round ${i} (${what}) threw: ${(err as Error).stack}`);
    }
    expect({ round: i, what, slow: result.ms > 2000 }).toEqual({ round: i, what, slow: false });
    expect(Array.isArray(result.report.conversations)).toBe(true);
    expect(JSON.parse(JSON.stringify(result.report)).frames).toBe(result.report.frames);
  }
});

test(`mutated fixtures read from a file in small reads (seed ${SEED}): never throw, never hang, and say exactly what the in-memory read says`, async () => {
  // The file path parses in place in reused buffers and carries records cut by a read into the next
  // one: on hostile bytes it must still agree with reading the whole buffer at once.
  const r = rng(SEED + 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-trace-fuzz-'));
  try {
    for (let i = 0; i < 60; i++) {
      const { buf, what } = mutate(files[Math.floor(r() * files.length)], r);
      const file = path.join(dir, `m${i}.pcap`);
      fs.writeFileSync(file, buf);
      const chunkBytes = [97, 1000, 4096][i % 3];
      let fromFile: TraceReport;
      try {
        fromFile = await readTraceFile(file, { ports: [1433], chunkBytes });
      } catch (err) {
        throw new Error(`round ${i} (${what}) threw: ${(err as Error).stack}`);
      }
      expect({ round: i, what, report: fromFile }).toEqual({ round: i, what, report: readTraceBuffer(buf, { ports: [1433] }) });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a truncated capture keeps the conversations before the cut and says where it stopped', () => {
  const whole = fs.readFileSync(path.join(TRACE_DIR, 'drops.pcap'));
  const { report } = timed(whole.subarray(0, Math.floor(whole.length * 0.6)));
  expect(report.frames).toBeGreaterThan(10);
  expect(report.sqlConversations).toBeGreaterThan(1);
  expect(report.warnings.join(' ')).toMatch(/ends inside a record/);
});

describe('hostile captures', () => {
  const frames = framesOf(path.join(TRACE_DIR, 'drops.pcap')).slice(0, 20);
  const pcap = pcapFile(frames, 1);

  test('a record claiming 4 GB stops the reading there, with the frames before it', () => {
    const bad = Buffer.from(pcap);
    let at = 24;
    for (let i = 0; i < 5; i++) at += 16 + bad.readUInt32LE(at + 8);
    bad.writeUInt32LE(0xffffffff, at + 8);
    const { report, ms } = timed(bad);
    expect(report.frames).toBe(5);
    expect(report.warnings.join(' ')).toMatch(/claims 4294967295 bytes/);
    expect(ms).toBeLessThan(1000);
  });

  test('snaplen 0 and zero-length records: nothing to decode, no error', () => {
    const empty = pcapFile(frames.map((f) => ({ tsUs: f.tsUs, data: Buffer.alloc(0) })), 1);
    empty.writeUInt32LE(0, 16);
    const { report } = timed(empty);
    expect(report.frames).toBe(20);
    expect(report.tcpConversations).toBe(0);
  });

  test('records cut by a small snaplen: the TCP headers are read, the payload hole is not parsed as TDS', () => {
    const cut = pcapFile(frames.map((f) => ({ tsUs: f.tsUs, data: f.data.subarray(0, 60) })), 1);
    const { report } = timed(cut);
    expect(report.tcpConversations).toBeGreaterThan(0);
    expect(report.conversations.every((c) => !c.prelogin)).toBe(true);
  });

  test('endless pcapng options: an interface block full of option headers and an unterminated option list', () => {
    const ng = pcapngFile(frames, 1);
    const opts = Buffer.alloc(200_000);
    for (let at = 0; at + 4 <= opts.length; at += 4) opts.writeUInt32BE(0x00010000, at); // comment, length 0, forever
    const body = Buffer.concat([Buffer.from([0, 1, 0, 0, 0, 0, 0xff, 0xff]), opts]);
    const len = body.length + 12;
    const block = Buffer.alloc(len);
    block.writeUInt32BE(1, 0);
    block.writeUInt32BE(len, 4);
    body.copy(block, 8);
    block.writeUInt32BE(len, len - 4);
    const { report, ms } = timed(Buffer.concat([ng.subarray(0, 28 + 60), block, ng.subarray(28 + 60)]));
    expect(ms).toBeLessThan(2000);
    expect(report.format).toBe('pcapng');
  });

  test.each([
    ['block length below the minimum', 8],
    ['block length not a multiple of 4', 30],
    ['block length of 4 GB', 0xfffffffc],
  ])('pcapng %s', (_what, len) => {
    const ng = pcapngFile(frames, 1);
    const bad = Buffer.from(ng);
    // The first packet block follows SHB, two IDBs, the NRB and the custom block: find it by type.
    let at = 0;
    while (bad.readUInt32BE(at) !== 6) at += bad.readUInt32BE(at + 4);
    bad.writeUInt32BE(len, at + 4);
    const { report, ms } = timed(bad);
    expect(ms).toBeLessThan(1000);
    expect(report.warnings.length).toBeGreaterThan(0);
  });

  test('not a capture at all, and an empty file', () => {
    expect(timed(Buffer.from('hello, this is text')).report.warnings.join(' ')).toMatch(/not a pcap or pcapng/);
    expect(timed(Buffer.alloc(0)).report.warnings.join(' ')).toMatch(/empty or too short/);
  });

  test('TDS and TLS with absurd inner lengths inside well-formed TCP', () => {
    const hostile = frames.map((f) => {
      const d = Buffer.from(f.data);
      const ihl = (d[14] & 0x0f) * 4;
      const tcpAt = 14 + ihl;
      const payloadAt = tcpAt + (d[tcpAt + 12] >> 4) * 4;
      if (payloadAt + 8 <= d.length) {
        d[payloadAt] = 0x12;
        d.writeUInt16BE(0xffff, payloadAt + 2); // TDS packet length 65535
      }
      return { tsUs: f.tsUs, data: d };
    });
    const { report } = timed(pcapFile(hostile, 1));
    expect(report.frames).toBe(20);
  });
});
