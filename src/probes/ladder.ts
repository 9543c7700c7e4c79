/**
 * The ladder: DNS, TCP, Browser, PRELOGIN, TLS, login, series, each run only when the earlier
 * steps make it meaningful, with a plain "not run because ..." otherwise.
 */
import fs from 'node:fs';
import net from 'node:net';
import type { LadderResult, ProbeProgress, ServerConfig, StepName, StepResult } from './types';
import { probeDns, Lookup } from './dns';
import { probeTcp } from './tcp';
import { probeBrowser } from './browser';
import { probePrelogin } from './prelogin';
import { probeTls, TlsMode } from './tls';
import { probeLogin } from './login';
import { probeSeries } from './series';
import { checkResolved } from './policy/resolved';

export interface LadderOptions {
  steps: Set<StepName>;
  series?: number;
  seriesRatePerSecond: number;
  env: NodeJS.ProcessEnv;
  now: () => number;
  lookup?: Lookup;
  onProgress?: (p: ProbeProgress) => void;
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_MS = 5000;

function skipped(step: StepName, why: string): StepResult {
  return { step, status: 'skipped', reason: `not run because ${why}`, timings: {}, detail: {} };
}

export async function runLadder(server: ServerConfig, o: LadderOptions): Promise<LadderResult> {
  const started = o.now();
  const t0 = process.hrtime.bigint();
  const timeoutMs = server.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const steps: StepResult[] = [];
  const run = async (name: StepName, body: () => Promise<StepResult>): Promise<StepResult> => {
    if (!o.steps.has(name)) return { step: name, status: 'skipped', reason: 'not requested', timings: {}, detail: {} };
    if (o.signal?.aborted) return push(skipped(name, 'the probe was cancelled'));
    o.onProgress?.({ step: name, phase: 'start' });
    return push(await body());
  };
  const push = (r: StepResult) => {
    if (r.reason !== 'not requested') {
      steps.push(r);
      o.onProgress?.({ step: r.step, phase: 'done', status: r.status, reason: r.reason });
    }
    return r;
  };

  o.onProgress?.({ step: 'dns', phase: 'start' });
  const dns = push(await probeDns(server.host, timeoutMs, o.lookup));
  const addresses = (dns.detail.addresses as string[]) ?? [];
  if (dns.status === 'ok') checkResolved(server, addresses); // throws ProbeRefused
  const first = addresses.find((a) => net.isIPv4(a)) ?? addresses[0];
  const ca = server.tls?.caFile ? fs.readFileSync(server.tls.caFile) : undefined;
  const servername = server.tls?.servername ?? (net.isIP(server.host) ? undefined : server.host);

  let port = server.port;
  const wantBrowser = !!server.instance || port === undefined;
  const browser = !first
    ? await run('browser', async () => skipped('browser', 'DNS gave no address'))
    : !wantBrowser
      ? await run('browser', async () => skipped('browser', 'the port is configured and no instance is named'))
      : await run('browser', () => probeBrowser(first, server.browserPort ?? 1434, server.instance, Math.min(timeoutMs, 2000), o.signal));
  if (port === undefined) port = (browser.detail.tcpPort as number | undefined) ?? (server.instance ? undefined : 1433);

  const noTcpWhy = !first ? 'DNS gave no address' : port === undefined ? 'the Browser did not give a TCP port' : undefined;
  const tcp = noTcpWhy ? await run('tcp', async () => skipped('tcp', noTcpWhy)) : await run('tcp', () => probeTcp(addresses, port!, timeoutMs, 3, o.signal));
  const tcpOk = tcp.status === 'ok';
  const target = first!;

  const prelogin = tcpOk
    ? await run('prelogin', () => probePrelogin(target, port!, server.instance, timeoutMs, o.signal))
    : await run('prelogin', async () => skipped('prelogin', 'no TCP connection'));

  const mode = tlsMode(server, prelogin);
  const tls = !tcpOk
    ? await run('tls', async () => skipped('tls', 'no TCP connection'))
    : !mode
      ? await run('tls', async () => skipped('tls', tlsSkipWhy(prelogin)))
      : await run('tls', () => probeTls({ address: target, port: port!, servername, ca, instance: server.instance, timeoutMs, now: o.now(), signal: o.signal }, mode));

  const user = server.credentials ? o.env[server.credentials.userEnv] : undefined;
  const password = server.credentials ? o.env[server.credentials.passwordEnv] : undefined;
  const loginWhy = !server.credentials
    ? 'no credentials are configured for this server'
    : !user || password === undefined
      ? 'the credential environment variables are not set'
      : !tcpOk
        ? 'no TCP connection'
        : prelogin.reason === 'not-tds'
          ? 'the port does not speak TDS'
          : undefined;
  await (loginWhy
    ? run('login', async () => skipped('login', loginWhy))
    : run('login', () =>
        probeLogin({
          host: server.host,
          address: target,
          port: port!,
          database: server.database,
          servername: server.tls?.servername,
          ca,
          strict: tls.detail.mode === 'strict' && prelogin.status !== 'ok',
          userName: user!,
          password: password!,
          timeoutMs: timeoutMs * 3,
          slowLoginMs: server.slowLoginMs ?? 1000,
          signal: o.signal,
        }),
      ));

  if (o.series && o.series > 0) {
    const seriesWhy = !first || port === undefined ? 'there is no address and port to probe' : undefined;
    await (seriesWhy
      ? run('series', async () => skipped('series', seriesWhy))
      : run('series', () =>
          probeSeries({
            addresses: tcpOk ? addresses : [target],
            port: port!,
            count: o.series!,
            ratePerSecond: o.seriesRatePerSecond,
            withPrelogin: prelogin.status === 'ok',
            timeoutMs,
            slowConnectMs: server.slowConnectMs ?? 1000,
            signal: o.signal,
          }),
        ));
  }

  const count = (s: string) => steps.filter((r) => r.status === s).length;
  return {
    server: server.name,
    startedAt: new Date(started).toISOString(),
    steps,
    totals: { durationMs: Math.round(Number(process.hrtime.bigint() - t0) / 1e4) / 100, ok: count('ok'), failed: count('failed'), skipped: count('skipped'), error: count('error') },
  };
}

function tlsMode(server: ServerConfig, prelogin: StepResult): TlsMode | undefined {
  if (prelogin.status === 'ok') return prelogin.reason === 'encrypt-not-supported' ? (server.tls?.strict ? 'strict' : undefined) : server.tls?.strict ? 'strict' : 'tds7';
  // A close or reset with no bytes after PRELOGIN is what a strict-only server does.
  if (prelogin.reason === 'closed' || prelogin.reason === 'reset') return 'strict';
  return undefined;
}

function tlsSkipWhy(prelogin: StepResult): string {
  if (prelogin.reason === 'encrypt-not-supported') return 'the server does not offer encryption';
  if (prelogin.status === 'skipped') return 'PRELOGIN did not run';
  return `PRELOGIN failed (${prelogin.reason})`;
}
