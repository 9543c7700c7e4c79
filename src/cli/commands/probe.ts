/**
 * `sqltriage probe NAME [--json] [--series N] [--rate R] [--steps a,b]`: run the probe ladder
 * against a server named in the configuration. Progress goes to stderr, the result to stdout.
 * Exit 0 when every step that ran succeeded, 1 when some failed, 2 when refused or misused.
 */
import os from 'node:os';
import { createProber, loadProbeConfig, probeSignals, ProbeRefused } from '../../probes';
import { createStorageFromEnv, probeStartsFromEnv } from '../../store';
import type { LadderResult, StepName, StepResult } from '../../probes';
import { parseArgs } from '../args';
import { Command, UsageError } from '../io';

interface Options {
  name: string;
  json: boolean;
  series?: number;
  rate?: number;
  steps?: StepName[];
}

const USAGE = `usage: sqltriage probe NAME [--json] [--series N] [--rate PER_SECOND] [--steps dns,tcp,...]

Runs the probe ladder against NAME, a server named in the probe configuration (SQLTRIAGE_PROBES).
Progress goes to stderr, the result to stdout; exit 1 when a step failed, 2 when refused.
  --json            the result as JSON, with the signals it gives the triage
  --series N        N connection attempts in a row (intermittent failures)
  --rate R          attempts per second in the series
  --steps a,b       only these steps (dns, tcp, tls, login, ...)
  -h, --help        this help
`;

function parse(args: string[]): Options {
  const { values, positionals } = parseArgs(args, USAGE, { json: { type: 'boolean' }, series: { type: 'string' }, rate: { type: 'string' }, steps: { type: 'string' } });
  const number = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number`);
    return n;
  };
  if (positionals.length > 1) throw new UsageError('give one server name');
  if (positionals.length === 0) throw new UsageError(USAGE.split('\n')[0]);
  return {
    name: positionals[0],
    json: values.json === true,
    series: number('--series', values.series),
    rate: number('--rate', values.rate),
    steps: values.steps === undefined ? undefined : (values.steps.split(',').filter(Boolean) as StepName[]),
  };
}

function line(s: StepResult): string {
  const times = Object.entries(s.timings)
    .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v} ms`)
    .join(', ');
  return `${s.step.padEnd(9)}${s.status.padEnd(8)}${s.reason ?? ''}${times ? `  (${times})` : ''}`;
}

function render(r: LadderResult): string {
  const out = [`probe ${r.server}  ${r.startedAt}  ${r.totals.durationMs} ms`, ...r.steps.map(line)];
  const tls = r.steps.find((s) => s.step === 'tls' && s.status === 'ok');
  if (tls) {
    const d = tls.detail as { protocol?: string; cipher?: string; certificate?: { subject: string; signatureAlgorithm: string; validTo: string } };
    out.push(`tls      ${d.protocol} ${d.cipher}; certificate ${d.certificate?.subject}, ${d.certificate?.signatureAlgorithm}, valid to ${d.certificate?.validTo}`);
  }
  const series = r.steps.find((s) => s.step === 'series' && s.status !== 'skipped');
  if (series) {
    const d = series.detail as { attempts: number; failures: number; kinds: Record<string, number> };
    out.push(`series   ${d.failures}/${d.attempts} failed ${JSON.stringify(d.kinds)}; p50 ${series.timings.p50Ms} ms, p90 ${series.timings.p90Ms} ms`);
  }
  out.push(`signals  ${probeSignals(r).join(' ') || '(none)'}`);
  return out.join('\n') + '\n';
}

export const run: Command = async (args, io) => {
  const o = parse(args);
  const config = loadProbeConfig(io.env, io.cwd);
  // Probe starts are kept with the store: the per-minute limit holds across runs of this command.
  const blobs = (io.env.SQLTRIAGE_STORAGE ?? '').trim().toLowerCase() === 'blobs';
  const store = blobs && config.servers.length > 0 ? await createStorageFromEnv(io.env, io.cwd) : undefined;
  const prober = createProber(config, { env: io.env, ledger: probeStartsFromEnv(io.env, io.cwd, store?.storage) });
  try {
    const result = await prober.run(
      { server: o.name, requester: { user: os.userInfo().username, via: 'cli' }, steps: o.steps, series: o.series, seriesRatePerSecond: o.rate },
      (p) => {
        if (p.phase === 'done') io.stderr.write(`${p.step}: ${p.status}${p.reason ? ` (${p.reason})` : ''}\n`);
      },
    );
    io.stdout.write(o.json ? JSON.stringify({ ...result, signals: probeSignals(result) }, null, 2) + '\n' : render(result));
    return result.steps.some((s) => s.status === 'failed' || s.status === 'error') ? 1 : 0;
  } catch (err) {
    if (err instanceof ProbeRefused) throw new UsageError(err.message);
    throw err;
  } finally {
    await prober.close();
    await store?.close();
  }
};
