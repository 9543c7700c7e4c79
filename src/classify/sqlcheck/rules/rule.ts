import type { SqlcheckReport } from '../../../parse/sqlcheck/types';
import type { Vars } from '../make';

/** Adds a finding by id; the definition (severity per situation, summary template) comes from the knowledge tables. */
export type Emit = (id: string, vars: Vars, evidence: string[], situation?: string) => void;

export type Rule = (r: SqlcheckReport, emit: Emit) => void;

/** Evidence lines of the tool messages whose text contains `needle`. */
export function messageLines(r: SqlcheckReport, needle: string): string[] {
  return r.messages.filter((m) => m.text.includes(needle)).map((m) => m.raw);
}
