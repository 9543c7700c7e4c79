/** What the SQLCHECK reader produces. `SqlcheckFinding` has the same shape as in src/triage/types.ts. */

export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';

export interface SqlcheckFinding {
  id: string; // e.g. CERT_WEAK_SIGNATURE
  severity: FindingSeverity;
  summary: string;
  /** Report lines that show it, as printed (prefixed with the computer name in comparisons). */
  evidence: string[];
}

/** A finding that needs both ends: a client report and a server report. */
export interface ComparisonItem extends SqlcheckFinding {
  client?: string;
  server?: string;
}

export type ReportRole = 'client' | 'server' | 'both';
