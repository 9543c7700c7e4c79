/**
 * Hands local priors to the engine as data: a copy of the knowledge whose causes carry the local
 * prior, with the history attached for the diagnosis notes. The knowledge given is left as it is.
 */
import type { Knowledge } from '../kb/compiled';
import type { Cause, FamilyId } from '../kb/types';
import type { Case } from '../triage/types';
import type { LearnedKnowledge, LocalHistory } from '../triage/local-history';
import { closedRecords } from './closed-cases';
import { localHistory } from './priors';
import { LEARNING } from './settings';

export function withLocalHistory(kb: Knowledge, history: LocalHistory): LearnedKnowledge {
  const local = new Map(history.priors.map((p) => [p.cause, p.local]));
  const causes: Cause[] = kb.kb.causes.map((c) => (local.has(c.id) ? { ...c, prior: local.get(c.id)! } : c));
  const causesOf = new Map<FamilyId, Cause[]>();
  for (const c of causes) causesOf.set(c.family, [...(causesOf.get(c.family) ?? []), c]);
  return { ...kb, kb: { ...kb.kb, causes }, cause: new Map(causes.map((c) => [c.id, c])), causesOf, local: history };
}

export interface LearnOptions {
  /** false: the knowledge comes back unchanged (the very same object). */
  enabled?: boolean;
  pseudoCount?: number;
  window?: number;
}

/** The knowledge to rank with, given this deployment's cases (any status; only resolved ones count). */
export function learnFromCases(cases: Case[], kb: Knowledge, opts: LearnOptions = {}): Knowledge {
  if (opts.enabled === false) return kb;
  const window = opts.window ?? LEARNING.window;
  const records = closedRecords(cases, kb, window);
  if (records.length === 0) return kb;
  return withLocalHistory(kb, localHistory(records, kb, { pseudoCount: opts.pseudoCount, window }));
}
