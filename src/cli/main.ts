/**
 * `sqltriage` entry point. Each sub-command lives in src/cli/commands/<name>.ts and exports
 * `run: Command`; it is loaded only when called, so `classify` never pays for the bot's imports.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HelpRequested } from './args';
import { CliIO, Command, UsageError } from './io';

const COMMANDS: Record<string, string> = {
  classify: 'classify text or a file: family, ranked causes, checks and fixes',
  sqlcheck: 'read one or two SQLCHECK reports: facts, findings and comparison',
  probe: 'run the probe ladder against a configured server',
  trace: 'read one or two network traces (.pcap/.pcapng): conversations, patterns, causes',
  chat: 'talk to the bot in this terminal',
  case: 'show, list or export stored cases (case show ID, case list, case export)',
  session: 'triage as JSON lines: pastes and answers in, ranking and next question out',
  kb: 'what closed cases teach: local priors beside the defaults (kb priors), gaps for knowledge authors (kb gaps)',
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, what]) => `  ${name.padEnd(10)} ${what}`);
  return `usage: sqltriage <command> [options]\n       sqltriage --version\n\ncommands:\n${lines.join('\n')}\n\nsqltriage <command> --help shows the options of a command.\n`;
}

/** The version in package.json, found from src/cli (tests) or dist/src/cli (built). */
export function packageVersion(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sqltriage' && pkg.version) return pkg.version;
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  let [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`sqltriage ${packageVersion()}\n`);
    return 0;
  }
  // `sqltriage help classify` is `sqltriage classify --help`.
  if (name === 'help' && rest.length > 0) [name, rest] = [rest[0], ['--help']];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, name)) {
    io.stderr.write(`sqltriage: unknown command '${name}' (try: sqltriage --help)\n`);
    return 2;
  }
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(`./commands/${name}`) as { run: Command };
    return await mod.run(rest, io);
  } catch (err) {
    if (err instanceof HelpRequested) {
      io.stdout.write(err.usage.endsWith('\n') ? err.usage : `${err.usage}\n`);
      return 0;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`sqltriage ${name}: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`sqltriage ${name}: ${message}\n`);
    return 1;
  }
}

if (require.main === module || process.argv[1]?.endsWith('sqltriage.js') || process.argv[1]?.endsWith('sqltriage')) {
  const io: CliIO = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`sqltriage: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
