/**
 * Shapes shared by every probe. Everything a probe returns is plain JSON so the case store can
 * keep it and the bot can render it; no sockets, errors or buffers leak out.
 */

export type StepName = 'dns' | 'tcp' | 'browser' | 'prelogin' | 'tls' | 'login' | 'series';
export const STEP_ORDER: StepName[] = ['dns', 'browser', 'tcp', 'prelogin', 'tls', 'login', 'series'];

export type StepStatus = 'ok' | 'failed' | 'skipped' | 'error';

export interface StepResult {
  step: StepName;
  status: StepStatus;
  /** Short machine-readable outcome, e.g. "refused", "encrypt-required", "not run because tcp failed". */
  reason?: string;
  timings: Record<string, number>;
  detail: Record<string, unknown>;
}

export interface LadderResult {
  server: string;
  startedAt: string;
  steps: StepResult[];
  totals: { durationMs: number; ok: number; failed: number; skipped: number; error: number };
}

export interface ProbeProgress {
  step: StepName;
  phase: 'start' | 'done';
  status?: StepStatus;
  reason?: string;
}

/** One server as the administrator named it. Credentials are env-variable names, never values. */
export interface ServerConfig {
  name: string;
  host: string;
  port?: number;
  instance?: string;
  /** Addresses (IPs or CIDRs) the host may resolve to; anything else is refused. */
  addresses?: string[];
  /** UDP port of SQL Server Browser; 1434 unless a test or a relay says otherwise. */
  browserPort?: number;
  database?: string;
  tls?: { servername?: string; caFile?: string; strict?: boolean };
  credentials?: { userEnv: string; passwordEnv: string };
  /** Thresholds for "slow" findings. */
  slowLoginMs?: number;
  slowConnectMs?: number;
  /** Per-step timeout override in ms. */
  timeoutMs?: number;
}

export interface ProbeLimits {
  perUserConcurrent: number;
  globalConcurrent: number;
  perUserPerMinute: number;
  maxSeries: number;
  maxSeriesRatePerSecond: number;
}

export interface ProbeConfig {
  servers: ServerConfig[];
  allow: { users: string[]; channels: string[] };
  limits: ProbeLimits;
  auditFile?: string;
}

/** What every probe step receives: where to go and how long it may take. */
export interface ProbeContext {
  server: ServerConfig;
  /** Addresses that passed the policy checks; probes connect to these and nothing else. */
  addresses: string[];
  port?: number;
  timeoutMs: number;
  signal?: AbortSignal;
  env: NodeJS.ProcessEnv;
}
