/**
 * `sqltriage kb priors [--json]`: each cause's prior from the knowledge base beside the local one this
 * deployment's closed cases give; `sqltriage kb gaps [--json] [--limit N]`: what the knowledge authors
 * should look at (docs/learning.md). Both read the same store as the bot (SQLTRIAGE_DATA_DIR or blobs).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../../kb/load';
import type { Knowledge } from '../../kb/compiled';
import { createStorageFromEnv, DATA_FILE_NAME, DEFAULT_DATA_DIR, type OpenedStore } from '../../store';
import type { Case } from '../../triage/types';
import { closedRecords } from '../../learn/closed-cases';
import { localPriors } from '../../learn/priors';
import { LEARNING, learningEnabled } from '../../learn/settings';
import { knowledgeGaps } from '../../learn/gaps';
import { gapsMarkdown } from '../../learn/gaps-markdown';
import { percent } from '../../triage/percent';
import { HelpRequested, parseArgs } from '../args';
import { CliIO, Command, UsageError } from '../io';

const USAGE = 'usage: kb priors [--json] | kb gaps [--json] [--limit N]';
const HELP = `usage: sqltriage kb priors [--json]
       sqltriage kb gaps [--json] [--limit N]

What this deployment's cases teach (SQLTRIAGE_DATA_DIR, default ./data, or blob storage).
  priors        each cause's prior: the knowledge base's, and the local one from confirmed causes of
                closed cases (pseudo-count ${LEARNING.pseudoCount} per family, last ${LEARNING.window} closed cases);
                SQLTRIAGE_LEARNING=off: shown, but not applied
  gaps          for knowledge authors: pastes that could not be placed, cases closed as "something else",
                causes confirmed while ranked low, answers that went against the confirmed cause (Markdown)
  --json        one JSON object instead
  --limit N     gaps: the N most recent cases (default 1000)
  -h, --help    this help
`;

/** The data file in file mode, or undefined in blob mode. */
function dataFile(io: CliIO): string | undefined {
  const kind = (io.env.SQLTRIAGE_STORAGE ?? 'file').trim().toLowerCase();
  if (kind !== 'file' && kind !== 'lowdb' && kind !== '') return undefined;
  return path.join(path.resolve(io.cwd, io.env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR), DATA_FILE_NAME);
}

/** Cases from the store; none when there is no data file yet (nothing was ever stored). */
async function readCases(io: CliIO, opts: { status?: Case['status']; limit?: number }): Promise<Case[]> {
  const file = dataFile(io);
  if (file && !fs.existsSync(file)) return [];
  const store: OpenedStore = await createStorageFromEnv(io.env, io.cwd);
  try {
    return await store.cases.list(opts);
  } finally {
    await store.close();
  }
}

function enabled(io: CliIO): boolean {
  try {
    return learningEnabled(io.env);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

function priorsText(report: ReturnType<typeof priorsReport>, kb: Knowledge): string {
  const lines: string[] = [];
  lines.push(
    report.applied
      ? `Local priors: on. The knowledge base's prior counts as ${report.pseudoCount} closed cases per family; the last ${report.window} closed cases are counted.`
      : `Local priors: off (SQLTRIAGE_LEARNING=off). The engine ranks with the defaults; the local column shows what learning would use.`,
  );
  lines.push(`${report.closed} closed case${report.closed === 1 ? '' : 's'} counted, ${report.confirmed} with a confirmed cause.`, '');
  const width = Math.max(...report.causes.map((c) => c.id.length), 5);
  for (const family of kb.causesOf.keys()) {
    const rows = report.causes.filter((c) => c.family === family);
    const n = rows.reduce((a, r) => a + r.confirmed, 0);
    lines.push(`${kb.family.get(family)?.title ?? family} (${family}): ${n} confirmed here`);
    lines.push(`  ${'cause'.padEnd(width)}  default  local  confirmed`);
    for (const r of rows) {
      const moved = r.local > r.default * 1.0001 ? '  up' : r.local < r.default * 0.9999 ? '  down' : '';
      lines.push(`  ${r.id.padEnd(width)}  ${percent(r.default).padStart(7)}  ${percent(r.local).padStart(5)}  ${String(r.confirmed).padStart(9)}${moved}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function priorsReport(cases: Case[], kb: Knowledge, applied: boolean) {
  const records = closedRecords(cases, kb, LEARNING.window);
  const priors = localPriors(records, kb, LEARNING.pseudoCount);
  return {
    learning: applied ? 'on' : 'off',
    applied,
    pseudoCount: LEARNING.pseudoCount,
    window: LEARNING.window,
    closed: records.length,
    confirmed: records.filter((r) => r.cause).length,
    causes: priors.map((p) => ({ id: p.cause, family: p.family, title: kb.cause.get(p.cause)?.title ?? p.cause, default: p.default, local: p.local, confirmed: p.confirmed })),
  };
}

async function priors(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs(args, HELP, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`kb priors takes no arguments (${USAGE})`);
  const applied = enabled(io);
  const kb = loadKnowledge();
  const cases = await readCases(io, { status: 'resolved', limit: LEARNING.window });
  const report = priorsReport(cases, kb, applied);
  io.stdout.write(values.json ? `${JSON.stringify(report)}\n` : priorsText(report, kb));
  return 0;
}

async function gaps(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs(args, HELP, { json: { type: 'boolean' }, limit: { type: 'string' } });
  if (positionals.length > 0) throw new UsageError(`kb gaps takes no arguments (${USAGE})`);
  const limit = values.limit === undefined ? 1000 : Number(values.limit);
  if (!(Number.isInteger(limit) && limit > 0)) throw new UsageError('--limit must be a positive whole number');
  const kb = loadKnowledge();
  const found = knowledgeGaps(await readCases(io, { limit }), kb);
  io.stdout.write(values.json ? `${JSON.stringify(found)}\n` : gapsMarkdown(found, kb));
  return 0;
}

export const run: Command = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError(USAGE);
  if (sub === '--help' || sub === '-h') throw new HelpRequested(HELP);
  if (sub === 'priors') return priors(rest, io);
  if (sub === 'gaps') return gaps(rest, io);
  throw new UsageError(`unknown sub-command '${sub}' (${USAGE})`);
};
