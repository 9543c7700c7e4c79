/** Creating cases and appending evidence: every function returns a new Case. */
import { randomBytes } from 'crypto';
import type { Case, Evidence } from './types';

export interface EvidenceOptions {
  by?: string;
  now?: Date;
}

function newCaseId(now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `ST-${day}-${randomBytes(3).toString('hex').toUpperCase()}`;
}

export function openCase(opts: { id?: string; now?: Date; origin?: Record<string, string>; followUpOf?: string } = {}): Case {
  const now = (opts.now ?? new Date()).toISOString();
  return {
    id: opts.id ?? newCaseId(opts.now ?? new Date()),
    createdAt: now,
    updatedAt: now,
    status: 'open',
    evidence: [],
    history: [],
    ...(opts.origin ? { origin: opts.origin } : {}),
    ...(opts.followUpOf ? { followUpOf: opts.followUpOf } : {}),
  };
}

/** Escalated and resolved cases are frozen: nothing the chat sends changes them any more. */
export function isFrozen(c: Case): boolean {
  return c.status !== 'open';
}

/** Closes the case with the cause the user confirmed, or with their note when it was something else. */
export function resolveCase(c: Case, outcome: { cause?: string; note?: string; by?: string; now?: Date }): Case {
  const at = (outcome.now ?? new Date()).toISOString();
  return {
    ...c,
    status: 'resolved',
    updatedAt: at,
    ...(outcome.cause ? { confirmedCause: outcome.cause } : {}),
    resolution: { at, ...(outcome.by ? { by: outcome.by } : {}), ...(outcome.note ? { note: outcome.note } : {}) },
  };
}

/** Distributive Omit, so each member of the Evidence union keeps its own fields. */
export type NewEvidence = Evidence extends infer E ? (E extends Evidence ? Omit<E, 'id' | 'at' | 'by'> : never) : never;

export function appendEvidence(c: Case, ev: NewEvidence, opts: EvidenceOptions = {}): { case: Case; evidenceId: string } {
  const at = (opts.now ?? new Date()).toISOString();
  // Ids stay unique even after an answer is replaced (evidence removed).
  const last = c.evidence.reduce((n, e) => Math.max(n, Number(e.id.slice(2)) || 0), 0);
  const evidenceId = `ev${last + 1}`;
  const full = { ...ev, id: evidenceId, at, ...(opts.by ? { by: opts.by } : {}) } as Evidence;
  return { case: { ...c, updatedAt: at, evidence: [...c.evidence, full] }, evidenceId };
}
