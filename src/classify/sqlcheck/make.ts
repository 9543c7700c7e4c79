/** Builds a finding from its definition in the knowledge tables: severity by situation, summary by template. */
import type { FindingDef } from './tables';
import type { SqlcheckFinding } from './types';

export type Vars = Record<string, string | number | undefined>;

export function fill(template: string, vars: Vars): string {
  return template.replace(/\{([A-Za-z]{1,30})\}/g, (_m, k: string) => (vars[k] === undefined ? '?' : String(vars[k])));
}

export function build(defs: Record<string, FindingDef>, id: string, vars: Vars, evidence: string[], situation?: string): SqlcheckFinding {
  const def = defs[id];
  if (!def) throw new Error(`finding ${id} has no definition in knowledge/sqlcheck-tables.yaml`);
  const severity = (situation && def.severity[situation]) || def.severity.default;
  return { id, severity, summary: fill(def.summary, vars), evidence: [...new Set(evidence)] };
}

/** Joins a list for a summary, shortening long ones. */
export function listOf(items: (string | number)[], max = 4): string {
  const uniq = [...new Set(items.map(String))];
  return uniq.length > max ? `${uniq.slice(0, max).join(', ')} and ${uniq.length - max} more` : uniq.join(', ');
}
