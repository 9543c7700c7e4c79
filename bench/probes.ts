/**
 * Probe benchmarks on loopback: the ladder (DNS, TCP x3, PRELOGIN, TLS with its four handshakes)
 * against the same socket work done bare, as a ratio; and a 100-attempt series.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { duplexPair } from 'node:stream';
import { createProber } from '../src/probes';
import { parseProbeConfig } from '../src/probes/config';
import { startTdsPeer } from '../test/peers/tds-server';
import { makeCerts } from '../test/peers/certs';

const ROUNDS = 15;
/** A minimal PRELOGIN (VERSION, ENCRYPTION=OFF) built by hand for the bare client. */
function prelogin(): Buffer {
  const payload = Buffer.from([0x00, 0, 11, 0, 6, 0x01, 0, 17, 0, 1, 0xff, 1, 0, 0, 0, 0, 0, 0]);
  const h = Buffer.from([0x12, 1, 0, 8 + payload.length, 0, 0, 1, 0]);
  return Buffer.concat([h, payload]);
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Read one whole TDS message (header length) from the socket. */
function readMessage(s: net.Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const on = (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      if (buf.length >= 8 && buf.length >= buf.readUInt16BE(2)) {
        s.off('data', on);
        resolve(buf.subarray(8, buf.readUInt16BE(2)));
      }
    };
    s.on('data', on);
  });
}

async function bareHandshake(port: number, ca: Buffer, version?: tls.SecureVersion): Promise<void> {
  const s = await connect(port);
  s.write(prelogin());
  await readMessage(s);
  const [clear, cipher] = duplexPair();
  const t = tls.connect({ socket: clear, ca, servername: 'localhost', rejectUnauthorized: false, minVersion: version ?? 'TLSv1', maxVersion: version ?? 'TLSv1.2', ciphers: 'DEFAULT@SECLEVEL=0' });
  let out: Buffer[] = [];
  cipher.on('data', (c: Buffer) => {
    out.push(c);
    if (out.length === 1)
      setImmediate(async () => {
        const p = Buffer.concat(out);
        out = [];
        s.write(Buffer.concat([Buffer.from([0x12, 1, (p.length + 8) >> 8, (p.length + 8) & 255, 0, 0, 1, 0]), p]));
        cipher.write(await readMessage(s));
      });
  });
  await new Promise<void>((resolve) => {
    t.once('secureConnect', () => resolve());
    t.once('error', () => resolve());
    s.once('close', () => resolve());
  });
  t.destroy();
  s.destroy();
}

/** The socket work the ladder's default steps do, without any of its bookkeeping. */
async function bareLadder(port: number, ca: Buffer): Promise<void> {
  await dns.promises.lookup('localhost', { all: true });
  for (let i = 0; i < 3; i++) (await connect(port)).destroy();
  const s = await connect(port);
  s.write(prelogin());
  await readMessage(s);
  s.destroy();
  await bareHandshake(port, ca);
  for (const v of ['TLSv1', 'TLSv1.1', 'TLSv1.2'] as const) await bareHandshake(port, ca, v);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function benchProbes(): Promise<Record<string, number>> {
  const before = process.getActiveResourcesInfo().length;
  const certs = makeCerts();
  const peer = await startTdsPeer({ encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert } });
  const config = parseProbeConfig(
    {
      probes: {
        servers: [{ name: 'bench', host: 'localhost', port: peer.port, addresses: ['127.0.0.1'], tls: { caFile: certs.caFile } }],
        allow: { users: ['bench'] },
        limits: { perUserPerMinute: 100000, maxSeriesRatePerSecond: 100000 },
      },
    },
    process.cwd(),
  );
  const prober = createProber(config);
  const req = { server: 'bench', requester: { user: 'bench', via: 'cli' } };
  const figures: Record<string, number> = {};
  try {
    await prober.run(req); // warm-up: module loading, first TLS contexts
    await bareLadder(peer.port, certs.ca);
    const ladder: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      ladder.push(await timed(() => prober.run(req)));
      bare.push(await timed(() => bareLadder(peer.port, certs.ca)));
    }
    const series = await timed(() => prober.run({ ...req, steps: ['prelogin'], series: 100, seriesRatePerSecond: 100 }));
    const unpaced = await timed(() => prober.run({ ...req, steps: ['prelogin'], series: 100, seriesRatePerSecond: 100000 }));
    const ladderMs = median(ladder);
    const bareMs = median(bare);
    Object.assign(figures, {
      ladder_median_ms: ladderMs,
      bare_socket_ops_median_ms: bareMs,
      ladder_to_bare_ratio: Math.round((ladderMs / bareMs) * 100) / 100,
      series_100_with_prelogin_at_100_per_s_ms: Math.round(series),
      series_100_with_prelogin_unpaced_ms: Math.round(unpaced),
    });
  } finally {
    await prober.close();
    await peer.close();
    certs.cleanup();
  }
  figures.handles_left_open = await settleHandles(before);
  return figures;
}

async function settleHandles(before: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 50));
  return Math.max(0, process.getActiveResourcesInfo().length - before);
}

