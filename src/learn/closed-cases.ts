/** Closed cases reduced to what learning counts: when, which error numbers, which family and cause. */
import type { Knowledge } from '../kb/compiled';
import { errorNumbers, type ClosedRecord } from '../triage/local-history';
import type { Case } from '../triage/types';

/** When a case was closed: resolved or escalated, else its last change. */
export function closedAt(c: Case): string {
  return c.resolution?.at ?? c.escalation?.at ?? c.updatedAt;
}

/** The cause the case led with when it was last ranked (its history), if any. */
export function leadingCause(c: Case): string | undefined {
  return c.history[c.history.length - 1]?.top[0]?.id;
}

export function closedRecord(c: Case, kb: Knowledge): ClosedRecord {
  const errors = [...new Set(c.evidence.flatMap((e) => (e.kind === 'paste' ? errorNumbers(e.facts) : [])))];
  const known = c.confirmedCause && kb.cause.has(c.confirmedCause) ? c.confirmedCause : undefined;
  // "Something else" still belongs to the family the case was in when it closed.
  const family = kb.cause.get(known ?? leadingCause(c) ?? '')?.family;
  return { id: c.id, at: closedAt(c), errors, ...(family ? { family } : {}), ...(known ? { cause: known } : {}) };
}

/** The resolved cases, newest close first, at most `window`. */
export function closedRecords(cases: Case[], kb: Knowledge, window: number): ClosedRecord[] {
  return cases
    .filter((c) => c.status === 'resolved')
    .sort((a, b) => (closedAt(a) < closedAt(b) ? 1 : closedAt(a) > closedAt(b) ? -1 : 0))
    .slice(0, Math.max(0, window))
    .map((c) => closedRecord(c, kb));
}
