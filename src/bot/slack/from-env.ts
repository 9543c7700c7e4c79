/** `npm start`'s switch for Slack: Socket Mode runs when both tokens are set, and only then. */
import type { ActivityHandler } from 'botbuilder';
import type { ChannelMessages } from './incoming';
import type { LineLog, Logger } from '../log';
import { startSlackSocketMode, type SlackSocketMode } from './index';

export async function startSlackFromEnv(env: Record<string, string | undefined>, bot: Pick<ActivityHandler, 'run'>, log: Logger | LineLog): Promise<SlackSocketMode | undefined> {
  const appToken = env.SLACK_APP_TOKEN?.trim();
  const botToken = env.SLACK_BOT_TOKEN?.trim();
  if (!appToken && !botToken) return undefined;
  if (!appToken || !botToken) throw new Error(`Slack needs both SLACK_APP_TOKEN and SLACK_BOT_TOKEN; only ${appToken ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN'} is set`);
  const mode = env.SLACK_CHANNEL_MESSAGES?.trim() || 'mentions';
  if (mode !== 'mentions' && mode !== 'all') throw new Error(`SLACK_CHANNEL_MESSAGES must be 'mentions' or 'all', not '${mode}'`);
  return startSlackSocketMode({ bot, appToken, botToken, channelMessages: mode as ChannelMessages, slackApiUrl: env.SLACK_API_URL?.trim() || undefined, log });
}
