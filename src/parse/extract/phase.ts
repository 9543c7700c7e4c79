/** The connection phase a failure belongs to, from weighted hints in data/phases.ts. */
import { PHASE_HINTS } from '../data/phases';
import type { Phase } from '../types';

export interface PhaseInput {
  /** Folded (lower-case, single-spaced) message text, stack frames excluded. */
  folded: string;
  codes: string[];
  sqlErrors: number[];
  win32Errors: number[];
}

export function detectPhase(input: PhaseInput): Phase | null {
  let best: Phase | null = null;
  let bestWeight = 0;
  for (const hint of PHASE_HINTS) {
    if (hint.weight <= bestWeight) continue;
    const hit =
      hint.phrases?.some((p) => input.folded.includes(p)) ||
      hint.codes?.some((c) => input.codes.includes(c)) ||
      hint.sqlErrors?.some((n) => input.sqlErrors.includes(n)) ||
      hint.win32Errors?.some((n) => input.win32Errors.includes(n));
    if (hit) {
      best = hint.phase;
      bestWeight = hint.weight;
    }
  }
  return best;
}
