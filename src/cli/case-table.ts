/**
 * `case list` as an aligned table: id, status, age, evidence count and the case's title (its
 * confirmed cause when resolved, else its leading cause), with percentages by the one rounding rule.
 */
import type { Knowledge } from '../kb/load';
import type { Case } from '../triage/types';
import { percent } from '../messages/percent';

/** "42s", "5m", "3h", "12d": how long ago the case last changed. */
export function age(iso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
  if (!Number.isFinite(s)) return '?';
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h`;
  return `${Math.floor(s / 86_400)}d`;
}

function title(c: Case, kb: Knowledge): string {
  const name = (id: string): string => kb.cause.get(id)?.title ?? id;
  if (c.status === 'resolved') {
    if (c.confirmedCause) return `fixed: ${name(c.confirmedCause)}`;
    return `fixed: ${c.resolution?.note ?? 'something else'}`;
  }
  const top = c.history[c.history.length - 1]?.top[0];
  const lead = top ? `${name(top.id)} (${percent(top.score)})` : '-';
  return c.followUpOf ? `${lead} [follows ${c.followUpOf}]` : lead;
}

const HEAD = ['case', 'status', 'age', 'ev.', 'title'];

export function caseTable(cases: Case[], kb: Knowledge, now: Date = new Date()): string {
  const rows = cases.map((c) => [c.id, c.status, age(c.updatedAt, now), String(c.evidence.length), title(c, kb)]);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Numbers right-aligned, words left-aligned; the last column is not padded.
  const line = (r: string[]): string =>
    r.map((cell, i) => (i === r.length - 1 ? cell : i === 2 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return `${[HEAD, ...rows].map(line).join('\n')}\n`;
}
