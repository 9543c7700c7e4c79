/**
 * The case: the one place where evidence accumulates. Pure data (JSON-serialisable) so the store
 * can persist it as it is. The engine functions in src/triage/ take a case and return a new one.
 */
import type { Facts } from '../parse/types';
import type { Artifact } from '../parse/artifacts/types';
import type { FamilyId } from '../kb/types';

export type EvidenceKind = 'paste' | 'sqlcheck' | 'answer' | 'probe' | 'trace' | 'note' | 'tried' | 'artifact';

interface EvidenceBase {
  id: string; // unique within the case, e.g. "ev3"
  kind: EvidenceKind;
  at: string; // ISO timestamp
  /** Who added it (chat user id or "cli"). */
  by?: string;
}

export interface PasteEvidence extends EvidenceBase {
  kind: 'paste';
  /** Redacted text as pasted (after markup removal). */
  text: string;
  facts: Facts;
  redactions: number;
  truncated: boolean;
}

export interface SqlcheckFinding {
  id: string; // e.g. CERT_WEAK_SIGNATURE
  severity: 'high' | 'medium' | 'low' | 'info';
  summary: string;
  evidence: string[];
}

export interface SqlcheckEvidence extends EvidenceBase {
  kind: 'sqlcheck';
  computer?: string;
  role?: 'client' | 'server' | 'both';
  version?: string;
  findings: SqlcheckFinding[];
  /** Compact facts summary for the escalation summary (free-form JSON from the SQLCHECK parser). */
  summary?: Record<string, unknown>;
  redactions: number;
}

export interface AnswerEvidence extends EvidenceBase {
  kind: 'answer';
  question: string;
  option: string;
  /** Taken from the paste (an option's `answeredBy` held), not said by the user. */
  implied?: boolean;
}

export interface ProbeEvidence extends EvidenceBase {
  kind: 'probe';
  server: string; // configured server name, never credentials
  /** Signal ids the probe ladder produced, e.g. "probe:tcp.refused". */
  signals: string[];
  /** The ladder result as returned by src/probes (JSON). */
  result: Record<string, unknown>;
}

/** What a network trace (or a client and a server trace together) showed: findings as signals. */
export interface TraceEvidence extends EvidenceBase {
  kind: 'trace';
  /** File names as attached or given (redacted), one or two. */
  files: string[];
  /** Signal ids, e.g. "trace:tls.reset-after-client-hello". */
  signals: string[];
  /** One line per finding, as the trace reader worded it. */
  findings: { id: string; summary: string }[];
  /** Counts and timings (JSON from src/trace), for the summary. */
  summary: Record<string, unknown>;
}

export interface NoteEvidence extends EvidenceBase {
  kind: 'note' | 'tried';
  text: string;
}

/** Something the articles ask to collect besides the error (ERRORLOG, netstat, setspn ...), as read from a paste. */
export interface ArtifactEvidence extends EvidenceBase {
  kind: 'artifact';
  /** What it is, what was read from it (facts in words) and its structured data; already redacted. */
  artifact: Artifact;
  redactions: number;
}

export type Evidence = PasteEvidence | SqlcheckEvidence | AnswerEvidence | ProbeEvidence | TraceEvidence | NoteEvidence | ArtifactEvidence;

export interface RankedFamily {
  id: FamilyId;
  score: number; // 0..1
}

export interface RankedCause {
  id: string;
  family: FamilyId;
  title: string;
  score: number; // 0..1, sums to <= 1 over all causes
}

export interface Ranking {
  families: RankedFamily[];
  causes: RankedCause[];
  /** True when nothing matched well enough to name a family. */
  unknown: boolean;
  /** When unknown because the pastes come from another product (MySQL, PostgreSQL, an HTTP service...). */
  foreign?: { id: string; name: string; signs: string[] };
}

export interface Case {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: 'open' | 'resolved' | 'escalated';
  evidence: Evidence[];
  /** Ranking after each change, newest last (for "what changed" and the summary). */
  history: { at: string; evidenceId: string; top: { id: string; score: number }[] }[];
  /** Extra context gathered at escalation (impact, contact). */
  escalation?: { impact?: string; contact?: string; destination?: string; at?: string };
  /** Where the conversation lives (channel id, conversation id) — opaque to the engine. */
  origin?: Record<string, string>;
  /** Set when the case is resolved: the cause the user confirmed (absent for "something else"). */
  confirmedCause?: string;
  /** How the case was closed: who, when, and the user's note ("something else" says what it was). */
  resolution?: { at: string; by?: string; note?: string };
  /** The escalated case this one follows up (new evidence after the escalation froze that case). */
  followUpOf?: string;
}
