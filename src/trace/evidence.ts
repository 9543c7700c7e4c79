/**
 * A trace report (or two, compared) as case evidence: each finding becomes the signal
 * `trace:<finding id>`, whose effects knowledge/signals/traces.yaml declares.
 */
import type { TraceComparison, TraceFinding, TraceReport } from './types';

export interface TraceEvidenceInput {
  files: string[];
  signals: string[];
  findings: { id: string; summary: string }[];
  summary: Record<string, unknown>;
}

export const signalOf = (findingId: string) => `trace:${findingId}`;

export function traceEvidence(files: string[], reports: TraceReport[], comparison?: TraceComparison): TraceEvidenceInput {
  const all: TraceFinding[] = [...reports.flatMap((r) => r.findings), ...(comparison?.findings ?? [])];
  const seen = new Map<string, string>();
  for (const f of all) if (!seen.has(f.id)) seen.set(f.id, f.summary);
  return {
    files,
    signals: [...seen.keys()].map(signalOf),
    findings: [...seen].map(([id, summary]) => ({ id, summary })),
    summary: {
      traces: reports.map((r) => ({
        format: r.format,
        frames: r.frames,
        durationMs: r.durationMs,
        tcpConversations: r.tcpConversations,
        sqlConversations: r.sqlConversations,
        connectionRate: r.connectionRate,
        warnings: r.warnings.slice(0, 5),
      })),
      ...(comparison ? { matched: comparison.matched.length, disagree: comparison.matched.filter((m) => !m.agree).length } : {}),
    },
  };
}
