/** Deny by default: names only, no address spellings, no forbidden places, grants, limits, audit. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createProber, ProbeRefused } from '../../src/probes';
import { looksLikeIpLiteral, addressVerdict } from '../../src/probes/policy/address';
import { Limiter } from '../../src/probes/policy/limits';
import { parseProbeConfig, loadProbeConfig, ConfigError } from '../../src/probes/config';
import { startTdsPeer } from '../peers/tds-server';
import { ALICE, configFor } from './helpers';

async function refusal(p: Promise<unknown>): Promise<ProbeRefused> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProbeRefused) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('which server', () => {
  const prober = createProber(configFor({ port: 1 }));

  test.each(['127.0.0.1', '2130706433', '0x7f000001', '0177.0.0.1', '127.1', '0x7f.1', '[::1]', '::ffff:127.0.0.1', '::ffff:7f00:1', '169.254.169.254', '0251.0376.0251.0376', ' 10.0.0.5 '])(
    'the address spelling %j is refused as an address',
    async (spelling) => {
      const err = await refusal(prober.run({ server: spelling, requester: ALICE }));
      expect(err.code).toBe('address-literal');
      expect(err.message).toContain('Configured servers: peer');
    },
  );

  test('an unconfigured name is refused and the configured ones are listed', async () => {
    const err = await refusal(prober.run({ server: 'hr-prod', requester: ALICE }));
    expect(err).toMatchObject({ code: 'unknown-server', message: "'hr-prod' is not a configured server. Configured servers: peer." });
  });

  test('hostile names are refused without being echoed', async () => {
    for (const bad of ['peer; rm -rf /', 'x'.repeat(100_000), '\u0000peer', '', 'peer\nINJECT']) {
      const err = await refusal(prober.run({ server: bad, requester: ALICE }));
      expect(err.code).toBe('bad-name');
      expect(err.message.length).toBeLessThan(200);
    }
  });

  test('no configuration means every probe is refused with a clear message', async () => {
    const empty = createProber(loadProbeConfig({ SQLTRIAGE_CONFIG: '/nonexistent/sqltriage.json' }, '/'));
    const err = await refusal(empty.run({ server: 'peer', requester: ALICE }));
    expect(err).toMatchObject({ code: 'no-servers' });
    expect(err.message).toMatch(/No servers are configured/);
  });

  test('looksLikeIpLiteral never throws and is fast on adversarial text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => typeof looksLikeIpLiteral(s) === 'boolean'));
    const start = process.hrtime.bigint();
    for (const evil of ['1.'.repeat(50_000), ':'.repeat(100_000), '0x'.repeat(50_000) + '!']) looksLikeIpLiteral(evil);
    expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(500);
  });
});

describe('where names resolve', () => {
  test.each([
    ['169.254.169.254', 'forbidden-address'],
    ['::ffff:169.254.169.254', 'forbidden-address'],
    ['fe80::1', 'forbidden-address'],
    ['168.63.129.16', 'forbidden-address'],
    ['64:ff9b::a9fe:a9fe', 'forbidden-address'],
    ['::ffff:0:a9fe:a9fe', 'forbidden-address'],
    ['::a9fe:a9fe', 'forbidden-address'],
    ['64:ff9b:1::a9fe:a9fe', 'forbidden-address'],
    ['2002:a9fe:a9fe::1', 'forbidden-address'],
    ['2001:0:4136:e378:8000:63bf:5601:5601', 'forbidden-address'],
    ['192.0.0.192', 'forbidden-address'],
    ['10.9.9.9', 'outside-configured'],
  ])('a name resolving to %s is refused (%s) before any packet is sent', async (address, code) => {
    const lookup = async () => [{ address, family: address.includes(':') ? 6 : 4 }];
    const prober = createProber(configFor({ port: 1, addresses: ['127.0.0.1', '10.1.0.0/16'] }), { lookup });
    const err = await refusal(prober.run({ server: 'peer', requester: ALICE }));
    expect(err.code).toBe(code);
  });

  test('link-local and metadata are never probed even when an administrator configures them', async () => {
    expect(addressVerdict('169.254.169.254')).toBe('metadata');
    expect(addressVerdict('169.254.10.10')).toBe('link-local');
    const prober = createProber(configFor({ host: '169.254.169.254', addresses: undefined, port: 80 }));
    expect((await refusal(prober.run({ server: 'peer', requester: ALICE }))).code).toBe('forbidden-address');
  });
});

describe('who may probe, and how often', () => {
  test('users and channels not granted are refused', async () => {
    const prober = createProber(configFor({ port: 1 }, { allow: { channels: ['C-ops'] } }));
    expect((await refusal(prober.run({ server: 'peer', requester: { user: 'mallory', via: 'slack' } }))).code).toBe('not-granted');
    expect((await refusal(prober.run({ server: 'peer', requester: { user: 'mallory', channel: 'C-random', via: 'slack' } }))).code).toBe('not-granted');
    const ok = await prober.run({ server: 'peer', requester: { user: 'mallory', channel: 'C-ops', via: 'slack' }, steps: ['dns'] });
    expect(ok.steps[0].status).toBe('ok');
  });

  test('per-user concurrency, overall concurrency and per-minute rate', async () => {
    let now = 0;
    const limiter = new Limiter({ perUserConcurrent: 1, globalConcurrent: 2, perUserPerMinute: 3, maxSeries: 10, maxSeriesRatePerSecond: 10 }, () => now);
    const a1 = await limiter.acquire('a');
    await expect(limiter.acquire('a')).rejects.toMatchObject({ code: 'busy' });
    const b1 = await limiter.acquire('b');
    await expect(limiter.acquire('c')).rejects.toMatchObject({ code: 'busy' });
    a1();
    b1();
    (await limiter.acquire('a'))();
    (await limiter.acquire('a'))();
    await expect(limiter.acquire('a')).rejects.toMatchObject({ code: 'rate-limited', message: expect.stringMatching(/try again in 60 s/) });
    now = 60_001;
    (await limiter.acquire('a'))();
  });

  test('a second probe by the same user while one runs is refused; a too-long series is refused', async () => {
    const peer = await startTdsPeer({ behaviour: 'silent' });
    const prober = createProber(configFor({ port: peer.port, timeoutMs: 300 }, { limits: { perUserConcurrent: 1, maxSeries: 5 } }));
    const first = prober.run({ server: 'peer', requester: ALICE, steps: ['prelogin'] });
    expect((await refusal(prober.run({ server: 'peer', requester: ALICE }))).code).toBe('busy');
    await first;
    expect((await refusal(prober.run({ server: 'peer', requester: ALICE, series: 6 }))).code).toBe('series-too-large');
    await peer.close();
  });
});

describe('audit and credentials', () => {
  test('every request, run or refused, leaves one JSON line without secrets', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-audit-'));
    const auditFile = path.join(dir, 'audit.jsonl');
    const env = { U: 'canary_user_0xfeed', P: 'canary-password-0xbeef' };
    const prober = createProber(configFor({ port: 1, credentials: { userEnv: 'U', passwordEnv: 'P' } }, { auditFile }), { env });
    await refusal(prober.run({ server: '10.0.0.1', requester: { user: 'bob', channel: 'C1', via: 'teams' } }));
    const r = await prober.run({ server: 'peer', requester: ALICE, steps: ['tcp'] });
    const lines = fs.readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ user: 'bob', channel: 'C1', via: 'teams', server: '10.0.0.1', outcome: 'refused', code: 'address-literal' }),
      expect.objectContaining({ user: 'alice', server: 'peer', outcome: 'completed', steps: ['tcp'], signals: expect.arrayContaining(['probe:tcp.refused']) }),
    ]);
    expect(lines[1].at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const everything = fs.readFileSync(auditFile, 'utf8') + JSON.stringify(r);
    expect(everything).not.toContain(env.P);
    expect(everything).not.toContain(env.U);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('configuration file', () => {
  test('mistakes are reported by field', () => {
    expect(() => parseProbeConfig({ probes: { servers: [{ name: 'a b', host: 'x' }] } }, '/')).toThrow(ConfigError);
    expect(() => parseProbeConfig({ probes: { servers: [{ name: 'a', host: 'x', port: 70000 }] } }, '/')).toThrow(/port must be 1..65535/);
    expect(() => parseProbeConfig({ probes: { servers: [{ name: 'a', host: 'x' }, { name: 'A', host: 'y' }] } }, '/')).toThrow(/used twice/);
    expect(() => parseProbeConfig({ probes: { servers: [{ name: 'a', host: 'x', credentials: { user: 'sa', password: 'pw' } }] } }, '/')).toThrow(/environment variables/);
  });

  test('the example configuration at the top of the repository loads', () => {
    const cfg = loadProbeConfig({ SQLTRIAGE_CONFIG: 'sqltriage.config.example.json' }, path.join(__dirname, '../..'));
    expect(cfg.servers.map((s) => s.name)).toContain('erp-prod');
    expect(JSON.stringify(cfg)).not.toMatch(/password"\s*:\s*"(?!.*Env)/i);
  });
});
