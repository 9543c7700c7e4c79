/**
 * Splits each cause's log-odds into what each piece of evidence added, using the same helpers the
 * ranking uses (rank.ts, classify). Every weight is measured against a cause the evidence says
 * nothing about, so a positive weight argues for the cause and a negative one against it.
 * The terms here plus the cause's prior equal the ranking's logit up to one constant shared by all
 * causes (checked in the tests), so the summary cannot claim what the ranking did not use.
 */
import type { Knowledge } from '../../kb/compiled';
import type { Cause } from '../../kb/types';
import { CALIBRATION } from '../../classify/calibration';
import { matchContext } from '../../classify';
import { matches, MatchContext } from '../../classify/match';
import { answerWeight, caseSignals, mergedPaste, scoreCase } from '../rank';
import type { Case, PasteEvidence } from '../types';
import type { Contribution } from './types';
import { signalsOfEvidence } from '../artifact-evidence';
import { findingSignals } from '../../classify/sqlcheck/signals';

export interface CaseContributions {
  scores: ReturnType<typeof scoreCase>;
  /** Contributions per cause id, largest magnitude first. */
  byCause: Map<string, Contribution[]>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

interface PasteContext {
  merged: MatchContext;
  each: { id: string; ctx: MatchContext }[];
}

function pasteContext(c: Case, kb: Knowledge): PasteContext | undefined {
  const pastes = c.evidence.filter((e): e is PasteEvidence => e.kind === 'paste');
  const merged = mergedPaste(pastes);
  if (!merged) return undefined;
  return {
    merged: matchContext(merged, kb),
    each: pastes.map((p) => ({ id: p.id, ctx: matchContext(mergedPaste([p])!, kb) })),
  };
}

/** Which evidence items hold each signal (a finding may appear in two SQLCHECK reports). */
function signalSources(c: Case): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (signal: string, id: string) => out.set(signal, [...(out.get(signal) ?? []), id]);
  for (const ev of c.evidence) {
    if (ev.kind === 'sqlcheck') for (const s of findingSignals(ev.findings)) add(s, ev.id);
    if (ev.kind === 'probe' || ev.kind === 'trace') for (const s of new Set(ev.signals)) add(s, ev.id);
    if (ev.kind === 'artifact') for (const s of signalsOfEvidence(c, ev)) add(s, ev.id);
  }
  return out;
}

function familyTerm(cause: Cause, scores: CaseContributions['scores']): number {
  const { classification } = scores;
  const pf = classification ? classification.families.find((f) => f.id === cause.family)?.score ?? 0 : cause.family === 'not-connectivity' ? 0 : 1;
  return Math.log(Math.max(pf, CALIBRATION.familyFloor));
}

export function caseContributions(c: Case, kb: Knowledge): CaseContributions {
  const scores = scoreCase(c, kb);
  const paste = pasteContext(c, kb);
  const pasteIds = paste?.each.map((p) => p.id) ?? [];
  const sources = signalSources(c);
  const signals = caseSignals(c);
  const answers = c.evidence.flatMap((e) => (e.kind === 'answer' ? [e] : []));
  const famTerms = new Map(kb.kb.causes.map((cause) => [cause.id, familyTerm(cause, scores)]));
  const bestFamily = Math.max(...famTerms.values());

  const byCause = new Map<string, Contribution[]>();
  for (const cause of kb.kb.causes) {
    const out: Contribution[] = [];
    const fam = famTerms.get(cause.id)! - bestFamily;
    if (fam !== 0) {
      const title = kb.family.get(cause.family)?.title ?? cause.family;
      const p = scores.classification?.families.find((f) => f.id === cause.family)?.score;
      out.push({
        kind: 'family',
        evidence: pasteIds,
        weight: fam,
        why: paste
          ? `the error text reads as another symptom than "${title}" (${p === undefined ? 'not scored' : p > 0 && p < 0.001 ? '<0.1%' : `${Math.round(p * 1000) / 10}%`})`
          : `no error text was pasted, so "${title}" is not assumed`,
      });
    }
    if (paste) {
      for (const w of cause.evidence) {
        if (!matches(w.match, paste.merged)) continue;
        const ids = paste.each.filter((p) => matches(w.match, p.ctx)).map((p) => p.id);
        out.push({ kind: 'paste', evidence: ids.length > 0 ? ids : pasteIds, weight: w.weight, why: w.why ?? 'matched the pasted error text' });
      }
    }
    for (const s of signals) {
      const signal = kb.signal.get(s);
      const weight = signal?.effects.find((e) => e.cause === cause.id)?.weight ?? 0;
      if (weight !== 0) out.push({ kind: 'signal', evidence: sources.get(s) ?? [], weight, why: `${s}: ${signal!.description}` });
    }
    for (const a of answers) {
      const q = kb.question.get(a.question);
      if (!q) continue;
      const weight = answerWeight(q, a.option, cause.id);
      if (Math.abs(weight) < 1e-9) continue;
      const label = q.options.find((o) => o.id === a.option)?.label ?? a.option;
      const why = a.implied ? `the paste answers "${q.text}" with "${label}"` : `answered "${label}" to "${q.text}"`;
      out.push({ kind: 'answer', evidence: [a.id], weight, why });
    }
    out.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
    byCause.set(cause.id, out);
  }
  return { scores, byCause };
}

/** Rounded for display and JSON; the unrounded values stay inside this module's callers. */
export function rounded(cs: Contribution[]): Contribution[] {
  return cs.map((x) => ({ ...x, weight: round2(x.weight) }));
}
