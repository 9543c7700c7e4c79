/** The Slack SDKs' logger interface over the bot's log: warnings and errors only, prefixed. */
import { LogLevel, type Logger } from '@slack/web-api';
import type { Logger as BotLogger } from '../log';

export function slackLogger(log: BotLogger, name: string): Logger {
  const text = (msg: unknown[]) => `slack ${name}: ${msg.map(String).join(' ').slice(0, 500)}`;
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error(text(msg)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
