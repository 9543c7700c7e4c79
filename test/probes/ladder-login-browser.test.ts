/** Login through tedious, the Browser rung, and canary credentials that must never leak. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProber, probeSignals } from '../../src/probes';
import type { LadderResult } from '../../src/probes';
import { startTdsPeer, TdsPeer } from '../peers/tds-server';
import { closedUdpPort, startBrowserPeer } from '../peers/browser-peer';
import { makeCerts, TestCerts } from '../peers/certs';
import { ALICE, configFor } from './helpers';

const CANARY_USER = 'probe_canary_user_51c2';
const CANARY_PASSWORD = 'Canary-Pw-9d41e7';
const env = { PEER_USER: CANARY_USER, PEER_PASSWORD: CANARY_PASSWORD };
const credentials = { userEnv: 'PEER_USER', passwordEnv: 'PEER_PASSWORD' };

let certs: TestCerts;
let dir: string;
beforeAll(() => {
  certs = makeCerts();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-audit-'));
});
afterAll(() => {
  certs.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const step = (r: LadderResult, name: string) => r.steps.find((s) => s.step === name)!;

describe('probe ladder: login', () => {
  let peer: TdsPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });

  async function login(peerLogins: Record<string, string>, extra: Record<string, unknown> = {}, delay = 0) {
    peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert }, logins: peerLogins, loginDelayMs: delay });
    const auditFile = path.join(dir, `audit-${Date.now()}-${Math.random()}.jsonl`);
    const prober = createProber(configFor({ port: peer.port, credentials, ...extra }, { auditFile }), { env });
    const r = await prober.run({ server: 'peer', requester: ALICE, steps: ['login'] });
    await prober.close();
    return { r, audit: fs.readFileSync(auditFile, 'utf8') };
  }

  test('a login that succeeds, timed per phase, with the password nowhere in result or audit', async () => {
    const { r, audit } = await login({ [CANARY_USER]: CANARY_PASSWORD });
    expect(step(r, 'login')).toMatchObject({ status: 'ok', reason: 'ok' });
    expect(Object.keys(step(r, 'login').timings)).toEqual(expect.arrayContaining(['connectMs', 'preloginMs', 'tlsMs', 'loginAckMs', 'totalMs']));
    expect(peer!.logins).toEqual([{ user: CANARY_USER, password: CANARY_PASSWORD }]);
    expect(probeSignals(r)).toContain('probe:login.ok');
    for (const text of [JSON.stringify(r), audit]) {
      expect(text).not.toContain(CANARY_PASSWORD);
      expect(text).not.toContain(CANARY_USER);
    }
    expect(JSON.parse(audit.trim())).toMatchObject({ user: 'alice', server: 'peer', outcome: 'completed', signals: expect.arrayContaining(['probe:login.ok']) });
  });

  test('a login the server rejects with 18456', async () => {
    const { r, audit } = await login({ [CANARY_USER]: 'something-else' });
    expect(step(r, 'login')).toMatchObject({ status: 'failed', reason: 'error-18456', detail: { number: 18456, state: 1 } });
    expect(probeSignals(r)).toContain('probe:login.failed');
    expect(JSON.stringify(r) + audit).not.toMatch(new RegExp(`${CANARY_PASSWORD}|${CANARY_USER}`));
  });

  test('a slow LoginAck is told apart from a slow network', async () => {
    const { r } = await login({ [CANARY_USER]: CANARY_PASSWORD }, { slowLoginMs: 150 }, 300);
    const s = step(r, 'login');
    expect(s).toMatchObject({ status: 'ok', reason: 'slow-loginack' });
    expect(s.timings.loginAckMs).toBeGreaterThanOrEqual(250);
    expect(s.timings.connectMs).toBeLessThan(100);
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:login.ok', 'probe:login.slow-loginack']));
  });

  test('no login without configured credentials, and none when the variables are unset', async () => {
    peer = await startTdsPeer({ encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert } });
    const none = await createProber(configFor({ port: peer.port })).run({ server: 'peer', requester: ALICE, steps: ['login'] });
    expect(step(none, 'login').reason).toBe('not run because no credentials are configured for this server');
    const unset = await createProber(configFor({ port: peer.port, credentials }), { env: {} }).run({ server: 'peer', requester: ALICE, steps: ['login'] });
    expect(step(unset, 'login').reason).toBe('not run because the credential environment variables are not set');
    expect(peer.logins).toEqual([]);
  });
});

describe('probe ladder: SQL Server Browser', () => {
  test('a Browser that answers gives the instance port, and the ladder uses it', async () => {
    const peer = await startTdsPeer({ encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert }, instance: 'ERP' });
    const browser = await startBrowserPeer('answer', [{ name: 'ERP', tcpPort: peer.port }, { name: 'HR', tcpPort: 1 }]);
    const cfg = configFor({ instance: 'erp', browserPort: browser.port });
    const r = await createProber(cfg).run({ server: 'peer', requester: ALICE, steps: ['browser', 'prelogin'] });
    await Promise.all([peer.close(), browser.close()]);
    expect(step(r, 'browser')).toMatchObject({ status: 'ok', detail: { tcpPort: peer.port } });
    expect((step(r, 'browser').detail.instances as unknown[]).length).toBe(2);
    expect(step(r, 'prelogin')).toMatchObject({ status: 'ok', detail: { port: peer.port, instanceMismatch: false } });
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:browser.ok', 'probe:prelogin.ok']));
  });

  test('a Browser that does not know the instance', async () => {
    const browser = await startBrowserPeer('answer', [{ name: 'HR', tcpPort: 1 }]);
    const r = await createProber(configFor({ instance: 'ERP', browserPort: browser.port, timeoutMs: 400 })).run({ server: 'peer', requester: ALICE, steps: ['browser'] });
    await browser.close();
    expect(step(r, 'browser')).toMatchObject({ status: 'failed', reason: 'instance-missing' });
    expect(probeSignals(r)).toContain('probe:browser.instance-missing');
  });

  test('Browser not running (ICMP port unreachable) is told apart from a silent one', async () => {
    const down = await createProber(configFor({ instance: 'ERP', browserPort: await closedUdpPort() })).run({ server: 'peer', requester: ALICE, steps: ['browser'] });
    expect(step(down, 'browser')).toMatchObject({ status: 'failed', reason: 'not-running' });
    expect(step(down, 'browser').timings.browserMs).toBeLessThan(200);
    const silentPeer = await startBrowserPeer('silent');
    const silent = await createProber(configFor({ instance: 'ERP', browserPort: silentPeer.port, timeoutMs: 300 })).run({ server: 'peer', requester: ALICE, steps: ['browser'] });
    await silentPeer.close();
    expect(step(silent, 'browser')).toMatchObject({ status: 'failed', reason: 'silent' });
    expect(silentPeer.requests.length).toBeGreaterThanOrEqual(2);
    expect(new Set(silentPeer.requests.map((b) => b[0]))).toEqual(new Set([0x03]));
    expect(probeSignals(down)).toContain('probe:browser.not-running');
    expect(probeSignals(silent)).toContain('probe:browser.silent');
  });
});
