/** Public face of the probes for the bot and the CLI. */
export { createProber } from './prober';
export type { Prober, ProbeRequest, ProbeRequester, ProberOptions } from './prober';
export { probeSignals, ALL_PROBE_SIGNALS } from './signals';
export { ProbeRefused } from './errors';
export type { ProbeStartLedger } from './policy/limits';
export type { RefusalCode } from './errors';
export { loadProbeConfig, parseProbeConfig, ConfigError } from './config';
export type { LadderResult, ProbeConfig, ProbeProgress, ServerConfig, StepName, StepResult, StepStatus } from './types';
