/**
 * The front door: policy first (named server, grant, limits), then the ladder, then the audit
 * line. Refusals are audited too, and surface as ProbeRefused with a message fit for chat.
 */
import type { LadderResult, ProbeConfig, ProbeProgress, StepName } from './types';
import { STEP_ORDER } from './types';
import { ProbeRefused } from './errors';
import { findServer } from './policy/allowlist';
import { checkGrant, Requester } from './policy/grants';
import { Limiter, type ProbeStartLedger } from './policy/limits';
import { AuditSink, FileAudit, noAudit } from './policy/audit';
import { runLadder } from './ladder';
import { probeSignals } from './signals';
import type { Lookup } from './dns';
import { scrub } from './scrub';

export type ProbeRequester = Requester;

export interface ProbeRequest {
  server: string;
  requester: ProbeRequester;
  steps?: StepName[];
  series?: number;
  seriesRatePerSecond?: number;
}

export interface Prober {
  run(req: ProbeRequest, onProgress?: (p: ProbeProgress) => void, signal?: AbortSignal): Promise<LadderResult>;
  servers(): string[];
  close(): Promise<void>;
}

export interface ProberOptions {
  now?: () => number;
  /** Where credential variables are read from; process.env unless a caller says otherwise. */
  env?: NodeJS.ProcessEnv;
  audit?: AuditSink;
  lookup?: Lookup;
  /** Where probe starts are kept for the per-minute limit (the store); this process only without one. */
  ledger?: ProbeStartLedger;
}

const DEFAULT_SERIES_RATE = 5;
/** Steps a requested step needs before it can say anything. */
const NEEDS: Partial<Record<StepName, StepName[]>> = { prelogin: ['tcp'], tls: ['tcp', 'prelogin'], login: ['tcp', 'prelogin'] };

export function createProber(config: ProbeConfig, opts: ProberOptions = {}): Prober {
  const now = opts.now ?? Date.now;
  const env = opts.env ?? process.env;
  const audit = opts.audit ?? (config.auditFile ? new FileAudit(config.auditFile) : noAudit);
  const limiter = new Limiter(config.limits, now, opts.ledger);
  const pending = new Set<Promise<unknown>>();
  const secrets = () => config.servers.flatMap((s) => (s.credentials ? [env[s.credentials.passwordEnv]] : []));

  function plan(req: ProbeRequest): Set<StepName> {
    if (req.steps !== undefined && (!Array.isArray(req.steps) || !req.steps.every((s) => STEP_ORDER.includes(s)))) {
      throw new ProbeRefused('bad-request', `Unknown probe step; choose from ${STEP_ORDER.join(', ')}.`);
    }
    const wanted = new Set<StepName>(req.steps ?? STEP_ORDER.filter((s) => s !== 'series'));
    if (req.series) wanted.add('series');
    for (const s of [...wanted]) for (const n of NEEDS[s] ?? []) wanted.add(n);
    return wanted;
  }

  async function run(req: ProbeRequest, onProgress?: (p: ProbeProgress) => void, signal?: AbortSignal): Promise<LadderResult> {
    const start = now();
    const who: ProbeRequester = req?.requester ?? { user: '', via: 'unknown' };
    const base = {
      at: new Date(start).toISOString(),
      user: String(who.user ?? '').slice(0, 128),
      channel: who.channel?.slice(0, 128),
      conversation: who.conversation?.slice(0, 128),
      via: String(who.via ?? '').slice(0, 32),
      server: String(req?.server ?? '').slice(0, 64),
      steps: [] as string[],
      series: req?.series,
    };
    let release: (() => void) | undefined;
    try {
      const server = findServer(config.servers, req.server);
      checkGrant(config.allow, who);
      const steps = plan(req);
      base.steps = [...steps];
      if (req.series !== undefined && (!Number.isInteger(req.series) || req.series < 0 || req.series > config.limits.maxSeries)) {
        throw new ProbeRefused('series-too-large', `A series runs 1 to ${config.limits.maxSeries} attempts.`);
      }
      const rate = Math.min(req.seriesRatePerSecond ?? DEFAULT_SERIES_RATE, config.limits.maxSeriesRatePerSecond);
      if (!(rate > 0)) throw new ProbeRefused('bad-request', 'The series rate must be a positive number of attempts a second.');
      release = await limiter.acquire(base.user);
      const work = runLadder(server, { steps, series: req.series, seriesRatePerSecond: rate, env, now, lookup: opts.lookup, onProgress, signal });
      pending.add(work);
      const result = await work.finally(() => pending.delete(work));
      await audit.write({ ...base, outcome: 'completed', signals: probeSignals(result), durationMs: now() - start });
      return result;
    } catch (err) {
      if (err instanceof ProbeRefused) {
        await audit.write({ ...base, outcome: 'refused', code: err.code, durationMs: now() - start });
        throw err;
      }
      await audit.write({ ...base, outcome: 'error', durationMs: now() - start });
      // Whatever went wrong, the text that leaves here carries no password.
      throw new Error(scrub(err instanceof Error ? err.message : String(err), secrets()));
    } finally {
      release?.();
    }
  }

  return {
    run,
    servers: () => config.servers.map((s) => s.name),
    close: async () => {
      await Promise.allSettled([...pending]);
    },
  };
}
