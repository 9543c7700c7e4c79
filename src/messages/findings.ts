/**
 * SQLCHECK reports in chat: the findings by severity with the report lines that show them, and the
 * client/server comparison once both ends' reports are in the case. The CLI's `sqlcheck` prints the
 * same findings; this is the chat's short form of them.
 */
import type { SqlcheckEvidence, SqlcheckFinding } from '../triage/types';
import { Block, message, Message } from './model';

const ORDER: SqlcheckFinding['severity'][] = ['high', 'medium', 'low'];
/** Evidence lines per finding: enough to recognise it, short enough for a chat reply. */
const EVIDENCE_LINES = 3;
const FINDINGS_PER_BLOCK = 8;

/** Comparison items carry the two computers they compare. */
function isComparison(f: SqlcheckFinding): boolean {
  return typeof (f as { client?: unknown }).client === 'string';
}

function bySeverity(findings: SqlcheckFinding[]): SqlcheckFinding[] {
  return ORDER.flatMap((s) => findings.filter((f) => f.severity === s));
}

function clipped(f: SqlcheckFinding): SqlcheckFinding {
  const evidence = f.evidence.slice(0, EVIDENCE_LINES).map((e) => e.trim());
  if (f.evidence.length > EVIDENCE_LINES) evidence.push(`(${f.evidence.length - EVIDENCE_LINES} more lines in the report)`);
  return { id: f.id, severity: f.severity, summary: f.summary, evidence };
}

/** The findings blocks for the reports in a case; empty when there are none. */
export function findingsBlocks(reports: SqlcheckEvidence[]): Block[] {
  const blocks: Block[] = [];
  const comparison = new Map<string, SqlcheckFinding>();
  for (const r of reports) {
    const own = bySeverity(r.findings.filter((f) => !isComparison(f)));
    for (const f of r.findings.filter(isComparison)) comparison.set(f.id + f.summary, f);
    const name = `${r.computer ?? 'unknown computer'}${r.role ? ` (${r.role})` : ''}`;
    if (own.length === 0) {
      blocks.push({ kind: 'text', text: `SQLCHECK from ${name}: no findings that explain a failure.` });
      continue;
    }
    const shown = own.slice(0, FINDINGS_PER_BLOCK).map(clipped);
    const more = own.length - shown.length;
    blocks.push({ kind: 'findings', title: `SQLCHECK findings from ${name}${more > 0 ? ` (${more} more in the case summary)` : ''}`, findings: shown });
  }
  if (comparison.size > 0) {
    const first = [...comparison.values()][0] as SqlcheckFinding & { client?: string; server?: string };
    blocks.push({ kind: 'findings', title: `Client/server comparison (client ${first.client}, server ${first.server})`, findings: bySeverity([...comparison.values()]).map(clipped) });
  }
  return blocks;
}

export function findingsMessage(reports: SqlcheckEvidence[]): Message {
  return message(findingsBlocks(reports), [], 'findings');
}
