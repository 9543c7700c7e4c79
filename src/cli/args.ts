/**
 * Argument parsing for every command: node:util parseArgs (so `--opt=value` and `--opt value` both
 * work), `--help`/`-h` on every command, and parse errors turned into one-line usage errors (exit 2).
 */
import { parseArgs as nodeParseArgs, ParseArgsConfig } from 'node:util';
import { UsageError } from './io';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Thrown when `--help` is asked for: main prints the command's usage on stdout and exits 0. */
export class HelpRequested extends Error {
  constructor(readonly usage: string) {
    super('help');
    this.name = 'HelpRequested';
  }
}

/** parseArgs's messages carry a paragraph of advice; the first clause names the problem. */
function shortMessage(err: Error & { code?: string }): string {
  const unknown = /^Unknown option '([^']*)'/.exec(err.message);
  if (unknown) return `unknown option '${unknown[1].slice(0, 40)}'`;
  const missing = /^Option '(-[^ ']*)[^']*' argument missing/.exec(err.message);
  if (missing) return `${missing[1]} needs a value`;
  const noValue = /^Option '(-[^ ']*)' does not take an argument/.exec(err.message);
  if (noValue) return `${noValue[1]} takes no value`;
  return err.message.split(/\.\s/)[0];
}

export function parseArgs<T extends Options>(args: string[], usage: string, options: T, allowPositionals = true) {
  let parsed;
  try {
    parsed = nodeParseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals });
  } catch (err) {
    // An explicit --help wins over a mistake elsewhere on the line.
    if (args.includes('--help') || args.includes('-h')) throw new HelpRequested(usage);
    throw new UsageError(`${shortMessage(err as Error)} (${usage.split('\n')[0]})`);
  }
  if ((parsed.values as { help?: boolean }).help) throw new HelpRequested(usage);
  return parsed;
}
