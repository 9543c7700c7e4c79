/**
 * Choosing what to do next: the unanswered question with the largest expected information gain
 * over the current cause distribution, or stop when one cause clearly leads or nothing left to ask
 * would move the ranking.
 */
import type { Knowledge } from '../kb/compiled';
import type { Question } from '../kb/types';
import { answerLogLikelihood, informativeOptions, scoreCase } from './rank';
import type { Case, Ranking } from './types';

export type Offer = 'probe' | 'sqlcheck' | 'escalate';
export type NextStep =
  | { kind: 'question'; question: Question; gain: number }
  | { kind: 'done'; reason: 'leader' | 'exhausted' | 'no-evidence'; offers: Offer[] };

export const STOP_RULES = {
  /** A cause "clearly leads" at this probability and this multiple of the runner-up. */
  leaderScore: 0.75,
  leaderRatio: 3,
  /** Questions expected to gain less than this (bits) are not worth the user's time. */
  minGainBits: 0.05,
  /** Causes considered when computing gains (the rest carry negligible mass). */
  maxCauses: 30,
  /** A question restricted to families is asked only while one of them has at least this score. */
  familyMin: 0.05,
  /** Questions asked of the user in one case (skips count; answers taken from the paste do not). */
  maxQuestions: 12,
};


const entropy = (p: number[]): number => -p.reduce((a, x) => (x > 0 ? a + x * Math.log2(x) : a), 0);

export function expectedGain(q: Question, causes: { id: string; p: number }[]): number {
  const prior = causes.map((c) => c.p);
  const total = prior.reduce((a, b) => a + b, 0);
  const p = prior.map((x) => x / total);
  let expected = 0;
  // `unsure` is no observation: leaving it out keeps a skip-able question from looking informative.
  for (const o of informativeOptions(q)) {
    const joint = causes.map((c, i) => p[i] * Math.exp(answerLogLikelihood(q, o.id, c.id)));
    const po = joint.reduce((a, b) => a + b, 0);
    if (po <= 0) continue;
    expected += po * entropy(joint.map((j) => j / po));
  }
  return entropy(p) - expected;
}

function offers(c: Case, ranking: Ranking, kb: Knowledge): Offer[] {
  const out: Offer[] = [];
  const top = ranking.families[0]?.id;
  if (top && kb.family.get(top)?.probeable && !c.evidence.some((e) => e.kind === 'probe')) out.push('probe');
  if (c.evidence.filter((e) => e.kind === 'sqlcheck').length < 2) out.push('sqlcheck');
  out.push('escalate');
  return out;
}

export function nextStep(c: Case, kb: Knowledge): NextStep {
  const { ranking } = scoreCase(c, kb);
  if (c.evidence.length === 0 || ranking.unknown) return { kind: 'done', reason: 'no-evidence', offers: offers(c, ranking, kb) };
  const [first, second] = ranking.causes;
  if (first && first.score >= STOP_RULES.leaderScore && first.score >= STOP_RULES.leaderRatio * (second?.score ?? 0)) {
    return { kind: 'done', reason: 'leader', offers: offers(c, ranking, kb) };
  }
  const answered = new Set(c.evidence.flatMap((e) => (e.kind === 'answer' ? [e.question] : [])));
  const asked = c.evidence.filter((e) => e.kind === 'answer' && !e.implied).length;
  if (asked >= STOP_RULES.maxQuestions) return { kind: 'done', reason: 'exhausted', offers: offers(c, ranking, kb) };
  const liveFamilies = new Set(ranking.families.filter((f) => f.score >= STOP_RULES.familyMin).map((f) => f.id));
  const candidates = ranking.causes.slice(0, STOP_RULES.maxCauses).map((rc) => ({ id: rc.id, p: rc.score }));
  let best: { question: Question; gain: number } | undefined;
  for (const q of kb.kb.questions) {
    if (answered.has(q.id)) continue;
    if (q.families && !q.families.some((f) => liveFamilies.has(f))) continue;
    const gain = expectedGain(q, candidates);
    if (!best || gain > best.gain) best = { question: q, gain };
  }
  if (!best || best.gain < STOP_RULES.minGainBits) return { kind: 'done', reason: 'exhausted', offers: offers(c, ranking, kb) };
  return { kind: 'question', question: best.question, gain: best.gain };
}
