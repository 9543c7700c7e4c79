/**
 * `sqltriage case show ID [--format markdown|json]` and `sqltriage case list [--status S] [--limit N]`:
 * the cases the bot keeps, read from the same store (SQLTRIAGE_DATA_DIR, default ./data, or blobs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../../kb/load';
import { loadProbeConfig } from '../../probes/config';
import { createStorageFromEnv, DATA_FILE_NAME, DEFAULT_DATA_DIR, OpenedStore, quarantineNotice } from '../../store';
import { escalationSummary } from '../../triage/escalation/summary';
import { renderEscalationMarkdown } from '../../triage/escalation/render/markdown';
import { renderEscalationJson } from '../../triage/escalation/render/json';
import type { Case } from '../../triage/types';
import { HelpRequested, parseArgs } from '../args';
import { caseTable } from '../case-table';
import { exportCases, EXPORT_HELP } from '../case-export';
import { CliIO, Command, UsageError } from '../io';

const STATUSES: Case['status'][] = ['open', 'resolved', 'escalated'];
const USAGE = 'usage: case show ID [--format markdown|json] | case list [--status open|resolved|escalated] [--limit N] | case export [--status resolved|escalated] [--since DATE] [--omit-text]';
const HELP = `usage: sqltriage case show ID [--format markdown|json]
       sqltriage case list [--status open|resolved|escalated] [--limit N]
       sqltriage case export [--status resolved|escalated] [--since DATE] [--omit-text]

The cases the bot keeps (SQLTRIAGE_DATA_DIR, default ./data, or blob storage with SQLTRIAGE_STORAGE=blobs).
  show ID          the escalation summary of one case (--format markdown, the default, or json)
  list             stored cases, newest first (--status to filter, --limit to cut)
${EXPORT_HELP}  -h, --help       this help
`;

/** The data file in file mode, or undefined in blob mode. */
function dataFile(io: CliIO): string | undefined {
  const kind = (io.env.SQLTRIAGE_STORAGE ?? 'file').trim().toLowerCase();
  if (kind !== 'file' && kind !== 'lowdb' && kind !== '') return undefined;
  return path.join(path.resolve(io.cwd, io.env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR), DATA_FILE_NAME);
}

async function withStore<T>(io: CliIO, body: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = await createStorageFromEnv(io.env, io.cwd);
  try {
    return await body(store);
  } finally {
    await store.close();
  }
}

/** Configured probe servers for the "not tested" section; unknown when the config cannot be read. */
function probeServers(io: CliIO): string[] | undefined {
  try {
    return loadProbeConfig(io.env, io.cwd).servers.map((s) => s.name);
  } catch {
    return undefined;
  }
}

async function show(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: positional } = parseArgs(args, HELP, { format: { type: 'string' } });
  if (positional.length !== 1) throw new UsageError(`case show needs one case id (${USAGE})`);
  const format = values.format ?? 'markdown';
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not '${format}'`);
  const id = positional[0];
  const file = dataFile(io);
  if (file && !fs.existsSync(file)) throw new UsageError(`no case '${id}': there is no case store at ${file}`);
  const { c, aside } = await withStore(io, async (store) => ({ c: await store.cases.get(id), aside: (await store.cases.quarantined()).find((q) => q.id === id) }));
  if (aside) throw new UsageError(`case '${id}' is damaged and was quarantined: it ${aside.problem} (the entry is left in ${aside.in ?? 'the data file'} as it is)`);
  if (!c) throw new UsageError(`no case '${id}' (see: sqltriage case list)`);
  const summary = escalationSummary(c, loadKnowledge(), { probeServers: probeServers(io) });
  io.stdout.write(format === 'json' ? renderEscalationJson(summary) : renderEscalationMarkdown(summary));
  return 0;
}

async function list(args: string[], io: CliIO): Promise<number> {
  const { values, positionals: positional } = parseArgs(args, HELP, { status: { type: 'string' }, limit: { type: 'string' } });
  if (positional.length > 0) throw new UsageError(`case list takes no arguments (${USAGE})`);
  const status = values.status as Case['status'] | undefined;
  if (status !== undefined && !STATUSES.includes(status)) throw new UsageError(`--status must be one of ${STATUSES.join(', ')}`);
  const rawLimit = values.limit;
  const limit = rawLimit === undefined ? undefined : Number(rawLimit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a positive whole number');
  const file = dataFile(io);
  if (file && !fs.existsSync(file)) {
    io.stdout.write(`no cases (no case store at ${file})\n`);
    return 0;
  }
  const { cases, aside } = await withStore(io, async (store) => ({ cases: await store.cases.list({ status, limit }), aside: await store.cases.quarantined() }));
  // The readable cases are listed either way; the damaged ones are named on stderr.
  if (aside.length > 0) io.stderr.write(`${quarantineNotice('sqltriage', aside)}\n`);
  if (cases.length === 0) {
    io.stdout.write('no cases\n');
    return 0;
  }
  io.stdout.write(caseTable(cases, loadKnowledge()));
  return 0;
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    if (sub === undefined) throw new UsageError(USAGE);
    throw new HelpRequested(HELP);
  }
  if (sub === 'show') return show(rest, io);
  if (sub === 'list') return list(rest, io);
  if (sub === 'export') return exportCases(rest, io, HELP, (body) => withStore(io, body), dataFile(io));
  throw new UsageError(sub ? `unknown sub-command '${sub}' (${USAGE})` : USAGE);
};
