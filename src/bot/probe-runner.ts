/**
 * Connects the probe ladder (src/probes) to the dialogs' ProbeRunner. Without servers in the
 * configuration the bot runs without probes and says so. Refusals become a message, never an
 * exception in the conversation.
 */
import type { ProbeRunner } from './bot';
import { createProber, loadProbeConfig, ProbeRefused, probeSignals, type ProbeStartLedger } from '../probes';
import { findServer } from '../probes/policy/allowlist';
import { checkGrant } from '../probes/policy/grants';

export interface LoadedProber {
  runner?: ProbeRunner;
  /** One line for the start-up log: why probes are on or off. */
  status: string;
  close(): Promise<void>;
}

/** `ledger` keeps probe starts in the store, so the per-minute limit survives restarts. */
export function loadProber(env: NodeJS.ProcessEnv, cwd: string, ledger?: ProbeStartLedger): LoadedProber {
  const config = loadProbeConfig(env, cwd);
  if (config.servers.length === 0) {
    return { status: 'probes: no servers configured (SQLTRIAGE_CONFIG); "probe" is disabled', close: async () => undefined };
  }
  const prober = createProber(config, { ledger });
  const runner: ProbeRunner = {
    servers: () => prober.servers(),
    // The same checks the prober makes first, asked before the dialog says anything.
    check(req) {
      try {
        findServer(config.servers, req.server);
        checkGrant(config.allow, { user: req.user, channel: req.channel, via: req.via ?? 'chat' });
        return undefined;
      } catch (err) {
        if (err instanceof ProbeRefused) return err.message;
        throw err;
      }
    },
    async run(req) {
      try {
        const result = await prober.run({ server: req.server, requester: { user: req.user, channel: req.channel, via: req.via ?? 'chat' } }, req.onProgress);
        return { result, signals: probeSignals(result) };
      } catch (err) {
        if (err instanceof ProbeRefused) return { refused: err.message };
        throw err;
      }
    },
  };
  return { runner, status: `probes: ${config.servers.length} configured server(s)`, close: () => prober.close() };
}
