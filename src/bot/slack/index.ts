/**
 * Slack without Azure: opens a Socket Mode connection (no public endpoint), acknowledges each
 * envelope at once, and runs the same bot over the SlackSocketAdapter. `npm start` calls this
 * when SLACK_APP_TOKEN and SLACK_BOT_TOKEN are set.
 */
import type { ActivityHandler } from 'botbuilder';
import { WebClient, WebClientEvent, type RetryOptions } from '@slack/web-api';
import type { ChannelMessages } from './incoming';
import { type SlackEnvelope, SlackSocketAdapter } from './slack-adapter';
import type { FileLimits } from './files';
import { slackLogger } from './slack-logger';
import { asLogger, type LineLog, type Logger } from '../log';
import { GuardedSocketModeClient } from './guarded-socket';

export { SlackSocketAdapter } from './slack-adapter';
export type { SlackEnvelope } from './slack-adapter';

export interface SlackSocketOptions {
  bot: Pick<ActivityHandler, 'run'>;
  /** App-level token (xapp-…) with connections:write: opens the socket. */
  appToken: string;
  /** Bot token (xoxb-…): posts replies and downloads shared files. */
  botToken: string;
  /** Slack's Web API by default; tests point it at a stand-in on loopback. */
  slackApiUrl?: string;
  channelMessages?: ChannelMessages;
  files?: Partial<FileLimits>;
  /** Retries of Web API calls after errors and rate limits (the wait a 429's Retry-After asks for comes first). */
  retry?: RetryOptions;
  /** Passed to the socket client: how long a pong may take, and the first reconnect delay. */
  clientPingTimeoutMs?: number;
  log?: Logger | LineLog;
}

export interface SlackSocketMode {
  adapter: SlackSocketAdapter;
  /** Closes the socket (no reconnect) and waits for turns in flight. */
  stop(): Promise<void>;
}

// Up to about a minute of retries; each rate-limited attempt first waits what Retry-After says.
const DEFAULT_RETRY: RetryOptions = { retries: 6, factor: 2, minTimeout: 250, maxTimeout: 15_000, randomize: true };

function checkToken(value: string, prefix: string, name: string): string {
  const token = value.trim();
  if (!token.startsWith(prefix)) throw new Error(`${name} must be a Slack token starting with ${prefix} (see docs/slack.md)`);
  return token;
}

export async function startSlackSocketMode(opts: SlackSocketOptions): Promise<SlackSocketMode> {
  const log = asLogger(opts.log);
  const appToken = checkToken(opts.appToken, 'xapp-', 'SLACK_APP_TOKEN');
  const botToken = checkToken(opts.botToken, 'xoxb-', 'SLACK_BOT_TOKEN');
  const slackApiUrl = opts.slackApiUrl ?? 'https://slack.com/api/';
  const web = new WebClient(botToken, {
    slackApiUrl,
    logger: slackLogger(log, 'web-api'),
    retryConfig: opts.retry ?? DEFAULT_RETRY,
    // Wait out a 429 and retry, never drop the reply.
    rejectRateLimitedCalls: false,
  });
  web.on(WebClientEvent.RATE_LIMITED, (seconds: number, { url }: { url: string }) => log.warn(`slack: rate limited on ${url.split('/').pop()}, waiting ${seconds} s as asked`));

  const auth = await web.auth.test().catch((err: Error) => {
    throw new Error(`Slack refused SLACK_BOT_TOKEN (auth.test): ${err.message}`);
  });
  if (typeof auth.user_id !== 'string') throw new Error('Slack auth.test did not name the bot user; is SLACK_BOT_TOKEN a bot token?');
  const apiHost = new URL(slackApiUrl).host;
  const adapter = new SlackSocketAdapter({
    web,
    botToken,
    identity: { botUserId: auth.user_id, botId: auth.bot_id, teamId: auth.team_id, botName: auth.user },
    channelMessages: opts.channelMessages,
    files: opts.files,
    trustedFileHosts: apiHost.endsWith('slack.com') ? [] : [apiHost],
    log,
  });

  const socket = new GuardedSocketModeClient({
    appToken,
    logger: slackLogger(log, 'socket-mode'),
    clientPingTimeout: opts.clientPingTimeoutMs,
    clientOptions: { slackApiUrl },
  });
  socket.onDropped = (why) => log.warn(`slack: dropped ${why}`);
  socket.on('slack_event', (envelope: SlackEnvelope & { ack: () => Promise<void> }) => {
    // Slack wants the ack within three seconds; a triage can take longer, so ack first.
    envelope.ack().catch((err: Error) => log.warn({ envelopeId: envelope.envelope_id, err }, 'slack: could not acknowledge an envelope'));
    adapter.receive(envelope, (context) => opts.bot.run(context)).catch((err: Error) => log.error({ envelopeId: envelope.envelope_id, err }, 'slack: envelope failed'));
  });
  socket.on('reconnecting', () => log.warn('slack: socket dropped, reconnecting'));
  await socket.start().catch((err: Error) => {
    throw new Error(`Slack refused SLACK_APP_TOKEN (apps.connections.open): ${err.message}`);
  });
  log.info(`slack: Socket Mode connected as @${auth.user ?? auth.user_id} in ${auth.team ?? auth.team_id}`);

  return {
    adapter,
    async stop() {
      await socket.disconnect();
      await adapter.idle();
    },
  };
}
