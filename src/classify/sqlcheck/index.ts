/** Findings from SQLCHECK reports, the client/server comparison, and the signals they give triage. */
import { parseSqlcheckReports } from '../../parse/sqlcheck';
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import { compareReports } from './compare';
import { sqlcheckFindings } from './findings';
import { findingSignals } from './signals';
import type { ComparisonItem, SqlcheckFinding } from './types';

export { compareReports, sides } from './compare';
export { reportRole } from './context';
export { sqlcheckFindings, bySeverity } from './findings';
export { findingSignals, isEvidenceFinding } from './signals';
export type * from './types';

export interface SqlcheckAnalysis {
  reports: SqlcheckReport[];
  findings: SqlcheckFinding[][];
  comparison: ComparisonItem[];
  signals: string[];
}

/** Everything a paste (one report, or a client and a server report pasted together) says. */
export function analyseSqlcheck(text: string): SqlcheckAnalysis {
  const reports = parseSqlcheckReports(text);
  const findings = reports.map(sqlcheckFindings);
  const comparison = reports.length >= 2 ? compareReports(reports[0], reports[1]) : [];
  return { reports, findings, comparison, signals: findingSignals(findings.flat(), comparison) };
}
export { factsSummary } from './summary';
