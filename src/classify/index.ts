/**
 * Classification: a pure function of a parsed paste and the compiled knowledge base.
 * Family logit = sum of matched signature weights + weighted, tempered text-model log posterior;
 * a softmax over the families and an "unknown" bucket makes scores comparable across inputs.
 */
import type { Knowledge } from '../kb/compiled';
import type { Cause, FamilyId } from '../kb/types';
import type { ParsedPaste } from '../parse/types';
import { CALIBRATION, confidenceTemperature } from './calibration';
import { matches, MatchContext } from './match';
import { provenance, Provenance } from './foreign';

export interface FamilyScore {
  id: FamilyId;
  score: number;
}

export interface CauseScore {
  id: string;
  family: FamilyId;
  title: string;
  score: number;
  /** Evidence lines of the cause that matched the paste (their `why`, or a description). */
  matched: string[];
}

export interface Classification {
  unknown: boolean;
  /** Probability that none of the families fits. */
  unknownScore: number;
  families: FamilyScore[];
  causes: CauseScore[];
  /** Log-odds contributions per cause from the paste, for the triage engine to combine with other evidence. */
  causeLogits: Map<string, number>;
  /** The facts and phrases the scores were computed from. */
  context: MatchContext;
  /** Whether the text reads as SQL Server's, another product's (then `unknown` is true), or neither. */
  provenance: Provenance;
}

/** Text the text model sees: stack frames carry no signal and a 1 MB log must stay cheap. */
const TEXT_MODEL_CHARS = 8192;
const STACK_FRAME = /^\s*at\s/;

function textForModel(text: string): string {
  const lines: string[] = [];
  let size = 0;
  for (const line of text.split('\n', 2000)) {
    if (STACK_FRAME.test(line)) continue;
    lines.push(line);
    size += line.length + 1;
    if (size >= TEXT_MODEL_CHARS) break;
  }
  return lines.join('\n').slice(0, TEXT_MODEL_CHARS);
}

export function matchContext(parsed: ParsedPaste, kb: Knowledge): MatchContext {
  return { facts: parsed.facts, phrases: kb.phrases.find(parsed.normalized) };
}

function softmax(logits: number[]): number[] {
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

export function familyLogits(parsed: ParsedPaste, kb: Knowledge, ctx: MatchContext): Map<FamilyId, number> {
  const { logPost, known } = kb.text.score(textForModel(parsed.text));
  const maxPost = Math.max(...logPost);
  const logits = new Map<FamilyId, number>();
  for (const family of kb.kb.families) {
    let logit = 0;
    for (const sig of family.signatures) if (matches(sig.match, ctx)) logit += sig.weight;
    const i = kb.text.labels.indexOf(family.id);
    if (i >= 0 && known > 0) logit += (CALIBRATION.textWeight * (logPost[i] - maxPost)) / CALIBRATION.textTemperature;
    logits.set(family.id, logit);
  }
  return logits;
}

/** Log-odds of each cause from the paste alone: its prior within the family plus matched evidence. */
export function causeEvidence(cause: Cause, ctx: MatchContext): { logit: number; matched: string[] } {
  let logit = 0;
  const matched: string[] = [];
  for (const ev of cause.evidence) {
    if (!matches(ev.match, ctx)) continue;
    logit += ev.weight;
    if (ev.why) matched.push(ev.why);
  }
  return { logit, matched };
}

export function priorLogit(cause: Cause, kb: Knowledge): number {
  const siblings = kb.causesOf.get(cause.family) ?? [cause];
  const total = siblings.reduce((a, c) => a + c.prior, 0);
  return Math.log(cause.prior / total);
}

/**
 * Text with no SQL Server sign may come from anything (a bare "Connection refused" is every
 * product's): the family that fits best is still named, but never at more than `unsignedCap`;
 * the rest goes to "none of the families".
 */
function capUnsigned(probs: number[]): number[] {
  const top = Math.max(...probs.slice(0, -1));
  if (top <= CALIBRATION.unsignedCap) return probs;
  const k = CALIBRATION.unsignedCap / top;
  const families = probs.slice(0, -1).map((p) => p * k);
  return [...families, 1 - families.reduce((a, p) => a + p, 0)];
}

export function classifyParsed(parsed: ParsedPaste, kb: Knowledge): Classification {
  const ctx = matchContext(parsed, kb);
  const logits = familyLogits(parsed, kb, ctx);
  const ids = [...logits.keys()];
  const from = provenance(parsed, kb.kb.foreign);
  const familyMax = Math.max(...logits.values());
  const signed = from.sqlServerSigns.length > 0;
  const noneLogit = from.foreign ? Math.max(CALIBRATION.unknownLogit, familyMax + CALIBRATION.foreignMargin) : CALIBRATION.unknownLogit;
  const fitted = softmax([...ids.map((id) => logits.get(id)!), noneLogit]);
  // Whether to name a family at all: "none of the families" wins when it outweighs the best family.
  // Text with a SQL Server sign is SQL Server's, so there it must clear a lower bar; the scores
  // themselves keep the one prior (answering more does not make the bot more sure).
  const unknown = from.foreign !== undefined || familyMax <= (signed ? CALIBRATION.unknownLogitWithSign : CALIBRATION.unknownLogit);
  const probs = from.foreign || signed ? fitted : capUnsigned(fitted);
  const unknownScore = probs[probs.length - 1];
  const families = ids.map((id, i) => ({ id, score: probs[i] })).sort((a, b) => b.score - a.score);

  const causeLogits = new Map<string, number>();
  const raw: { cause: Cause; logit: number; matched: string[] }[] = [];
  for (const cause of kb.kb.causes) {
    const ev = causeEvidence(cause, ctx);
    causeLogits.set(cause.id, ev.logit);
    const pf = Math.max(probs[ids.indexOf(cause.family)], CALIBRATION.familyFloor);
    raw.push({ cause, logit: Math.log(pf) + priorLogit(cause, kb) + ev.logit, matched: ev.matched });
  }
  // As the triage engine shows a case with no answers yet.
  const t = confidenceTemperature(kb.kb, 0);
  const causeProbs = softmax(raw.map((r) => r.logit / t));
  const causes = raw
    .map((r, i) => ({ id: r.cause.id, family: r.cause.family, title: r.cause.title, score: causeProbs[i] * (1 - unknownScore), matched: r.matched }))
    .sort((a, b) => b.score - a.score);
  return { unknown, unknownScore, families, causes, causeLogits, context: ctx, provenance: from };
}
