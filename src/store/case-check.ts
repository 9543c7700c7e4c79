/**
 * A case as read back from storage is outside input: a hand-edited or damaged entry ("ST-BAD": 5,
 * `evidence: null`) must not take the other cases down with it. Each entry is checked when read;
 * one that fails is quarantined: not returned by get or list, named with its reason, and left in
 * the file as it is (nothing is deleted).
 */
import type { Case } from '../triage/types';
import { isRecord } from './own';

export interface QuarantinedCase {
  id: string;
  problem: string;
  /** Where the damaged entry is when it is not in the data file (an archive file). */
  in?: string;
}

const STATUSES = new Set(['open', 'resolved', 'escalated']);

/** Why `value`, stored under `id`, is not a usable case; undefined when it is. */
export function caseProblem(id: string, value: unknown): string | undefined {
  if (!isRecord(value)) return `is ${value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`}, not a case object`;
  if (value.id !== id) return `has id ${JSON.stringify(value.id)?.slice(0, 80)}, not its key`;
  for (const field of ['createdAt', 'updatedAt'] as const) {
    if (typeof value[field] !== 'string') return `has no ${field} date`;
  }
  if (!STATUSES.has(value.status as string)) return `has status ${JSON.stringify(value.status)?.slice(0, 40)}, not open, resolved or escalated`;
  if (!Array.isArray(value.evidence)) return `has evidence ${value.evidence === null ? 'null' : typeof value.evidence}, not a list`;
  const badEvidence = value.evidence.findIndex((e) => !isRecord(e) || typeof e.kind !== 'string' || typeof e.id !== 'string');
  if (badEvidence >= 0) return `has evidence item ${badEvidence + 1} without an id and a kind`;
  if (!Array.isArray(value.history)) return `has history ${value.history === null ? 'null' : typeof value.history}, not a list`;
  const badHistory = value.history.findIndex((h) => !isRecord(h) || !Array.isArray(h.top) || !h.top.every((t) => isRecord(t) && typeof t.id === 'string' && typeof t.score === 'number'));
  if (badHistory >= 0) return `has ranking history entry ${badHistory + 1} that is not a ranking`;
  for (const field of ['escalation', 'origin'] as const) {
    if (value[field] !== undefined && !isRecord(value[field])) return `has ${field} that is not an object`;
  }
  return undefined;
}

export function isCase(id: string, value: unknown): value is Case {
  return caseProblem(id, value) === undefined;
}

/** The one-line notice tools and the bot log print: which cases were set aside, and why. */
export function quarantineNotice(where: string, found: QuarantinedCase[]): string {
  const list = found.map((q) => `${q.id} (${q.problem}${q.in ? `, in ${q.in}` : ''})`).join('; ');
  return `${where}: ${found.length} damaged case${found.length === 1 ? ' was' : 's were'} quarantined (left in the file, not shown): ${list}`;
}
