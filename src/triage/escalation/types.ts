/**
 * The escalation summary: everything the case taught us, organised for the next tier. Plain JSON;
 * the JSON rendering is this object as it is, described by docs/escalation-schema.json.
 * Bump ESCALATION_SCHEMA_VERSION (major for removals or renames, minor for additions) with the schema.
 */
import type { Facts } from '../../parse/types';
import type { Case, SqlcheckFinding } from '../types';
import type { Weakens } from '../../kb/types';

export const ESCALATION_SCHEMA_VERSION = '1.1';

/** Where a cause's log-odds came from: one kind of evidence, and the case evidence ids behind it. */
export interface Contribution {
  kind: 'family' | 'paste' | 'signal' | 'answer';
  /** Evidence ids in the case (e.g. "ev2"); several when more than one item carries the same fact. */
  evidence: string[];
  /** Change in log-odds against a cause this evidence says nothing about (positive: for, negative: against). */
  weight: number;
  why: string;
}

export interface SourceView {
  title: string;
  url: string;
  section?: string;
}

export interface PossibleCause {
  id: string;
  title: string;
  family: string;
  /** 0..1 */
  score: number;
  summary: string;
  for: Contribution[];
  against: Contribution[];
  source: SourceView;
}

export interface RuledOutCause {
  id: string;
  title: string;
  family: string;
  score: number;
  /** Highest score the cause reached while the case was worked (from the ranking history). */
  peak?: number;
  /** The evidence that lowered it; never empty. */
  by: Contribution[];
}

export interface EnvironmentFact {
  key: 'driver' | 'server' | 'instance' | 'port' | 'database' | 'tls' | 'machine' | 'sql-server' | 'certificate' | 'encryption';
  label: string;
  value: string;
  /** Evidence ids the fact was read from. */
  from: string[];
}

interface EntryBase {
  id: string;
  at: string;
  by?: string;
  /** One line saying what this item is. */
  title: string;
}

export interface PasteEntry extends EntryBase {
  kind: 'paste';
  /** The redacted text; absent when the operator chose references only. */
  text?: string;
  /** How to get the text when it is not included. */
  textRef?: string;
  chars: number;
  redactions: number;
  truncated: boolean;
  /** Parsed facts as readable lines, and as the parser returned them. */
  factLines: string[];
  facts: Facts;
}

export interface SqlcheckEntry extends EntryBase {
  kind: 'sqlcheck';
  computer?: string;
  role?: 'client' | 'server' | 'both';
  version?: string;
  redactions: number;
  findings: SqlcheckFinding[];
}

export interface AnswerEntry extends EntryBase {
  kind: 'answer';
  question: string;
  questionText: string;
  option: string;
  answer: string;
  /** Taken from the pasted text, not said by the user. */
  implied?: boolean;
}

export interface ProbeStepView {
  step: string;
  status: string;
  reason?: string;
  /** Milliseconds per measured phase, as the probe reported them. */
  timings: Record<string, number>;
}

export interface ProbeEntry extends EntryBase {
  kind: 'probe';
  server: string;
  startedAt?: string;
  durationMs?: number;
  steps: ProbeStepView[];
  signals: string[];
}

export interface TraceEntry extends EntryBase {
  kind: 'trace';
  files: string[];
  findings: string[];
  signals: string[];
}

export interface NoteEntry extends EntryBase {
  kind: 'note' | 'tried';
  text: string;
}

/** An artifact read from a paste (ERRORLOG, netstat, setspn ...): what was read, and the signals it gave. */
export interface ArtifactEntry extends EntryBase {
  kind: 'artifact';
  artifact: string;
  facts: { label: string; value: string }[];
  redactions: number;
  signals: string[];
}

export type EvidenceEntry = PasteEntry | SqlcheckEntry | AnswerEntry | ProbeEntry | TraceEntry | NoteEntry | ArtifactEntry;

export interface NotTested {
  what: 'sqlcheck-client' | 'sqlcheck-server' | 'probe' | 'probe-step' | 'question' | 'error-text';
  text: string;
}

export interface RecommendedAction {
  cause: string;
  title: string;
  score: number;
  checks: string[];
  /** Each fix as one line; a risky fix is followed by its risk note (weakens, temporary, risk). */
  fixes: string[];
  /** The risky fixes among `fixes` (by index), as data. Absent when none is risky (schema 1.1). */
  risks?: { fix: number; weakens: Weakens; risk: string; temporary: boolean }[];
}

export interface CollectView {
  id: string;
  title: string;
  how: string;
  /** Cause ids this would confirm or rule out. */
  for: string[];
}

export interface EscalationSummary {
  schemaVersion: typeof ESCALATION_SCHEMA_VERSION;
  caseId: string;
  status: Case['status'];
  openedAt: string;
  updatedAt: string;
  generatedAt: string;
  /** The CLI command that prints the full export (chat renderings point to it when they shorten). */
  fullExport: string;
  headline: {
    unknown: boolean;
    family?: { id: string; title: string; score: number };
    leadingCause?: { id: string; title: string; score: number };
    why: string;
  };
  handoff: { impact?: string; contact?: string; destination?: string; escalatedAt?: string };
  environment: EnvironmentFact[];
  evidence: EvidenceEntry[];
  causes: {
    possible: PossibleCause[];
    ruledOut: RuledOutCause[];
    /** How many other causes the knowledge base holds: neither likely nor lowered by any evidence. */
    unlisted: number;
  };
  notTested: NotTested[];
  actions: RecommendedAction[];
  collect: CollectView[];
}

export interface EscalationOptions {
  /** Include pasted text in full (default) or only a reference to it. */
  includePasteText?: boolean;
  now?: Date;
  /** Servers the administrator configured for probing: [] says none is, undefined says unknown. */
  probeServers?: string[];
}
