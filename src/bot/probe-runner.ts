/**
 * Connects the probe ladder (src/probes, optional) to the dialogs' ProbeRunner. The ladder module
 * is loaded only if present and a configuration names servers; otherwise the bot runs without
 * probes and says so. Refusals become a message, never an exception in the conversation.
 */
import type { ProbeRunner } from './bot';
import type { LadderResult, ProbeConfig, ProbeProgress } from '../probes/types';

interface ProbesModule {
  createProber(config: ProbeConfig): {
    run(req: { server: string; requester: { user: string; channel?: string; via: string } }, onProgress?: (p: ProbeProgress) => void): Promise<LadderResult>;
    servers(): string[];
    close(): Promise<void>;
  };
  probeSignals(result: LadderResult): string[];
  loadProbeConfig?(env: NodeJS.ProcessEnv, cwd: string): ProbeConfig;
}

export interface LoadedProber {
  runner?: ProbeRunner;
  /** One line for the start-up log: why probes are on or off. */
  status: string;
  close(): Promise<void>;
}

function loadModule(): ProbesModule | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('../probes/index') as ProbesModule;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && /probes[\\/]index/.test((err as Error).message)) return undefined;
    throw err;
  }
}

export function loadProber(env: NodeJS.ProcessEnv, cwd: string): LoadedProber {
  const mod = loadModule();
  if (!mod || typeof mod.createProber !== 'function') {
    return { status: 'probes: the probe ladder is not part of this build; "probe" is disabled', close: async () => undefined };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = mod.loadProbeConfig ?? (require('../probes/config') as Required<Pick<ProbesModule, 'loadProbeConfig'>>).loadProbeConfig;
  const config = load(env, cwd);
  if (config.servers.length === 0) {
    return { status: 'probes: no servers configured (SQLTRIAGE_CONFIG); "probe" is disabled', close: async () => undefined };
  }
  const prober = mod.createProber(config);
  const runner: ProbeRunner = {
    servers: () => prober.servers(),
    async run(req) {
      try {
        const result = await prober.run({ server: req.server, requester: { user: req.user, channel: req.channel, via: req.via ?? 'chat' } }, req.onProgress);
        return { result, signals: mod.probeSignals(result) };
      } catch (err) {
        if ((err as Error).name === 'ProbeRefused') return { refused: (err as Error).message };
        throw err;
      }
    },
  };
  return { runner, status: `probes: ${config.servers.length} configured server(s)`, close: () => prober.close() };
}
