/**
 * `sqltriage case export`: closed cases (resolved and escalated) as JSON lines, redacted, oldest
 * close first, so a team can share what it learned with the knowledge base's maintainers.
 */
import * as fs from 'fs';
import { loadKnowledge } from '../kb/load';
import type { OpenedStore } from '../store';
import type { Case } from '../triage/types';
import { closedAt } from '../learn/closed-cases';
import { exportCase } from '../learn/export';
import { parseArgs } from './args';
import { CliIO, UsageError } from './io';

export const EXPORT_HELP = `  export           closed cases as JSON lines, redacted (docs/learning.md): resolved and escalated,
                   or one --status; --since DATE (YYYY-MM-DD) keeps cases closed on or after it;
                   --omit-text leaves out the pasted texts and notes
`;

const CLOSED: Case['status'][] = ['resolved', 'escalated'];

export async function exportCases(
  args: string[],
  io: CliIO,
  help: string,
  withStore: <T>(body: (store: OpenedStore) => Promise<T>) => Promise<T>,
  file: string | undefined,
): Promise<number> {
  const { values, positionals } = parseArgs(args, help, { status: { type: 'string' }, since: { type: 'string' }, 'omit-text': { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError('case export takes no arguments (see: sqltriage case --help)');
  const status = values.status as Case['status'] | undefined;
  if (status !== undefined && !CLOSED.includes(status)) throw new UsageError(`--status must be resolved or escalated (open cases are not exported)`);
  let since: string | undefined;
  if (values.since !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(Date.parse(values.since))) throw new UsageError(`--since must be a date as YYYY-MM-DD, not '${values.since.slice(0, 40)}'`);
    since = new Date(values.since).toISOString();
  }
  if (file && !fs.existsSync(file)) return 0; // no store yet: nothing closed, nothing to export
  const statuses = status ? [status] : CLOSED;
  const cases = await withStore(async (store) => (await Promise.all(statuses.map((s) => store.cases.list({ status: s })))).flat());
  const kb = loadKnowledge();
  const chosen = cases.filter((c) => !since || closedAt(c) >= since).sort((a, b) => (closedAt(a) < closedAt(b) ? -1 : closedAt(a) > closedAt(b) ? 1 : 0));
  for (const c of chosen) io.stdout.write(`${JSON.stringify(exportCase(c, kb, { text: !values['omit-text'] }))}\n`);
  return 0;
}
