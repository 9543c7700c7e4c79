/** Findings as signal ids for the triage engine ("finding:CERT_WEAK_SIGNATURE"); info findings are context, never evidence. */
import type { SqlcheckFinding } from './types';

export function findingSignals(findings: SqlcheckFinding[], comparison: SqlcheckFinding[] = []): string[] {
  const ids = [...findings, ...comparison].filter((f) => f.severity !== 'info').map((f) => `finding:${f.id}`);
  return [...new Set(ids)];
}
