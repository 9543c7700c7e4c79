/**
 * Sorting causes for the hand-off: the ones still possible (with evidence for and against), the ones
 * the evidence ruled out (with what ruled them out), and a count of the rest.
 */
import type { Knowledge } from '../../kb/compiled';
import type { Case } from '../types';
import type { CaseContributions } from './contributions';
import { rounded } from './contributions';
import type { Contribution, PossibleCause, RuledOutCause } from './types';

export const ESCALATION_RULES = {
  /** A cause at or above this probability is still possible. */
  possibleMin: 0.03,
  /** At most this many possible causes are listed (the rest carry little mass). */
  maxPossible: 8,
  /** Below possibleMin, a cause is ruled out when the evidence against it adds up to this log-odds or less ... */
  ruledOutLogit: -1,
  /** ... and either specific evidence (answers, findings, probe outcomes, text patterns) lowered it by this much ... */
  ruledOutSpecific: -0.5,
  /** ... or it once had this probability while the case was worked. */
  ruledOutPeak: 0.05,
  /** Contributions smaller than this (log-odds) are not worth a line. */
  minShown: 0.1,
};

function peakOf(c: Case, causeId: string): number | undefined {
  let peak: number | undefined;
  for (const h of c.history) {
    const s = h.top.find((t) => t.id === causeId)?.score;
    if (s !== undefined && (peak === undefined || s > peak)) peak = s;
  }
  return peak;
}

export function sortCauses(c: Case, kb: Knowledge, cc: CaseContributions): { possible: PossibleCause[]; ruledOut: RuledOutCause[]; unlisted: number } {
  const R = ESCALATION_RULES;
  const possible: PossibleCause[] = [];
  const ruledOut: RuledOutCause[] = [];
  const ranked = cc.scores.ranking.unknown ? [] : cc.scores.ranking.causes;
  for (const rc of ranked) {
    const all = cc.byCause.get(rc.id) ?? [];
    const shown = all.filter((x) => Math.abs(x.weight) >= R.minShown);
    const cause = kb.cause.get(rc.id)!;
    if (rc.score >= R.possibleMin && possible.length < R.maxPossible) {
      const src = kb.source.get(cause.source.source);
      possible.push({
        id: rc.id,
        title: rc.title,
        family: rc.family,
        score: rc.score,
        summary: cause.summary,
        for: rounded(shown.filter((x) => x.weight > 0)),
        against: rounded(shown.filter((x) => x.weight < 0)),
        source: src ? { title: src.title, url: src.url, ...(cause.source.section ? { section: cause.source.section } : {}) } : { title: cause.source.source, url: '' },
      });
      continue;
    }
    if (rc.score >= R.possibleMin) continue;
    const against: Contribution[] = shown.filter((x) => x.weight < 0);
    const total = against.reduce((a, x) => a + x.weight, 0);
    const specific = against.filter((x) => x.kind !== 'family').reduce((a, x) => a + x.weight, 0);
    const peak = peakOf(c, rc.id);
    if (against.length > 0 && total <= R.ruledOutLogit && (specific <= R.ruledOutSpecific || (peak ?? 0) >= R.ruledOutPeak)) {
      ruledOut.push({ id: rc.id, title: rc.title, family: rc.family, score: rc.score, ...(peak !== undefined ? { peak } : {}), by: rounded(against) });
    }
  }
  return { possible, ruledOut, unlisted: kb.kb.causes.length - possible.length - ruledOut.length };
}
