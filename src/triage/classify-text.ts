/**
 * One-shot classification of a text, as `sqltriage classify` and the evaluation report it:
 * the CLI's JSON contract `{kind, facts, symptoms, causes, redactions}`.
 */
import type { Knowledge } from '../kb/compiled';
import { fixOf } from '../kb/fix';
import type { Fix } from '../kb/types';
import { classifyParsed } from '../classify';
import { emptyFacts, parsePaste } from '../parse';
import type { Facts } from '../parse/types';
import { openCase } from './case';
import { addPaste } from './evidence';
import { checkInputText } from './input';
import { looksLikeSqlcheck } from '../parse/sqlcheck';
import { rankCase } from './rank';
import type { PasteEvidence, SqlcheckEvidence } from './types';
import { signalsOfEvidence, splitPaste } from './artifact-evidence';

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

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

const fixesOf = (kb: Knowledge, causeId: string): Fix[] => kb.cause.get(causeId)!.fixes.map(fixOf);

function sourceOf(kb: Knowledge, causeId: string): ClassifyResult['causes'][number]['source'] {
  const cause = kb.cause.get(causeId)!;
  const src = kb.source.get(cause.source.source)!;
  return { title: src.title, url: src.url, ...(cause.source.section ? { section: cause.source.section } : {}) };
}

export function classifyText(text: string, kb: Knowledge, opts: { topCauses?: number } = {}): ClassifyResult {
  const top = opts.topCauses ?? 5;
  const problem = checkInputText(text);
  if (problem) throw new Error(problem.message);
  if (looksLikeSqlcheck(text)) {
    const outcome = addPaste(openCase({ id: 'oneshot', now: new Date(0) }), text, kb);
    const ev = outcome.case.evidence[0] as SqlcheckEvidence;
    const ranking = rankCase(outcome.case, kb);
    return {
      kind: 'sqlcheck',
      facts: { computer: ev.computer, role: ev.role, version: ev.version },
      symptoms: ranking.families.map((f) => ({ id: f.id, score: round(f.score) })),
      causes: ranking.causes.slice(0, top).map((c) => ({ id: c.id, title: c.title, family: c.family, score: round(c.score), fixes: fixesOf(kb, c.id), source: sourceOf(kb, c.id) })),
      redactions: ev.redactions,
      findings: ev.findings,
    };
  }
  const split = splitPaste(text);
  if (split.artifacts.length > 0) {
    // Artifacts are judged against the case (the port the error names), so they go through the engine.
    const outcome = addPaste(openCase({ id: 'oneshot', now: new Date(0) }), text, kb, { split });
    const ranking = rankCase(outcome.case, kb);
    const paste = outcome.case.evidence.find((e): e is PasteEvidence => e.kind === 'paste');
    const artifacts = outcome.case.evidence.flatMap((e) => (e.kind === 'artifact' ? [{ kind: e.artifact.kind, title: e.artifact.title, facts: e.artifact.facts, signals: signalsOfEvidence(outcome.case, e) }] : []));
    return {
      kind: ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : paste ? 'error' : 'artifact',
      facts: paste?.facts ?? emptyFacts(),
      symptoms: ranking.families.map((f) => ({ id: f.id, score: round(f.score) })),
      causes: ranking.causes.slice(0, top).map((c) => ({ id: c.id, title: c.title, family: c.family, score: round(c.score), fixes: fixesOf(kb, c.id), source: sourceOf(kb, c.id) })),
      redactions: outcome.case.evidence.reduce((n, e) => n + (e.kind === 'artifact' || e.kind === 'paste' ? e.redactions : 0), 0),
      artifacts,
    };
  }
  // Plain error text: the pure classifier on the parsed paste (no case bookkeeping on this hot path).
  const parsed = parsePaste(text);
  const cls = classifyParsed(parsed, kb);
  const foreign = cls.provenance.foreign;
  return {
    kind: foreign ? 'foreign' : cls.unknown ? 'unknown' : 'error',
    ...(foreign ? { foreign: { product: foreign.id, name: foreign.name, signs: foreign.signs } } : {}),
    facts: parsed.facts,
    symptoms: cls.families.map((f) => ({ id: f.id, score: round(f.score) })),
    causes: cls.causes.slice(0, top).map((c) => ({ id: c.id, title: c.title, family: c.family, score: round(c.score), fixes: fixesOf(kb, c.id), source: sourceOf(kb, c.id) })),
    redactions: parsed.redactions,
  };
}
