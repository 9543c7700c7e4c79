/**
 * Connects the probe ladder (src/probes) to the dialogs' ProbeRunner. Refusals become a message,
 * never an exception in the conversation.
 *
 * The configuration file is re-read when it changes, without a restart: a watch on its folder
 * (debounced, since editors write a file in several steps) re-reads it soon after a save, and every
 * use compares the file's stat with the one last read, so a change is never missed where watches
 * do not fire (network file systems). A file that cannot be used keeps the last good configuration
 * and says so in the log; only at start-up is a bad file fatal.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProbeRunner } from './bot';
import { createProber, loadProbeConfig, ProbeRefused, probeSignals, type ProbeConfig, type Prober, type ProbeStartLedger } from '../probes';
import { configPath } from '../probes/config';
import { findServer } from '../probes/policy/allowlist';
import { checkGrant } from '../probes/policy/grants';
import type { BotMetrics } from './metrics';

export interface LoadedProber {
  /** Always there: servers may be added to the file later. Its `servers()` is empty while none are configured. */
  runner: ProbeRunner;
  /** One line for the start-up log: why probes are on or off. */
  status: string;
  close(): Promise<void>;
}

/** Probe requests counted by outcome, refusals by their code (metrics). */
export type ProbeCounter = Pick<BotMetrics, 'probeRun'>;

export interface ProberLoadOptions {
  /** Where re-reads and refused files are reported (the bot's log). */
  log?: (line: string) => void;
  /** Counts each probe request's outcome (metrics). */
  counter?: ProbeCounter;
  /** Watch the file's folder (default true); without it a change is seen at the next use. */
  watch?: boolean;
  /** Quiet time after the last change event before the file is read (ms). */
  debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 250;

/** What identifies one version of the file without reading it. */
function stamp(file: string): string {
  try {
    const s = fs.statSync(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
  } catch {
    return 'missing';
  }
}

function statusOf(config: ProbeConfig): string {
  return config.servers.length === 0 ? 'probes: no servers configured (SQLTRIAGE_CONFIG); "probe" is disabled' : `probes: ${config.servers.length} configured server(s)`;
}

/** `ledger` keeps probe starts in the store, so the per-minute limit survives restarts and re-reads. */
export function loadProber(env: NodeJS.ProcessEnv, cwd: string, ledger?: ProbeStartLedger, opts: ProberLoadOptions = {}): LoadedProber {
  const file = configPath(env, cwd);
  const log = opts.log ?? (() => undefined);
  let seen = stamp(file);
  // At start-up a bad file stops the bot (the caller reports it): nothing good to keep yet.
  let config = loadProbeConfig(env, cwd);
  let prober: Prober = createProber(config, { ledger });
  // Probers replaced by a re-read: their probes in flight finish under the configuration they started with.
  const retired = new Set<Prober>();
  const retire = (old: Prober): void => {
    retired.add(old);
    void old.close().finally(() => retired.delete(old));
  };

  function refresh(): void {
    const now = stamp(file);
    if (now === seen) return;
    seen = now;
    let next: ProbeConfig;
    try {
      next = loadProbeConfig(env, cwd);
    } catch (err) {
      log(`probes: ${file} changed but cannot be used (${(err as Error).message}); keeping the last good configuration (${config.servers.length} server(s))`);
      return;
    }
    retire(prober);
    config = next;
    prober = createProber(config, { ledger });
    log(`probes: re-read ${file}: ${statusOf(config).replace(/^probes: /, '')}`);
  }

  let timer: NodeJS.Timeout | undefined;
  let watcher: fs.FSWatcher | undefined;
  if (opts.watch !== false) {
    try {
      // The folder, not the file: editors and deploy tools replace the file, which ends a watch on it.
      watcher = fs.watch(path.dirname(file), { persistent: false }, (_event, name) => {
        if (name !== null && name !== path.basename(file)) return;
        clearTimeout(timer);
        timer = setTimeout(refresh, opts.debounceMs ?? DEFAULT_DEBOUNCE_MS);
        timer.unref();
      });
      watcher.on('error', () => watcher?.close());
    } catch {
      // No folder yet, or no watches here: the check on use still sees every change.
    }
  }

  const runner: ProbeRunner = {
    servers() {
      refresh();
      return prober.servers();
    },
    // The same checks the prober makes first, asked before the dialog says anything.
    check(req) {
      refresh();
      try {
        findServer(config.servers, req.server);
        checkGrant(config.allow, { user: req.user, channel: req.channel, via: req.via ?? 'chat' });
        return undefined;
      } catch (err) {
        if (err instanceof ProbeRefused) {
          opts.counter?.probeRun('refused', err.code);
          return err.message;
        }
        throw err;
      }
    },
    async run(req) {
      refresh();
      try {
        const result = await prober.run({ server: req.server, requester: { user: req.user, channel: req.channel, via: req.via ?? 'chat' } }, req.onProgress);
        opts.counter?.probeRun(result.totals.failed > 0 ? 'failed' : result.totals.error > 0 ? 'error' : 'ok');
        return { result, signals: probeSignals(result) };
      } catch (err) {
        if (err instanceof ProbeRefused) {
          opts.counter?.probeRun('refused', err.code);
          return { refused: err.message };
        }
        opts.counter?.probeRun('error');
        throw err;
      }
    },
  };
  return {
    runner,
    status: statusOf(config),
    async close() {
      clearTimeout(timer);
      watcher?.close();
      await Promise.all([prober, ...retired].map((p) => p.close()));
    },
  };
}
