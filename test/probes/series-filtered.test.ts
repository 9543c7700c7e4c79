/** The series rung (intermittent drops, steady service) and a black-holed SYN. */
import { createProber, probeSignals } from '../../src/probes';
import type { LadderResult } from '../../src/probes';
import { startTdsPeer } from '../peers/tds-server';
import { startBlackHole } from '../peers/blackhole';
import { ALICE, configFor } from './helpers';

const step = (r: LadderResult, name: string) => r.steps.find((s) => s.step === name)!;

describe('probe series', () => {
  test('a server that drops one connection in four shows as intermittent, with the failure kind', async () => {
    const peer = await startTdsPeer({ encryption: 'not-supported', dropEvery: 4 });
    const prober = createProber(configFor({ port: peer.port }));
    const r = await prober.run({ server: 'peer', requester: ALICE, steps: ['tcp'], series: 40, seriesRatePerSecond: 100 });
    await peer.close();
    const s = step(r, 'series');
    expect(s).toMatchObject({ status: 'ok', reason: 'intermittent' });
    // PRELOGIN was not requested, so the series is TCP-only; the peer resets every 4th accept.
    const d = s.detail as { attempts: number; failures: number; failureRate: number; failureRateInterval95: [number, number]; kinds: Record<string, number> };
    expect(d.attempts).toBe(40);
    expect(d.failureRate).toBeGreaterThan(0.1);
    expect(d.failureRate).toBeLessThan(0.4);
    expect(d.failureRateInterval95[0]).toBeLessThan(0.25);
    expect(d.failureRateInterval95[1]).toBeGreaterThan(0.25);
    expect(Object.keys(d.kinds)).toEqual(['reset']);
    expect(probeSignals(r)).toContain('probe:series.intermittent');
  });

  test('a steady server shows as stable with latency percentiles', async () => {
    const peer = await startTdsPeer({ encryption: 'not-supported' });
    const r = await createProber(configFor({ port: peer.port })).run({ server: 'peer', requester: ALICE, steps: ['prelogin'], series: 20, seriesRatePerSecond: 100 });
    await peer.close();
    const s = step(r, 'series');
    expect(s).toMatchObject({ status: 'ok', reason: 'stable', detail: { failures: 0, withPrelogin: true } });
    expect(s.timings.p90Ms).toBeGreaterThan(0);
    expect(s.timings.p90Ms).toBeLessThanOrEqual(s.timings.maxMs);
    expect(probeSignals(r)).toContain('probe:series.stable');
  });
});

describe('black-holed SYN', () => {
  test('a port that never answers the SYN is filtered, decided by our own timer', async () => {
    const hole = await startBlackHole();
    try {
      const r = await createProber(configFor({ port: hole.port, timeoutMs: 400 })).run({ server: 'peer', requester: ALICE, steps: ['prelogin'] });
      expect(step(r, 'tcp')).toMatchObject({ status: 'failed', reason: 'filtered' });
      expect(step(r, 'tcp').timings.connectMaxMs).toBeGreaterThanOrEqual(390);
      expect(step(r, 'prelogin').status).toBe('skipped');
      expect(probeSignals(r)).toContain('probe:tcp.filtered');
    } finally {
      await hole.close();
    }
  });
});
