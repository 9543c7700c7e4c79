/**
 * `npm start`: reads the environment (and an optional .env), opens the store, loads the knowledge
 * base, starts the bot server, and shuts down cleanly on SIGTERM/SIGINT (requests finish, the store
 * is flushed, exit 0). Anything wrong at start-up is one clear line and exit 1.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledge } from '../kb/load';
import { LiveKnowledge } from '../learn/live-knowledge';
import { learningEnabled } from '../learn/settings';
import { createStorageFromEnv, probeStartsFromEnv, quarantineNotice } from '../store';
import { attachmentRule } from './attachment-addresses';
import { pickAuthSettings } from './auth';
import { createBot } from './bot';
import { escalationSettings } from '../../dialogs/escalation-destination';
import { loadEnvFile } from './env-file';
import { loadProber } from './probe-runner';
import { findRepoRoot } from './repo-root';
import { createServer } from './server';
import { startSlackFromEnv } from './slack/from-env';
import { instrumentAudit, instrumentBot, instrumentCases, instrumentStorage, observeMessage } from './instrument';
import { asLogger, createLogger, logSettingsFromEnv, type LineLog, type Logger } from './log';
import { createMetrics } from './metrics';

export const DEFAULT_PORT = 3978;

export interface StartedBot {
  port: number;
  /** Stops accepting, waits for requests in flight, flushes the store. */
  stop(): Promise<void>;
}

function version(): string {
  try {
    return (JSON.parse(readFileSync(path.join(findRepoRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function portFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT '${raw}' is not a port number (0-65535)`);
  return port;
}

export async function startBot(env: NodeJS.ProcessEnv, cwd: string, logTo: Logger | LineLog): Promise<StartedBot> {
  const log = asLogger(logTo);
  const port = portFrom(env);
  const store = await createStorageFromEnv(env, cwd);
  try {
    await store.claim();
    const aside = await store.cases.quarantined();
    if (aside.length > 0) log.warn(quarantineNotice(`data ${store.describe}`, aside));
    // Old cases move to the archive and the data file is folded beside the turns (src/store/archiver.ts).
    store.maintenance?.start((err) => log.warn({ err }, 'store maintenance failed (retried within the hour)'));
    // Local priors from this deployment's closed cases (SQLTRIAGE_LEARNING=off ranks with the knowledge base's own).
    const live = new LiveKnowledge(loadKnowledge(), store.cases, { enabled: learningEnabled(env), log: (line) => log.warn(line) });
    await live.start();
    const metrics = createMetrics();
    const probes = loadProber(env, cwd, probeStartsFromEnv(env, cwd, store.storage), { log: (line) => (line.includes('cannot be used') ? log.warn(line) : log.info(line)), counter: metrics });
    log.info(probes.status);
    const escalation = escalationSettings(store.storage, env);
    const attachments = { addresses: attachmentRule(env, !pickAuthSettings(env).MicrosoftAppId) };
    // Metrics are taken at the seams: the store the bot writes to, the messages it sends, its turns.
    const bot = instrumentBot(
      createBot({
        storage: instrumentStorage(store.storage, metrics),
        cases: instrumentCases(store.cases, metrics, () => live.current()),
        audit: instrumentAudit(store.audit, metrics),
        get kb() {
          return live.current();
        },
        prober: probes.runner,
        escalation,
        config: { attachments },
        observeMessage: observeMessage(metrics),
      }),
      metrics,
    );
    const storageKind = store.describe.split(':')[0] ?? 'file';
    const server = createServer({ bot, storage: store.storage, storageKind, env, version: version(), log, metrics, trends: { cases: store.cases, kb: () => live.base } });
    // Without an app id anyone who reaches the port is served: stay on loopback unless HOST says otherwise.
    const host = env.HOST?.trim() || (server.anonymous ? '127.0.0.1' : undefined);
    const bound = await server.listen(port, host);
    log.info(
      { port: bound, host: host ?? 'all interfaces', store: storageKind, auth: server.anonymous ? 'anonymous' : 'bot-framework' },
      `sqltriage ${version()} listening on http://localhost:${bound}/ (bound to ${host ?? 'all interfaces'}; store ${store.describe}, ${server.anonymous ? 'anonymous: no MicrosoftAppId' : 'Bot Framework auth on'})`,
    );
    // Slack in Socket Mode when SLACK_APP_TOKEN and SLACK_BOT_TOKEN are set (docs/slack.md).
    const slack = await startSlackFromEnv(env, bot, log).catch(async (err: Error) => {
      await server.close();
      throw err;
    });
    return {
      port: bound,
      async stop() {
        live.stop();
        await slack?.stop();
        await server.close();
        await probes.close();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

function main(): void {
  const cwd = process.cwd();
  let env: NodeJS.ProcessEnv;
  let log: Logger;
  try {
    env = loadEnvFile(path.join(cwd, '.env'), process.env);
    log = createLogger(logSettingsFromEnv(env));
  } catch (err) {
    process.stderr.write(`sqltriage: ${(err as Error).message}\n`);
    process.exit(1);
  }
  startBot(env, cwd, log).then(
    (bot) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, `${signal}: finishing requests in flight and flushing the store`);
        bot.stop().then(
          () => process.exit(0),
          (err: Error) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    },
    (err: Error) => {
      log.fatal(`sqltriage: ${err.message}`);
      process.exit(1);
    },
  );
}

if (require.main === module) main();
