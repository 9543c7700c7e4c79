/** The Slack SDKs' logger interface over our one-line log: warnings and errors only, prefixed. */
import { LogLevel, type Logger } from '@slack/web-api';

export function slackLogger(log: (line: string) => void, name: string): Logger {
  const line = (level: string, msg: unknown[]) => log(`slack ${name} ${level}: ${msg.map(String).join(' ').slice(0, 500)}`);
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...msg: unknown[]) => line('warn', msg),
    error: (...msg: unknown[]) => line('error', msg),
    setLevel: () => undefined,
    getLevel: () => LogLevel.WARN,
    setName: () => undefined,
  };
}
