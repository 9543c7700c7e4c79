/**
 * The one rule for SQLCHECK findings of severity 'info': they are context (what the machine has),
 * never evidence. They raise no cause in ranking and are not counted as findings anywhere; where
 * they are shown, it is as context. Every caller asks here instead of testing the severity itself.
 */
import type { SqlcheckFinding } from './types';

export function isEvidenceFinding(f: { severity: string }): boolean {
  return f.severity !== 'info';
}

/** Findings as signal ids for the triage engine ("finding:CERT_WEAK_SIGNATURE"), info findings left out. */
export function findingSignals(findings: Pick<SqlcheckFinding, 'id' | 'severity'>[], comparison: Pick<SqlcheckFinding, 'id' | 'severity'>[] = []): string[] {
  const ids = [...findings, ...comparison].filter(isEvidenceFinding).map((f) => `finding:${f.id}`);
  return [...new Set(ids)];
}
