/**
 * A closed case as one JSON line for the knowledge base's maintainers: what was pasted (redacted
 * again on the way out), what was read from it, answered, probed and confirmed. Names of servers,
 * logins and databases are not exported; `text: false` leaves the pasted texts and notes out too.
 */
import type { Knowledge } from '../kb/compiled';
import { redactInput } from '../parse/redact';
import { caseSignals } from '../triage/rank';
import type { Case } from '../triage/types';
import { closedAt } from './closed-cases';

export const EXPORT_FORMAT = 1;

export interface ExportedCase {
  format: number;
  id: string;
  status: Case['status'];
  openedAt: string;
  closedAt: string;
  family?: string;
  confirmedCause?: string;
  /** The user's line when it was something else (redacted). */
  note?: string;
  /** The leading causes when the case was last ranked. */
  leading: { id: string; score: number }[];
  errors: { sql: number[]; win32: number[]; sni: number[]; hresults: string[] };
  providers: string[];
  driver?: { id: string; name: string; version?: string };
  phase?: string;
  answers: { question: string; option: string; implied: boolean }[];
  signals: string[];
  pastes?: string[];
}

const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
const clean = (text: string): string => redactInput(text).text;

export function exportCase(c: Case, kb: Knowledge, opts: { text?: boolean } = {}): ExportedCase {
  const pastes = c.evidence.flatMap((e) => (e.kind === 'paste' ? [e] : []));
  const facts = pastes.map((p) => p.facts);
  const top = c.history[c.history.length - 1]?.top ?? [];
  const family = kb.cause.get(c.confirmedCause ?? top[0]?.id ?? '')?.family;
  const driver = facts.find((f) => f.driver)?.driver;
  const phase = [...facts].reverse().find((f) => f.phase)?.phase;
  return {
    format: EXPORT_FORMAT,
    id: c.id,
    status: c.status,
    openedAt: c.createdAt,
    closedAt: closedAt(c),
    ...(family ? { family } : {}),
    ...(c.confirmedCause ? { confirmedCause: c.confirmedCause } : {}),
    ...(c.resolution?.note && opts.text !== false ? { note: clean(c.resolution.note) } : {}),
    leading: top.map((t) => ({ id: t.id, score: Math.round(t.score * 1e4) / 1e4 })),
    errors: {
      sql: uniq(facts.flatMap((f) => f.sqlErrors)),
      win32: uniq(facts.flatMap((f) => f.win32Errors)),
      sni: uniq(facts.flatMap((f) => f.sniErrors)),
      hresults: uniq(facts.flatMap((f) => f.hresults)),
    },
    providers: uniq(facts.flatMap((f) => f.providers)),
    ...(driver ? { driver } : {}),
    ...(phase ? { phase } : {}),
    answers: c.evidence.flatMap((e) => (e.kind === 'answer' ? [{ question: e.question, option: e.option, implied: e.implied === true }] : [])),
    signals: caseSignals(c),
    ...(opts.text !== false ? { pastes: pastes.map((p) => clean(p.text)) } : {}),
  };
}
