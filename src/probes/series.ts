/**
 * Series step: the cheap steps (TCP, optionally PRELOGIN) repeated at a steady rate, for the
 * intermittent-failure questions: how often does it fail, how, and how slow is a good connect?
 */
import type { StepResult } from './types';
import { connectTcp } from './connect';
import { exchange } from './exchange';
import { buildPrelogin, ENCRYPT } from './prelogin-payload';
import { encodeMessage, PACKET_PRELOGIN } from './tds-packet';
import { percentile, wilson } from './stats';

export interface SeriesOptions {
  addresses: string[];
  port: number;
  count: number;
  ratePerSecond: number;
  withPrelogin: boolean;
  timeoutMs: number;
  slowConnectMs: number;
  signal?: AbortSignal;
  onAttempt?: (done: number) => void;
}

interface Attempt {
  address: string;
  kind: string;
  ms: number;
}

async function attemptOnce(address: string, o: SeriesOptions, request: Buffer): Promise<Attempt> {
  const c = await connectTcp(address, o.port, o.timeoutMs, o.signal);
  if (c.outcome !== 'open') return { address, kind: c.outcome, ms: c.ms };
  if (!o.withPrelogin) {
    c.socket.destroy();
    return { address, kind: 'ok', ms: c.ms };
  }
  const r = await exchange(c.socket, request, o.timeoutMs, o.signal);
  c.socket.destroy();
  const kind = r.kind === 'message' ? 'ok' : r.kind === 'timeout' ? 'prelogin-silent' : `prelogin-${r.kind}`;
  return { address, kind, ms: Math.round((c.ms + r.ms) * 100) / 100 };
}

export async function probeSeries(o: SeriesOptions): Promise<StepResult> {
  const request = encodeMessage(PACKET_PRELOGIN, buildPrelogin({ encrypt: ENCRYPT.OFF }));
  const gapMs = 1000 / o.ratePerSecond;
  const started = Date.now();
  const attempts: Attempt[] = [];
  for (let i = 0; i < o.count && !o.signal?.aborted; i++) {
    // Round-robin over addresses: one bad address behind a name shows as "1 in N fails".
    attempts.push(await attemptOnce(o.addresses[i % o.addresses.length], o, request));
    o.onAttempt?.(i + 1);
    const wait = started + (i + 1) * gapMs - Date.now();
    if (wait > 0 && i + 1 < o.count) await sleep(wait, o.signal);
  }
  const okMs = attempts.filter((a) => a.kind === 'ok').map((a) => a.ms).sort((a, b) => a - b);
  const failures = attempts.length - okMs.length;
  const kinds: Record<string, number> = {};
  for (const a of attempts) if (a.kind !== 'ok') kinds[a.kind] = (kinds[a.kind] ?? 0) + 1;
  const byAddress: Record<string, { attempts: number; failures: number }> = {};
  for (const a of attempts) {
    const b = (byAddress[a.address] ??= { attempts: 0, failures: 0 });
    b.attempts++;
    if (a.kind !== 'ok') b.failures++;
  }
  const p90 = percentile(okMs, 90);
  const findings: string[] = [];
  if (failures === 0) findings.push('stable');
  else if (failures < attempts.length) findings.push('intermittent');
  else findings.push('all-failed');
  if (okMs.length && p90 > o.slowConnectMs) findings.push('slow-connect');
  const timings = { totalMs: Date.now() - started, p50Ms: percentile(okMs, 50), p90Ms: p90, p99Ms: percentile(okMs, 99), maxMs: okMs[okMs.length - 1] ?? 0 };
  const detail = {
    attempts: attempts.length,
    failures,
    failureRate: attempts.length ? Math.round((failures / attempts.length) * 1000) / 1000 : 0,
    failureRateInterval95: wilson(failures, attempts.length),
    kinds,
    byAddress,
    withPrelogin: o.withPrelogin,
    ratePerSecond: o.ratePerSecond,
    findings,
  };
  const status = failures === attempts.length ? 'failed' : 'ok';
  return { step: 'series', status, reason: findings[0], timings, detail };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
