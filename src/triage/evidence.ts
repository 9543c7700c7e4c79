/** Adding evidence to a case. Each function returns a new case with the ranking history updated. */
import type { Knowledge } from '../kb/compiled';
import { parsePaste, redactInput } from '../parse';
import { appendEvidence, EvidenceOptions } from './case';
import { checkInputText } from './input';
import { carryScores, rankCase } from './rank';
import { readSqlcheck } from './sqlcheck-evidence';
import { refreshImplied } from './implied';
import { splitPaste, summaryOf, type ArtifactSummary, type SplitPaste } from './artifact-evidence';
import type { Case } from './types';
import type { Facts } from '../parse/types';

export interface PasteOutcome {
  case: Case;
  /** 'foreign': the paste comes from another product (MySQL, PostgreSQL, an HTTP service...), not SQL Server. */
  kind: 'error' | 'sqlcheck' | 'unknown' | 'foreign';
  /** Absent when the input was not added. */
  evidenceId?: string;
  /** Set when the input was not added (empty, binary, too large): a message for the user; the case is unchanged. */
  message?: string;
  /** The artifacts the paste held (ERRORLOG, netstat ...), each with what was read from it. */
  artifacts?: ArtifactSummary[];
}

const HISTORY_TOP = 8;

function withHistory(c: Case, evidenceId: string, kb: Knowledge): Case {
  const ranking = rankCase(c, kb);
  const top = ranking.causes.slice(0, HISTORY_TOP).map((r) => ({ id: r.id, score: Math.round(r.score * 1e4) / 1e4 }));
  const next = { ...c, history: [...c.history, { at: c.updatedAt, evidenceId, top }] };
  carryScores(c, next);
  return next;
}

export interface PasteOptions extends EvidenceOptions {
  /** Secrets already taken out of `text` where it entered (the bot redacts before dialog state); counted in. */
  redactedBefore?: number;
  /** `splitPaste(text)` when the caller already has it (classify reads the artifacts to choose its path). */
  split?: SplitPaste;
}

export function addPaste(c: Case, text: string, kb: Knowledge, opts: PasteOptions = {}): PasteOutcome {
  const problem = checkInputText(text);
  if (problem) return { case: c, kind: 'unknown', message: problem.message };
  const before = opts.redactedBefore ?? 0;

  const sqlcheck = readSqlcheck(text, c);
  if (sqlcheck) {
    const added = appendEvidence(c, { ...sqlcheck, redactions: sqlcheck.redactions + before }, opts);
    return { case: withHistory(added.case, added.evidenceId, kb), kind: 'sqlcheck', evidenceId: added.evidenceId };
  }

  const split = opts.split ?? splitPaste(text);
  if (split.artifacts.length > 0) return addArtifacts(c, split, kb, opts);

  const parsed = parsePaste(split.rest ?? text);
  const added = appendEvidence(c, { kind: 'paste', text: parsed.text, facts: parsed.facts, redactions: parsed.redactions + before, truncated: parsed.truncated }, opts);
  const next = withHistory(refreshImplied(added.case, kb, opts), added.evidenceId, kb);
  const ranking = rankCase(next, kb);
  return { case: next, kind: ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : 'error', evidenceId: added.evidenceId };
}

/** A paste holding artifacts: one evidence per artifact, and the error text around them (if any) as a paste. */
function hasFailureFacts(f: Facts): boolean {
  return f.sqlErrors.length + f.sniErrors.length + f.win32Errors.length + f.hresults.length + f.codes.length + f.exceptions.length > 0 || f.phase !== null || f.driver !== null;
}

function addArtifacts(c: Case, split: SplitPaste, kb: Knowledge, opts: PasteOptions): PasteOutcome {
  const parsed = split.rest !== undefined ? parsePaste(split.rest) : undefined;
  // What is left beside the artifacts counts as error text only when it reads like one: startup lines of an
  // ERRORLOG or a tool's chatter would otherwise steer the text classifier.
  const rest = parsed && (hasFailureFacts(parsed.facts) || kb.phrases.find(parsed.normalized).size > 0) ? parsed : undefined;
  // Secrets removed are counted once: on the paste when there is one (the chat reports that evidence), else on the first artifact.
  let redactions = split.redactions + (opts.redactedBefore ?? 0);
  let next = c;
  let evidenceId = '';
  for (const artifact of split.artifacts) {
    const added = appendEvidence(next, { kind: 'artifact', artifact, redactions: rest ? 0 : redactions }, opts);
    if (!rest) redactions = 0;
    next = added.case;
    evidenceId = added.evidenceId;
  }
  if (rest) {
    const added = appendEvidence(next, { kind: 'paste', text: rest.text, facts: rest.facts, redactions: rest.redactions + redactions, truncated: rest.truncated || split.truncated }, opts);
    next = added.case;
    evidenceId = added.evidenceId;
  }
  next = withHistory(refreshImplied(next, kb, opts), evidenceId, kb);
  const ranking = rankCase(next, kb);
  const evidence = next.evidence.find((e) => e.id === evidenceId);
  return { case: next, kind: ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : 'error', evidenceId: evidence ? evidenceId : next.evidence[next.evidence.length - 1].id, artifacts: split.artifacts.map(summaryOf) };
}

export function addAnswer(c: Case, questionId: string, optionId: string, kb: Knowledge, opts: EvidenceOptions = {}): Case {
  const q = kb.question.get(questionId);
  if (!q) throw new Error(`unknown question '${questionId}'`);
  if (!q.options.some((o) => o.id === optionId)) throw new Error(`question '${questionId}' has no answer '${optionId}'`);
  // A changed answer replaces the earlier one (or the one implied by the paste) rather than counting twice.
  const kept = { ...c, evidence: c.evidence.filter((e) => !(e.kind === 'answer' && e.question === questionId)) };
  const added = appendEvidence(kept, { kind: 'answer', question: questionId, option: optionId }, opts);
  return withHistory(added.case, added.evidenceId, kb);
}

export function addProbe(c: Case, server: string, result: Record<string, unknown>, signals: string[], kb: Knowledge, opts: EvidenceOptions = {}): Case {
  const added = appendEvidence(c, { kind: 'probe', server, result, signals }, opts);
  return withHistory(added.case, added.evidenceId, kb);
}

/** A network trace's findings (src/trace), already turned into signal ids by the caller. */
export function addTrace(
  c: Case,
  trace: { files: string[]; signals: string[]; findings: { id: string; summary: string }[]; summary: Record<string, unknown> },
  kb: Knowledge,
  opts: EvidenceOptions = {},
): Case {
  const files = trace.files.map((f) => redactInput(f).text.slice(0, 200));
  const added = appendEvidence(c, { kind: 'trace', ...trace, files }, opts);
  return withHistory(added.case, added.evidenceId, kb);
}

export function addNote(c: Case, kind: 'note' | 'tried', text: string, opts: EvidenceOptions = {}): Case {
  return appendEvidence(c, { kind, text: redactInput(text).text.slice(0, 4000) }, opts).case;
}
