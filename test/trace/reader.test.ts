/**
 * The reader gives the same conversations and findings whatever carries the packets: pcap in
 * either byte order and resolution, pcapng with several interfaces and blocks to skip, every link
 * layer it supports, IPv6 with an extension header, and any chunk size the stream delivers.
 */
import fs from 'node:fs';
import { readTraceBuffer, readTraceFile, TraceReport } from '../../src/trace';
import { framesOf, Link, LINK_TYPE, pcapFile, pcapngFile, reframe } from './capture-files';
import { fixtureFiles, scenario, SCENARIOS, TRACE_DIR } from './fixtures';
import path from 'node:path';

/** Times to 10 µs: a microsecond file cannot keep a nanosecond file's digits. */
const coarse = (v: unknown): unknown =>
  typeof v === 'number' ? Math.round(v * 100) / 100 : Array.isArray(v) ? v.map(coarse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, coarse(x)])) : v;

/** What must not change with the framing: per conversation its shape, and the findings. */
function shape(r: TraceReport) {
  return coarse({
    conversations: r.conversations.map((c) => ({
      frames: c.frames,
      end: c.end,
      prelogin: c.prelogin,
      tls: c.tls,
      login: c.login,
      retransmits: c.retransmits,
      keepAlives: c.keepAlives,
      bytes: c.bytes,
    })),
    findings: r.findings.map((f) => f.id),
    warnings: r.warnings,
  });
}

const SOURCES = ['tls10-only', 'slow-login', 'drops'];

describe.each(SOURCES)('%s re-framed', (name) => {
  const s = scenario(name);
  const original = readTraceBuffer(fs.readFileSync(s.path), { ports: s.ports });
  const frames = framesOf(s.path);

  test('the original reads without warnings and finds something', () => {
    expect(original.warnings).toEqual([]);
    expect(original.findings.length).toBeGreaterThan(0);
  });

  test.each(['ethernet-vlan', 'sll', 'sll2', 'raw', 'ipv4', 'null', 'loop', 'ipv6-ethernet', 'ipv6-raw'] as Link[])('link %s', (link) => {
    const file = pcapFile(frames.map((f) => ({ tsUs: f.tsUs, data: reframe(f, link) })), LINK_TYPE[link]);
    const r = readTraceBuffer(file, { ports: s.ports });
    expect(shape(r)).toEqual(shape(original));
    if (link.startsWith('ipv6')) expect(r.conversations[0].client).toMatch(/^2001:db8::7f00:1:\d+$/);
  });

  test.each([
    ['pcap big-endian microseconds', { bigEndian: true }],
    ['pcap little-endian nanoseconds', { nano: true }],
    ['pcap big-endian nanoseconds', { bigEndian: true, nano: true }],
  ])('%s', (_label, o) => {
    const r = readTraceBuffer(pcapFile(frames, 1, o), { ports: s.ports });
    expect(shape(r)).toEqual(shape(original));
    expect(r.durationMs).toBeCloseTo(original.durationMs, 0);
  });

  test('pcapng, big-endian, second interface, nanosecond tsresol, comments, name resolution and unknown blocks', () => {
    const r = readTraceBuffer(pcapngFile(frames, 1), { ports: s.ports });
    expect(r.format).toBe('pcapng');
    expect(shape(r)).toEqual(shape(original));
    expect(r.durationMs).toBeCloseTo(original.durationMs, 0);
  });

  test.each([1, 7, 61, 4096])('read %i bytes at a time, the report is the same', (size) => {
    const buf = fs.readFileSync(s.path);
    const { TraceReader } = jest.requireActual('../../src/trace') as typeof import('../../src/trace');
    const reader = new TraceReader({ ports: s.ports });
    for (let at = 0; at < buf.length; at += size) reader.push(buf.subarray(at, at + size));
    expect(shape(reader.finish())).toEqual(shape(original));
  });
});

test('a port the caller does not name is still found when the conversation speaks TDS', () => {
  const s = scenario('slow-login');
  const r = readTraceBuffer(fs.readFileSync(s.path));
  expect(r.sqlConversations).toBe(2);
  // ... while a SYN refused on an unnamed port is not a SQL Server conversation, and says so.
  const refused = readTraceBuffer(fs.readFileSync(scenario('refused').path));
  expect(refused.sqlConversations).toBe(0);
  expect(refused.warnings.join(' ')).toMatch(/no conversation to SQL Server found among 2 TCP conversations/);
});

describe('a file read in reads of any size through the reused buffers', () => {
  // Small reads cut records, TDS packets and TLS records at every place, and each read lands in a
  // buffer that held other bytes before: the report must be the one read from memory, to the byte.
  const files = fixtureFiles();
  const portsOf = (f: string) => SCENARIOS.find((s) => s.file === f)?.ports;
  test.each([61, 1500, 4096, 65536])('%i bytes per read: every fixture gives the same report', async (chunkBytes) => {
    for (const f of files) {
      const file = path.join(TRACE_DIR, f);
      const ports = portsOf(f);
      const fromFile = await readTraceFile(file, { ports, chunkBytes });
      expect({ f, report: fromFile }).toEqual({ f, report: readTraceBuffer(fs.readFileSync(file), { ports }) });
    }
  });

  test('a file cut inside a record says so, whatever the read size', async () => {
    const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'sqltriage-trace-cut-'));
    try {
      const whole = fs.readFileSync(scenario('drops').path);
      const cut = path.join(dir, 'cut.pcap');
      fs.writeFileSync(cut, whole.subarray(0, whole.length - 7));
      for (const chunkBytes of [100, 4096]) {
        const r = await readTraceFile(cut, { chunkBytes });
        expect(r.warnings.join(' ')).toMatch(/the file ends inside a record \(\d+ bytes left unread\)/);
        expect(r.frames).toBe(readTraceBuffer(whole).frames - 1);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
