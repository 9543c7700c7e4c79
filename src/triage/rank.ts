/**
 * Ranking a case: a pure function of its evidence and the compiled knowledge base.
 * Each cause's log-odds = log P(family | pasted text) + log prior within the family
 *   + matched paste evidence + effects of SQLCHECK findings and probe signals
 *   + log P(answer | cause) for every answered question.
 */
import { createHash } from 'crypto';
import type { Knowledge } from '../kb/compiled';
import { UNSURE_OPTION, type FamilyId, type Question } from '../kb/types';
import type { Facts, ParsedPaste } from '../parse/types';
import { CALIBRATION, confidenceTemperature } from '../classify/calibration';
import { Classification, classifyParsed, priorLogit } from '../classify';
import type { Case, PasteEvidence, RankedCause, Ranking } from './types';
import { artifactCaseSignals } from './artifact-evidence';
import { findingSignals } from '../classify/sqlcheck/signals';

export function foldText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];

/** All pastes of a case read as one: facts merged, texts joined. */
export function mergedPaste(pastes: PasteEvidence[]): ParsedPaste | undefined {
  if (pastes.length === 0) return undefined;
  const all = pastes.map((p) => p.facts);
  const first = <K extends keyof Facts>(k: K): Facts[K] | undefined => all.find((f) => f[k] !== undefined && f[k] !== null)?.[k];
  const facts: Facts = {
    errors: all.flatMap((f) => f.errors),
    sqlErrors: uniq(all.flatMap((f) => f.sqlErrors)),
    states: uniq(all.flatMap((f) => f.states)),
    sniErrors: uniq(all.flatMap((f) => f.sniErrors)),
    win32Errors: uniq(all.flatMap((f) => f.win32Errors)),
    hresults: uniq(all.flatMap((f) => f.hresults)),
    providers: uniq(all.flatMap((f) => f.providers)),
    phase: [...all].reverse().find((f) => f.phase)?.phase ?? null,
    driver: first('driver') ?? null,
    codes: uniq(all.flatMap((f) => f.codes)),
    exceptions: uniq(all.flatMap((f) => f.exceptions)),
  };
  for (const k of ['server', 'instance', 'port', 'user', 'userKind', 'database', 'language'] as const) {
    const v = first(k);
    if (v !== undefined) (facts as unknown as Record<string, unknown>)[k] = v;
  }
  // Whether the port was written into the server name belongs to the paste the port came from.
  if (all.find((f) => f.port !== undefined)?.portInServerName) facts.portInServerName = true;
  const text = pastes.map((p) => p.text).join('\n\n');
  return { text, normalized: foldText(text), facts, redactions: pastes.reduce((a, p) => a + p.redactions, 0), truncated: pastes.some((p) => p.truncated) };
}

/**
 * log P(option | cause): the answer's effect weights read as a softmax over the question's options.
 * `unsure` and options with no effects are no observation at all: they are left out of the table and
 * their likelihood is 0 for every cause, so skipping a question moves nothing. Tabulated once per question, since question choice
 * evaluates it for every option and cause.
 */
const answerTables = new WeakMap<Question, { byCause: Map<string, Map<string, number>>; unlisted: number; options: Set<string> }>();

/**
 * The options that are observations: every option but `unsure` and those whose effects say nothing
 * (no effect, or only zero weights, as in "I don't know which servers" or "another driver"). Read into
 * the softmax, an empty option would still lower every cause that some other option raises; leaving
 * it out makes it a skip, as its author meant.
 */
export function informativeOptions(q: Question): Question['options'] {
  return q.options.filter((o) => o.id !== UNSURE_OPTION && o.effects.some((e) => e.weight !== 0));
}

/** Whether answering `optionId` to the question is evidence at all (not a skip, not an option without effects). */
export function isObservation(q: Question | undefined, optionId: string): boolean {
  return !!q && optionId !== UNSURE_OPTION && answerTable(q).options.has(optionId);
}

function answerTable(q: Question) {
  let table = answerTables.get(q);
  if (table) return table;
  const options = informativeOptions(q);
  const causes = new Set(options.flatMap((o) => o.effects.map((e) => e.cause)));
  const byCause = new Map<string, Map<string, number>>();
  for (const cause of causes) {
    const w = options.map((o) => o.effects.find((e) => e.cause === cause)?.weight ?? 0);
    const max = Math.max(...w);
    const lse = max + Math.log(w.reduce((a, x) => a + Math.exp(x - max), 0));
    byCause.set(cause, new Map(options.map((o, i) => [o.id, w[i] - lse])));
  }
  table = { byCause, unlisted: -Math.log(Math.max(options.length, 1)), options: new Set(options.map((o) => o.id)) };
  answerTables.set(q, table);
  return table;
}

export function answerLogLikelihood(q: Question, optionId: string, causeId: string): number {
  const table = answerTable(q);
  if (!table.options.has(optionId)) return 0;
  return table.byCause.get(causeId)?.get(optionId) ?? table.unlisted;
}

/** An answer's log-odds for a cause measured against a cause the question says nothing about (0 for `unsure`). */
export function answerWeight(q: Question, optionId: string, causeId: string): number {
  const table = answerTable(q);
  if (!table.options.has(optionId)) return 0;
  return (table.byCause.get(causeId)?.get(optionId) ?? table.unlisted) - table.unlisted;
}

/** Signal ids a case holds (SQLCHECK findings, probe outcomes, trace findings, what pasted artifacts show). */
export function caseSignals(c: Case): string[] {
  const out: string[] = [];
  for (const ev of c.evidence) {
    if (ev.kind === 'sqlcheck') out.push(...findingSignals(ev.findings));
    if (ev.kind === 'probe' || ev.kind === 'trace') out.push(...ev.signals);
  }
  out.push(...artifactCaseSignals(c));
  return uniq(out);
}

export interface CaseScores {
  /** The scores shown: calibrated (knowledge/calibration.yaml), best first. */
  ranking: Ranking;
  /**
   * The model's own probabilities (temperature 1), in the ranking's order: what question choice and the
   * stop rules reason with, so that calibrating what the bot says never changes what it asks.
   */
  posterior: RankedCause[];
  classification?: Classification;
  /** Unnormalised log-odds per cause (for question choice). */
  logits: Map<string, number>;
}

/**
 * Classifying the case's pastes is the costly part of ranking, and a chat turn ranks the same case
 * several times (after the answer, for the diagnosis, for the next question). The result depends
 * only on the pasted texts, so it is kept by their digest for the most recent cases.
 */
const CLASSIFICATION_CACHE_SIZE = 256;
const classificationCache = new Map<string, { kb: Knowledge; classification: Classification }>();

function classifyPastes(c: Case, kb: Knowledge): Classification | undefined {
  const pastes = c.evidence.filter((e): e is PasteEvidence => e.kind === 'paste');
  if (pastes.length === 0) return undefined;
  const digest = createHash('sha1');
  for (const p of pastes) digest.update(p.text).update('\u0000');
  const key = `${pastes.length}:${digest.digest('hex')}`;
  const hit = classificationCache.get(key);
  if (hit && hit.kb === kb) {
    classificationCache.delete(key);
    classificationCache.set(key, hit); // most recently used last
    return hit.classification;
  }
  const classification = classifyParsed(mergedPaste(pastes)!, kb);
  classificationCache.set(key, { kb, classification });
  if (classificationCache.size > CLASSIFICATION_CACHE_SIZE) classificationCache.delete(classificationCache.keys().next().value as string);
  return classification;
}

/** Cases are immutable values: one turn asks for the same case's scores several times. */
const scoreMemo = new WeakMap<Case, { kb: Knowledge; scores: CaseScores }>();

const priorTables = new WeakMap<Knowledge, Map<string, number>>();
function priors(kb: Knowledge): Map<string, number> {
  let table = priorTables.get(kb);
  if (!table) priorTables.set(kb, (table = new Map(kb.kb.causes.map((c) => [c.id, priorLogit(c, kb)]))));
  return table;
}

const signalTables = new WeakMap<Knowledge, Map<string, Map<string, number>>>();
function signalEffect(kb: Knowledge, signal: string, cause: string): number {
  let table = signalTables.get(kb);
  if (!table) {
    table = new Map(kb.kb.signals.map((s) => [s.id, new Map(s.effects.map((e) => [e.cause, e.weight]))]));
    signalTables.set(kb, table);
  }
  return table.get(signal)?.get(cause) ?? 0;
}

/** Below this log-odds, an artifact's hint ("it listens on the client's port, so maybe a firewall") names no symptom alone. */
const ARTIFACT_NAMES_A_CAUSE = 1.5;

/** Artifacts alone that point at nothing (an ERRORLOG of a clean startup) leave the case as unplaced as no evidence. */
function onlyNeutralArtifacts(c: Case, signals: string[], kb: Knowledge): boolean {
  // Answers the artifacts themselves implied (the ERRORLOG banner's OS and version) add nothing beyond them.
  if (!c.evidence.every((e) => e.kind === 'artifact' || e.kind === 'note' || e.kind === 'tried' || (e.kind === 'answer' && e.implied))) return false;
  return !signals.some((s) => kb.signal.get(s)?.effects.some((e) => e.weight >= ARTIFACT_NAMES_A_CAUSE));
}

export function scoreCase(c: Case, kb: Knowledge): CaseScores {
  const memo = scoreMemo.get(c);
  if (memo && memo.kb === kb) return memo.scores;
  const classification = classifyPastes(c, kb);
  const signals = caseSignals(c);
  // A skipped question (`unsure`, or an option that says nothing) is no evidence: it neither moves causes
  // nor counts as something beyond the paste.
  const answers = c.evidence.flatMap((e) => (e.kind === 'answer' && isObservation(kb.question.get(e.question), e.option) ? [e] : []));
  // Answers taken from the paste are the paste again: they must not turn an unplaceable text into a diagnosis.
  const hasOtherEvidence = signals.length > 0 || answers.some((a) => !a.implied);

  const familyProb = new Map<FamilyId, number>();
  if (classification) for (const f of classification.families) familyProb.set(f.id, f.score);

  const logits = new Map<string, number>();
  for (const cause of kb.kb.causes) {
    // Without a paste, every connectivity cause starts level (family weight by its number of causes); other evidence decides.
    const pf = classification ? familyProb.get(cause.family) ?? 0 : cause.family === 'not-connectivity' ? 0 : (kb.causesOf.get(cause.family)?.length ?? 1) / kb.kb.causes.length;
    let logit = Math.log(Math.max(pf, CALIBRATION.familyFloor)) + priors(kb).get(cause.id)!;
    if (classification) logit += classification.causeLogits.get(cause.id) ?? 0;
    for (const s of signals) logit += signalEffect(kb, s, cause.id);
    for (const a of answers) {
      const q = kb.question.get(a.question);
      if (q) logit += answerLogLikelihood(q, a.option, cause.id);
    }
    logits.set(cause.id, logit);
  }

  const max = Math.max(...logits.values());
  const unknownShare = classification && !hasOtherEvidence ? classification.unknownScore : 0;
  const softmax = (t: number): Map<string, number> => {
    let sum = 0;
    for (const l of logits.values()) sum += Math.exp((l - max) / t);
    return new Map([...logits].map(([id, l]) => [id, (Math.exp((l - max) / t) / sum) * (1 - unknownShare)]));
  };
  const shown = softmax(confidenceTemperature(kb.kb, answers.filter((a) => !a.implied).length));
  const model = softmax(1);
  const causes: RankedCause[] = kb.kb.causes
    .map((cause) => ({ id: cause.id, family: cause.family, title: cause.title, score: shown.get(cause.id)! }))
    .sort((a, b) => b.score - a.score || (logits.get(b.id)! - logits.get(a.id)!));
  const posterior = causes.map((rc) => ({ ...rc, score: model.get(rc.id)! }));

  const famScore = new Map<FamilyId, number>();
  for (const rc of causes) famScore.set(rc.family, (famScore.get(rc.family) ?? 0) + rc.score);
  const families = [...famScore.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score);
  const unknown = c.evidence.length === 0 || (!!classification && classification.unknown && !hasOtherEvidence) || onlyNeutralArtifacts(c, signals, kb);
  const foreign = unknown ? classification?.provenance.foreign : undefined;
  const scores = { ranking: { families, causes, unknown, ...(foreign ? { foreign } : {}) }, posterior, classification, logits };
  scoreMemo.set(c, { kb, scores });
  return scores;
}

/** A copy of a case that differs only in bookkeeping (its ranking history) ranks the same: reuse the scores. */
export function carryScores(from: Case, to: Case): void {
  const memo = scoreMemo.get(from);
  if (memo) scoreMemo.set(to, memo);
}

export function rankCase(c: Case, kb: Knowledge): Ranking {
  return scoreCase(c, kb).ranking;
}
