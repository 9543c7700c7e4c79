/**
 * A pasted SQLCHECK report becomes 'sqlcheck' evidence: its findings, and, when the case already
 * holds a report from the other end, the client/server comparison.
 */
import { looksLikeSqlcheck, parseSqlcheck } from '../parse/sqlcheck';
import { compareReports, reportRole, sqlcheckFindings } from '../classify/sqlcheck';
import type { SqlcheckReport } from '../parse/sqlcheck/types';
import type { NewEvidence } from './case';
import type { Case, SqlcheckEvidence } from './types';

type SqlcheckDraft = Extract<NewEvidence, { kind: 'sqlcheck' }>;

/** Keep the whole parsed report in the case (needed to compare with a later report from the other end). */
function reportOf(ev: SqlcheckEvidence): SqlcheckReport | undefined {
  return (ev.summary as { report?: SqlcheckReport } | undefined)?.report;
}

export function readSqlcheck(text: string, c: Case): SqlcheckDraft | undefined {
  if (!looksLikeSqlcheck(text)) return undefined;
  const report = parseSqlcheck(text);
  const findings = sqlcheckFindings(report);
  const role = reportRole(report);
  const others = c.evidence.filter((e): e is SqlcheckEvidence => e.kind === 'sqlcheck' && e.computer !== report.computer.netbios);
  const comparison = others.flatMap((o) => {
    const r = reportOf(o);
    return r ? compareReports(r, report) : [];
  });
  return {
    kind: 'sqlcheck',
    computer: report.computer.netbios,
    role,
    version: report.version,
    findings: [...findings, ...comparison],
    summary: { report },
    redactions: report.redactions,
  };
}
