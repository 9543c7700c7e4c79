/**
 * One-shot classification of a text, as `sqltriage classify` and the evaluation report it:
 * the CLI's JSON contract `{kind, facts, symptoms, causes, redactions}`.
 */
import type { Knowledge } from '../kb/compiled';
import { fixOf } from '../kb/fix';
import type { Fix } from '../kb/types';
import { emptyFacts } from '../parse';
import type { Facts } from '../parse/types';
import { openCase } from './case';
import { addPaste } from './evidence';
import { checkInputText } from './input';
import { scoreCase } from './rank';
import { roundScore } from './percent';
import type { PasteEvidence, SqlcheckEvidence } from './types';
import { signalsOfEvidence } from './artifact-evidence';

export interface ClassifyResult {
  /** 'foreign': the text comes from another product (see `foreign`), not from SQL Server; 'artifact': the text held artifacts (ERRORLOG, netstat ...) and no error text. */
  kind: 'error' | 'sqlcheck' | 'unknown' | 'foreign' | 'artifact';
  facts: Facts | Record<string, unknown>;
  symptoms: { id: string; score: number }[];
  /** Risky fixes carry `weakens`, `risk` and `temporary`. */
  causes: { id: string; title: string; family: string; score: number; fixes: Fix[]; source: { title: string; url: string; section?: string } }[];
  redactions: number;
  /** The product named when kind is foreign, and the phrases or ports that name it. */
  foreign?: { product: string; name: string; signs: string[] };
  /** Each artifact the text held: what it is, what was read from it, and the signals it gave. */
  artifacts?: { kind: string; title: string; facts: { label: string; value: string }[]; signals: string[] }[];
  /** SQLCHECK findings when kind is sqlcheck. */
  findings?: SqlcheckEvidence['findings'];
}

const fixesOf = (kb: Knowledge, causeId: string): Fix[] => kb.cause.get(causeId)!.fixes.map(fixOf);

function sourceOf(kb: Knowledge, causeId: string): ClassifyResult['causes'][number]['source'] {
  const cause = kb.cause.get(causeId)!;
  const src = kb.source.get(cause.source.source)!;
  return { title: src.title, url: src.url, ...(cause.source.section ? { section: cause.source.section } : {}) };
}

/**
 * One computation for every reading of a text: the engine's ranking of a new case whose only
 * evidence is this text, answers it implies included (the driver a stack trace names ...). The chat,
 * the session and `classify`'s text show the same case, so --json agrees with them figure for figure.
 */
export function classifyText(text: string, kb: Knowledge, opts: { topCauses?: number } = {}): ClassifyResult {
  const top = opts.topCauses ?? 5;
  const problem = checkInputText(text);
  if (problem) throw new Error(problem.message);
  const outcome = addPaste(openCase({ id: 'oneshot', now: new Date(0) }), text, kb);
  if (outcome.message) throw new Error(outcome.message);
  const { ranking, classification } = scoreCase(outcome.case, kb);
  const common = {
    symptoms: ranking.families.map((f) => ({ id: f.id, score: roundScore(f.score) })),
    causes: ranking.causes.slice(0, top).map((c) => ({ id: c.id, title: c.title, family: c.family, score: roundScore(c.score), fixes: fixesOf(kb, c.id), source: sourceOf(kb, c.id) })),
  };
  const evidence = outcome.case.evidence;
  const sqlcheck = evidence.find((e): e is SqlcheckEvidence => e.kind === 'sqlcheck');
  if (sqlcheck) {
    return { kind: 'sqlcheck', facts: { computer: sqlcheck.computer, role: sqlcheck.role, version: sqlcheck.version }, ...common, redactions: sqlcheck.redactions, findings: sqlcheck.findings };
  }
  const paste = evidence.find((e): e is PasteEvidence => e.kind === 'paste');
  const artifacts = evidence.flatMap((e) => (e.kind === 'artifact' ? [{ kind: e.artifact.kind, title: e.artifact.title, facts: e.artifact.facts, signals: signalsOfEvidence(outcome.case, e) }] : []));
  const redactions = evidence.reduce((n, e) => n + (e.kind === 'artifact' || e.kind === 'paste' ? e.redactions : 0), 0);
  if (artifacts.length > 0) {
    return { kind: ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : paste ? 'error' : 'artifact', facts: paste?.facts ?? emptyFacts(), ...common, redactions, artifacts };
  }
  // Another product's text names it whether or not a SQL Server family still scores.
  const foreign = classification?.provenance.foreign;
  return {
    kind: foreign ? 'foreign' : ranking.unknown ? 'unknown' : 'error',
    ...(foreign ? { foreign: { product: foreign.id, name: foreign.name, signs: foreign.signs } } : {}),
    facts: paste?.facts ?? emptyFacts(),
    ...common,
    redactions,
  };
}
