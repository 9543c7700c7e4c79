/** TLS rung against peers with each certificate and protocol problem the seed articles describe. */
import { createProber, probeSignals } from '../../src/probes';
import type { LadderResult, StepResult } from '../../src/probes';
import { startTdsPeer, TdsPeer, TdsPeerOptions } from '../peers/tds-server';
import { makeCerts, Pem, TestCerts } from '../peers/certs';
import { ALICE, configFor } from './helpers';

let certs: TestCerts;
beforeAll(() => (certs = makeCerts()));
afterAll(() => certs.cleanup());

const tlsStep = (r: LadderResult): StepResult & { detail: Record<string, any> } => r.steps.find((s) => s.step === 'tls') as never;

describe('probe ladder: TLS', () => {
  let peer: TdsPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });

  async function probe(pem: (c: TestCerts) => Pem, peerOpts: Partial<TdsPeerOptions> = {}, server: Record<string, unknown> = { tls: { caFile: certs.caFile } }) {
    const { key, cert } = pem(certs);
    peer = await startTdsPeer({ encryption: 'off', ...peerOpts, tls: { key, cert, ...peerOpts.tls } });
    const prober = createProber(configFor({ port: peer.port, ...server }));
    return prober.run({ server: 'peer', requester: ALICE, steps: ['tls'] });
  }

  test('a good certificate from a trusted CA: TLS 1.2, names, hash and key size reported', async () => {
    const r = await probe((c) => c.good);
    const t = tlsStep(r);
    expect(t).toMatchObject({ status: 'ok', reason: 'ok', detail: { mode: 'tds7', protocol: 'TLSv1.2', trusted: true, nameMatches: true } });
    expect(t.detail.certificate).toMatchObject({ subject: 'CN=sql.test.local', signatureHash: 'sha256', weakSignature: false, keyBits: 2048 });
    expect(t.detail.certificate.subjectAltName).toContain('DNS:localhost');
    expect(t.detail.versions).toEqual({ TLSv1: expect.any(String), 'TLSv1.1': expect.any(String), 'TLSv1.2': true });
    expect(probeSignals(r)).toContain('probe:tls.ok');
    expect(probeSignals(r).filter((s) => s.startsWith('probe:tls.') && s !== 'probe:tls.ok')).toEqual([]);
  });

  test('a server that only speaks TLS 1.0 is found out (the no-common-protocol scenario)', async () => {
    const r = await probe((c) => c.good, { tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' } });
    const t = tlsStep(r);
    expect(t.detail.protocol).toBe('TLSv1');
    expect(t.detail.versions).toMatchObject({ TLSv1: true, 'TLSv1.2': 'no-common-protocol' });
    expect(probeSignals(r)).toContain('probe:tls.legacy-only');
  });

  test.each([
    ['SHA-1', (c: TestCerts) => c.sha1, 'sha1'],
    ['MD5', (c: TestCerts) => c.md5, 'md5'],
  ])('a certificate signed with %s is flagged from its DER', async (_label, pem, hash) => {
    const r = await probe(pem, { tls: { ciphers: 'DEFAULT@SECLEVEL=0' } });
    const t = tlsStep(r);
    expect(t.detail.certificate).toMatchObject({ signatureHash: hash, weakSignature: true });
    expect(probeSignals(r)).toContain('probe:tls.weak-signature');
  });

  test('an expired certificate', async () => {
    const r = await probe((c) => c.expired);
    expect(tlsStep(r).detail.certificate).toMatchObject({ expired: true, validTo: '2021-01-01T00:00:00.000Z' });
    expect(tlsStep(r).detail.trustError).toBe('CERT_HAS_EXPIRED');
    expect(probeSignals(r)).toContain('probe:tls.expired');
    expect(probeSignals(r)).not.toContain('probe:tls.untrusted');
  });

  test('a certificate for another host name', async () => {
    const r = await probe((c) => c.mismatch, {}, { tls: { caFile: certs.caFile, servername: 'sql.test.local' } });
    expect(tlsStep(r).detail).toMatchObject({ nameMatches: false, servername: 'sql.test.local' });
    expect(String(tlsStep(r).detail.nameError)).toContain('other.test.local');
    expect(probeSignals(r)).toContain('probe:tls.name-mismatch');
  });

  test('a certificate from a CA the probe does not trust', async () => {
    const r = await probe((c) => c.good, {}, {});
    expect(tlsStep(r).detail.trusted).toBe(false);
    expect(probeSignals(r)).toContain('probe:tls.untrusted');
  });

  test('a server that resets the connection after the ClientHello (the 10054 symptom)', async () => {
    const r = await probe((c) => c.good, { behaviour: 'reset-after-clienthello' });
    expect(tlsStep(r)).toMatchObject({ status: 'failed', reason: 'reset-after-hello' });
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:prelogin.ok', 'probe:tls.reset-after-hello']));
  });

  test('a DHE cipher suite is flagged', async () => {
    const r = await probe((c) => c.good, { tls: { ciphers: 'DHE-RSA-AES128-GCM-SHA256', dhparam: 'auto' } as never });
    expect(tlsStep(r).detail.cipher).toMatch(/^DHE-/);
    expect(probeSignals(r)).toContain('probe:tls.dhe');
  });

  test('a TDS 8.0 strict-only server: PRELOGIN in the clear is dropped, TLS first with ALPN works', async () => {
    const r = await probe((c) => c.good, { behaviour: 'strict-only' });
    expect(r.steps.find((s) => s.step === 'prelogin')?.status).toBe('failed');
    const t = tlsStep(r);
    expect(t).toMatchObject({ status: 'ok', detail: { mode: 'strict', alpn: 'tds/8.0', tdsInside: { answered: true } } });
    expect(t.detail.versions['TLSv1.3']).toBe(true);
    expect(probeSignals(r)).toEqual(expect.arrayContaining(['probe:prelogin.reset', 'probe:tls.strict']));
  });
});
