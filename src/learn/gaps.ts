/**
 * Gaps for the knowledge authors, from the cases this deployment kept: what the knowledge base could
 * not place, what people fixed with something it does not know, causes it ranked low that turned out
 * right, and answers whose effects pointed away from the cause confirmed. Ranked with the knowledge
 * base's own priors (never the local ones), so a gap is the knowledge's, not this team's history's.
 */
import type { Knowledge } from '../kb/compiled';
import { UNSURE_OPTION } from '../kb/types';
import { redactInput } from '../parse/redact';
import { answerWeight, rankCase } from '../triage/rank';
import type { Case } from '../triage/types';
import { closedAt, leadingCause } from './closed-cases';

/** A confirmed cause ranked below this place (1-based) counts as "ranked low". */
export const LOW_RANK = 3;
/** An answer that divided the confirmed cause's odds by e^1 or more went against it. */
export const AGAINST_WEIGHT = -1;
/** How much of a paste or note a gap shows. */
const EXCERPT_CHARS = 400;

export interface Gaps {
  cases: number;
  unplaced: { case: string; at: string; excerpt: string }[];
  somethingElse: { case: string; at: string; note?: string; leading?: string; errors: number[] }[];
  /** Per confirmed cause: the cases where it was ranked low, its place and score there, and what led instead. */
  rankedLow: { cause: string; count: number; cases: { case: string; at: string; rank: number; score: number; leader: string }[] }[];
  answersAgainst: { question: string; option: string; cause: string; weight: number; count: number; cases: string[] }[];
}

function excerpt(text: string): string {
  const clean = redactInput(text).text.replace(/\s+/g, ' ').trim();
  return clean.length > EXCERPT_CHARS ? `${clean.slice(0, EXCERPT_CHARS)}…` : clean;
}

export function knowledgeGaps(cases: Case[], kb: Knowledge): Gaps {
  const gaps: Gaps = { cases: cases.length, unplaced: [], somethingElse: [], rankedLow: [], answersAgainst: [] };
  const against = new Map<string, Gaps['answersAgainst'][number]>();
  const low = new Map<string, Gaps['rankedLow'][number]>();
  for (const c of cases) {
    const pastes = c.evidence.filter((e) => e.kind === 'paste');
    if (pastes.length === 0) continue;
    const ranking = rankCase(c, kb);
    if (ranking.unknown && !ranking.foreign) {
      gaps.unplaced.push({ case: c.id, at: c.createdAt, excerpt: excerpt(pastes.map((p) => (p.kind === 'paste' ? p.text : '')).join('\n')) });
    }
    if (c.status !== 'resolved') continue;
    if (!c.confirmedCause) {
      const errors = [...new Set(pastes.flatMap((p) => (p.kind === 'paste' ? [...p.facts.sqlErrors, ...p.facts.win32Errors].filter((n) => n !== 0) : [])))];
      const lead = leadingCause(c);
      gaps.somethingElse.push({ case: c.id, at: closedAt(c), ...(c.resolution?.note ? { note: excerpt(c.resolution.note) } : {}), ...(lead ? { leading: lead } : {}), errors });
      continue;
    }
    const cause = c.confirmedCause;
    const rank = ranking.causes.findIndex((r) => r.id === cause) + 1;
    if (rank === 0 || rank > LOW_RANK) {
      const row = low.get(cause) ?? { cause, count: 0, cases: [] };
      row.count += 1;
      row.cases.push({ case: c.id, at: closedAt(c), rank, score: ranking.causes[rank - 1]?.score ?? 0, leader: ranking.causes[0]?.id ?? '' });
      low.set(cause, row);
    }
    for (const e of c.evidence) {
      if (e.kind !== 'answer' || e.implied || e.option === UNSURE_OPTION) continue;
      const q = kb.question.get(e.question);
      if (!q) continue;
      const weight = answerWeight(q, e.option, cause);
      if (weight > AGAINST_WEIGHT) continue;
      const key = `${e.question}\u0000${e.option}\u0000${cause}`;
      const row = against.get(key) ?? { question: e.question, option: e.option, cause, weight, count: 0, cases: [] };
      row.count += 1;
      row.cases.push(c.id);
      against.set(key, row);
    }
  }
  gaps.answersAgainst = [...against.values()].sort((a, b) => b.count - a.count || a.weight - b.weight);
  gaps.rankedLow = [...low.values()].sort((a, b) => b.count - a.count || (a.cause < b.cause ? -1 : 1));
  return gaps;
}
