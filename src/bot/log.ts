/**
 * The bot's log: pino, one JSON object a line on stderr (time, level, msg, and the request or
 * conversation it concerns), or a short human line on a terminal. Every string that goes into a
 * line passes the secret redactor first: a log line must never carry what a user pasted.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactInput } from '../parse/redact';
import { humanLine } from './log-format';

export type { Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogFormat = 'json' | 'pretty';

export interface LogSettings {
  level: (typeof LOG_LEVELS)[number];
  format: LogFormat;
}

/** LOG_LEVEL (default info) and LOG_FORMAT (json, or pretty; default pretty on a terminal, json otherwise). */
export function logSettingsFromEnv(env: Record<string, string | undefined>, terminal = process.stderr.isTTY === true): LogSettings {
  const level = (env.LOG_LEVEL?.trim().toLowerCase() || 'info') as LogSettings['level'];
  if (!LOG_LEVELS.includes(level)) throw new Error(`LOG_LEVEL '${env.LOG_LEVEL}' is not a level: use one of ${LOG_LEVELS.join(', ')}`);
  const format = env.LOG_FORMAT?.trim().toLowerCase() || (terminal ? 'pretty' : 'json');
  if (format !== 'json' && format !== 'pretty') throw new Error(`LOG_FORMAT '${env.LOG_FORMAT}' is not known: use json or pretty`);
  return { level, format };
}

/** Strings anywhere in a value, redacted (objects and arrays copied, at most a few levels deep). */
function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactInput(value).text;
  if (value instanceof Error) return redactDeep(errorField(value), depth);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, depth + 1);
  return out;
}

/** An error as a log field: its type, message and stack, redacted like everything else. */
function errorField(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const code = (err as Error & { code?: unknown }).code;
  return { type: err.name, message: err.message, ...(code !== undefined ? { code } : {}), stack: err.stack };
}

function options(settings: LogSettings, base: Record<string, unknown>): LoggerOptions {
  return {
    level: settings.level,
    base,
    timestamp: pino.stdTimeFunctions.isoTime,
    // Level names, not numbers: what people grep for and what log platforms map.
    formatters: { level: (label) => ({ level: label }), log: (obj) => redactDeep(obj) as Record<string, unknown> },
    serializers: { err: errorField },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactInput(a).text : a)) as Parameters<typeof method>);
      },
    },
  };
}

/**
 * The process's logger. `destination` receives each line (JSON, or the human form); default stderr,
 * written synchronously so the last lines before an exit are not lost.
 */
export function createLogger(settings: LogSettings, destination?: { write(line: string): void }, base: Record<string, unknown> = { name: 'sqltriage' }): Logger {
  const sink = destination ?? pino.destination({ dest: 2, sync: true });
  if (settings.format === 'json') return pino(options(settings, base), sink as DestinationStream);
  const human: DestinationStream = { write: (line: string) => sink.write(humanLine(line)) };
  return pino(options(settings, base), human);
}

/** A logger that keeps its JSON lines in `lines` (tests, and callers that show the log elsewhere). */
export function memoryLogger(lines: string[], level: LogSettings['level'] = 'debug'): Logger {
  return createLogger({ level, format: 'json' }, { write: (line) => lines.push(line.trimEnd()) });
}

/** A logger that writes nothing. */
export const silentLogger = (): Logger => pino({ level: 'silent' });

/** The older one-line log callback (still taken where a caller or test passes one). */
export type LineLog = (line: string) => void;

/** A logger from either form: a pino Logger as it is, a callback fed each entry as one plain line. */
export function asLogger(log: Logger | LineLog | undefined): Logger {
  if (log === undefined) return createLogger(logSettingsFromEnv(process.env));
  if (typeof log !== 'function') return log;
  return createLogger({ level: 'debug', format: 'json' }, { write: (line) => log(plainLine(line)) });
}

/** "message key=value ..." with the error's stack below: a JSON log line without time and level. */
export function plainLine(jsonLine: string): string {
  return humanLine(jsonLine, { time: false, level: false }).trimEnd();
}
