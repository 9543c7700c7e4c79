/**
 * What this deployment's closed cases say, as data handed to the engine: the local prior of each
 * cause and a compact record of the recent closed cases. src/learn computes it from the store; the
 * engine only reads it (it ranks with the priors already written into the knowledge it is given and
 * words the notes below), so ranking stays a pure function of the case and the knowledge passed in.
 */
import type { Knowledge } from '../kb/compiled';
import type { Facts } from '../parse/types';
import type { Case } from './types';

export interface LocalPrior {
  cause: string;
  family: string;
  /** The knowledge base's prior within the family (normalised, 0..1). */
  default: number;
  /** The prior this deployment ranks with (normalised within the family, 0..1). */
  local: number;
  /** Closed cases here that confirmed this cause (within the window). */
  confirmed: number;
}

/** One closed case, reduced to what the notes compare: its error numbers, its family and the cause confirmed. */
export interface ClosedRecord {
  id: string;
  /** When it was closed (ISO). */
  at: string;
  errors: number[];
  family?: string;
  /** Absent when it was closed as "something else". */
  cause?: string;
}

export interface LocalHistory {
  /** How many closed cases the knowledge base's prior weighs, per family (the Dirichlet pseudo-count). */
  pseudoCount: number;
  /** How many of the most recent closed cases are counted. */
  window: number;
  priors: LocalPrior[];
  /** The closed cases counted, newest first. */
  closed: ClosedRecord[];
}

/** Knowledge whose cause priors were replaced by local ones, carrying where they came from. */
export type LearnedKnowledge = Knowledge & { local?: LocalHistory };

/** A cause shown in the diagnosis whose prior local history moved, with the count behind it. */
export interface LocalNote {
  cause: string;
  title: string;
  /** Closed cases like this one (same error number, else same family) that confirmed the cause ... */
  seen: number;
  /** ... out of all closed cases like this one in the window. */
  of: number;
  /** The error number "like this one" means; absent when the comparison is by family. */
  error?: number;
  family: string;
  defaultPrior: number;
  localPrior: number;
}

/** A prior moved by less than this factor (either way) is not worth a sentence. */
export const NOTE_MIN_RATIO = 1.25;

/** The error numbers a case is compared by: SQL Server and Windows error numbers, 0 left out. */
export function errorNumbers(facts: Pick<Facts, 'sqlErrors' | 'win32Errors'>): number[] {
  return [...new Set([...facts.sqlErrors, ...facts.win32Errors].filter((n) => n !== 0))];
}

/** The case's leading error number: the first SQL Server error, else the first Windows error. */
export function caseErrorNumber(c: Case): number | undefined {
  for (const ev of c.evidence) {
    if (ev.kind !== 'paste') continue;
    const n = errorNumbers(ev.facts)[0];
    if (n !== undefined) return n;
  }
  return undefined;
}

export function localHistoryOf(kb: Knowledge): LocalHistory | undefined {
  return (kb as LearnedKnowledge).local;
}

/** Notes for the causes shown whose local prior differs from the default by NOTE_MIN_RATIO or more. */
export function localNotes(c: Case, kb: Knowledge, shown: { id: string; family: string; title: string }[]): LocalNote[] {
  const local = localHistoryOf(kb);
  if (!local || local.closed.length === 0) return [];
  const priors = new Map(local.priors.map((p) => [p.cause, p]));
  const error = caseErrorNumber(c);
  const notes: LocalNote[] = [];
  for (const cause of shown) {
    const p = priors.get(cause.id);
    if (!p || p.default <= 0 || p.local <= 0) continue;
    const ratio = p.local / p.default;
    if (ratio < NOTE_MIN_RATIO && ratio > 1 / NOTE_MIN_RATIO) continue;
    const sameError = error === undefined ? [] : local.closed.filter((r) => r.errors.includes(error));
    const like = sameError.length > 0 ? sameError : local.closed.filter((r) => r.family === cause.family);
    if (like.length === 0) continue;
    notes.push({
      cause: cause.id,
      title: cause.title,
      seen: like.filter((r) => r.cause === cause.id).length,
      of: like.length,
      ...(sameError.length > 0 ? { error } : {}),
      family: cause.family,
      defaultPrior: p.default,
      localPrior: p.local,
    });
  }
  return notes;
}
