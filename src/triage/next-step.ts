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
  /**
   * Even with a clear leader, a question is still asked when its answer is expected to raise the chance
   * that the cause named first is right by at least this much (expected top-1 gain, below): some answer
   * would hand the lead to a runner-up that the leader cannot yet be told apart from.
   */
  minLeaderChange: 0.03,
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
  // A question with no observation at all (every option says nothing) tells nothing.
  const options = informativeOptions(q);
  if (options.length === 0) return 0;
  for (const o of options) {
    const joint = causes.map((c, i) => p[i] * Math.exp(answerLogLikelihood(q, o.id, c.id)));
    const po = joint.reduce((a, b) => a + b, 0);
    if (po <= 0) continue;
    expected += po * entropy(joint.map((j) => j / po));
  }
  return entropy(p) - expected;
}

/**
 * Expected top-1 gain: how much the answer is expected to raise the probability of the cause ranked
 * first, E_answer[max_c P(c | answer)] - max_c P(c). It is 0 exactly when no answer can change which
 * cause leads, and large when some likely answer would put a runner-up ahead: the value of asking for
 * the decision the user acts on (which cause to check first), not for the ranking's tail.
 */
export function expectedTopGain(q: Question, causes: { id: string; p: number }[]): number {
  const total = causes.reduce((a, c) => a + c.p, 0);
  if (total <= 0) return 0;
  const p = causes.map((c) => c.p / total);
  let expected = 0;
  for (const o of informativeOptions(q)) {
    let best = 0;
    causes.forEach((c, i) => {
      best = Math.max(best, p[i] * Math.exp(answerLogLikelihood(q, o.id, c.id)));
    });
    expected += best;
  }
  return Math.max(0, expected - Math.max(...p));
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
  const { ranking, posterior } = scoreCase(c, kb);
  if (c.evidence.length === 0 || ranking.unknown) return { kind: 'done', reason: 'no-evidence', offers: offers(c, ranking, kb) };
  // Decisions use the model's own probabilities; the calibrated scores are only what the bot says.
  const [first, second] = posterior;
  const leads = !!first && first.score >= STOP_RULES.leaderScore && first.score >= STOP_RULES.leaderRatio * (second?.score ?? 0);
  const answered = new Set(c.evidence.flatMap((e) => (e.kind === 'answer' ? [e.question] : [])));
  const asked = c.evidence.filter((e) => e.kind === 'answer' && !e.implied).length;
  if (asked >= STOP_RULES.maxQuestions) return { kind: 'done', reason: leads ? 'leader' : 'exhausted', offers: offers(c, ranking, kb) };
  const liveFamilies = new Set(ranking.families.filter((f) => f.score >= STOP_RULES.familyMin).map((f) => f.id));
  const candidates = posterior.slice(0, STOP_RULES.maxCauses).map((rc) => ({ id: rc.id, p: rc.score }));
  const open = kb.kb.questions.filter((q) => !answered.has(q.id) && (!q.families || q.families.some((f) => liveFamilies.has(f))));
  if (leads) {
    // A clear leader ends the dialog unless some question could still put a runner-up first.
    let best: { question: Question; value: number } | undefined;
    for (const q of open) {
      const value = expectedTopGain(q, candidates);
      if (!best || value > best.value) best = { question: q, value };
    }
    if (!best || best.value < STOP_RULES.minLeaderChange) return { kind: 'done', reason: 'leader', offers: offers(c, ranking, kb) };
    return { kind: 'question', question: best.question, gain: expectedGain(best.question, candidates) };
  }
  let best: { question: Question; gain: number } | undefined;
  for (const q of open) {
    const gain = expectedGain(q, candidates);
    if (!best || gain > best.gain) best = { question: q, gain };
  }
  if (!best || best.gain < STOP_RULES.minGainBits) return { kind: 'done', reason: 'exhausted', offers: offers(c, ranking, kb) };
  return { kind: 'question', question: best.question, gain: best.gain };
}
