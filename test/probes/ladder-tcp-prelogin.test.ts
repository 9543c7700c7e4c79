/** Reachability rungs against loopback peers: refused, not SQL Server, each encryption answer. */
import { createProber, probeSignals } from '../../src/probes';
import { startTdsPeer, TdsPeer } from '../peers/tds-server';
import { closedTcpPort, startHttpPeer } from '../peers/misc-peers';
import { makeCerts, TestCerts } from '../peers/certs';
import { ALICE, activeHandles, configFor, settle } from './helpers';

let certs: TestCerts;
let before: Record<string, number>;
beforeAll(() => {
  certs = makeCerts();
  before = activeHandles();
});
afterAll(async () => {
  certs.cleanup();
  await settle();
  // Everything the probes and peers opened here is closed again.
  const after = activeHandles();
  for (const kind of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout', 'UDPWrap', 'TLSWrap']) expect(after[kind] ?? 0).toBeLessThanOrEqual(before[kind] ?? 0);
});

const step = (r: { steps: { step: string }[] }, name: string) => r.steps.find((s) => s.step === name)!;

describe('probe ladder: TCP and PRELOGIN', () => {
  let peer: TdsPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });

  test('a closed port is reported as refused and the later steps say why they did not run', async () => {
    const prober = createProber(configFor({ port: await closedTcpPort() }));
    const r = await prober.run({ server: 'peer', requester: ALICE });
    expect(step(r, 'tcp')).toMatchObject({ status: 'failed', reason: 'refused' });
    expect(step(r, 'prelogin')).toMatchObject({ status: 'skipped', reason: 'not run because no TCP connection' });
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:dns.ok', 'probe:tcp.refused']));
    await prober.close();
  });

  test('an HTTP server on the port is told apart from SQL Server', async () => {
    const web = await startHttpPeer();
    const prober = createProber(configFor({ port: web.port }));
    const r = await prober.run({ server: 'peer', requester: ALICE });
    await web.close();
    expect(step(r, 'tcp').reason).toBe('open');
    expect(step(r, 'prelogin')).toMatchObject({ status: 'failed', reason: 'not-tds' });
    expect(String(step(r, 'prelogin').detail.head)).toMatch(/^HTTP\/1\.1 400/);
    expect(probeSignals(r)).toContain('probe:prelogin.not-tds');
    expect(step(r, 'tls').status).toBe('skipped');
  });

  test.each([
    ['off', 'encrypt-off', 'probe:prelogin.encrypt-off'],
    ['on', 'encrypt-required', 'probe:prelogin.encrypt-required'],
    ['not-supported', 'encrypt-not-supported', 'probe:prelogin.encrypt-not-supported'],
  ] as const)('server encryption setting %s is read from the PRELOGIN answer', async (setting, reason, signal) => {
    peer = await startTdsPeer({ encryption: setting, tls: setting === 'not-supported' ? undefined : { key: certs.good.key, cert: certs.good.cert } });
    const prober = createProber(configFor({ port: peer.port }));
    const r = await prober.run({ server: 'peer', requester: ALICE, steps: ['prelogin'] });
    expect(step(r, 'prelogin')).toMatchObject({ status: 'ok', reason, detail: { version: '16.0.4135.0' } });
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:prelogin.ok', signal]));
  });

  test('a named instance the port does not belong to is flagged', async () => {
    peer = await startTdsPeer({ encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert }, instance: 'ERP' });
    const prober = createProber(configFor({ port: peer.port, instance: 'HR', browserPort: 9 }));
    const r = await prober.run({ server: 'peer', requester: ALICE, steps: ['prelogin'] });
    expect(step(r, 'prelogin').detail.instanceMismatch).toBe(true);
    expect(probeSignals(r)).toContain('probe:prelogin.instance-mismatch');
  });

  test('a server that resets after PRELOGIN and one that stays silent', async () => {
    peer = await startTdsPeer({ behaviour: 'silent' });
    const prober = createProber(configFor({ port: peer.port, timeoutMs: 300 }));
    const silent = await prober.run({ server: 'peer', requester: ALICE, steps: ['prelogin'] });
    expect(step(silent, 'prelogin')).toMatchObject({ status: 'failed', reason: 'silent' });
    await peer.close();
    peer = await startTdsPeer({ behaviour: 'reset-after-prelogin', encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert } });
    // The reset comes after the answer, so PRELOGIN itself succeeds; the TLS step then meets the reset.
    const prober2 = createProber(configFor({ port: peer.port }));
    const r = await prober2.run({ server: 'peer', requester: ALICE, steps: ['tls'] });
    expect(step(r, 'prelogin').status).toBe('ok');
    expect(step(r, 'tls')).toMatchObject({ status: 'failed', reason: 'reset-after-hello' });
  });
});
