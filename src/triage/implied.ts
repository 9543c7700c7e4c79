/**
 * Answers the pastes already give: an option's `answeredBy` condition holding on the case's pastes
 * answers its question (the first such option in file order). Implied answers are recorded as
 * answer evidence marked `implied`, so ranking, question choice and the summary treat them like any
 * answer; an explicit answer from the user replaces one, and a later paste can change one.
 */
import type { Knowledge } from '../kb/compiled';
import type { Question } from '../kb/types';
import { matchContext } from '../classify';
import { matches, type MatchContext } from '../classify/match';
import { appendEvidence, type EvidenceOptions } from './case';
import { caseSignals, mergedPaste } from './rank';
import { emptyFacts } from '../parse';
import type { AnswerEvidence, Case, PasteEvidence } from './types';

export interface ImpliedAnswer {
  question: string;
  option: string;
}

/** What the paste answered, in words: for "From your paste: ..." in every rendering. */
export interface TakenFromPaste {
  question: string;
  text: string;
  option: string;
  label: string;
}

export function impliedByContext(ctx: MatchContext, questions: Question[]): ImpliedAnswer[] {
  const out: ImpliedAnswer[] = [];
  for (const q of questions) {
    const option = q.options.find((o) => o.answeredBy && matches(o.answeredBy, ctx));
    if (option) out.push({ question: q.id, option: option.id });
  }
  return out;
}

/** The case with its implied answers brought in line with its pastes; explicit answers stand. */
export function refreshImplied(c: Case, kb: Knowledge, opts: EvidenceOptions = {}): Case {
  const pastes = c.evidence.filter((e): e is PasteEvidence => e.kind === 'paste');
  const merged = mergedPaste(pastes);
  // What pasted artifacts show (an ERRORLOG's 18456 reason, its listening port) answers questions too.
  const signals = new Set(caseSignals(c));
  const ctx = merged ? matchContext(merged, kb) : signals.size ? { facts: emptyFacts(), phrases: new Set<string>() } : undefined;
  const wanted = ctx ? impliedByContext({ ...ctx, signals }, kb.kb.questions) : [];
  const explicit = new Set(c.evidence.flatMap((e) => (e.kind === 'answer' && !e.implied ? [e.question] : [])));
  const keep = (e: AnswerEvidence) => wanted.some((w) => w.question === e.question && w.option === e.option) && !explicit.has(e.question);
  let next: Case = { ...c, evidence: c.evidence.filter((e) => e.kind !== 'answer' || !e.implied || keep(e)) };
  const present = new Set(next.evidence.flatMap((e) => (e.kind === 'answer' ? [e.question] : [])));
  for (const w of wanted) {
    if (present.has(w.question)) continue;
    next = appendEvidence(next, { kind: 'answer', question: w.question, option: w.option, implied: true }, opts).case;
  }
  return next;
}

export function takenFromPaste(c: Case, kb: Knowledge): TakenFromPaste[] {
  return c.evidence.flatMap((e) => {
    if (e.kind !== 'answer' || !e.implied) return [];
    const q = kb.question.get(e.question);
    const o = q?.options.find((x) => x.id === e.option);
    return q && o ? [{ question: q.id, text: q.text, option: o.id, label: o.label }] : [];
  });
}
