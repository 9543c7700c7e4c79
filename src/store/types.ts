import type { Case } from '../triage/types';
import type { QuarantinedCase } from './case-check';

export interface ListOptions {
  limit?: number;
  status?: Case['status'];
  since?: string;
}

/** Where cases live. The lowdb file implementation is the default; the bot and the CLI share it. */
export interface CaseStore {
  get(id: string): Promise<Case | undefined>;
  /** Insert or replace. */
  put(c: Case): Promise<void>;
  /** Newest first; `since` (an ISO date) keeps cases changed at or after it. */
  list(opts?: ListOptions): Promise<Case[]>;
  /** Stored entries that are not valid cases (never returned by get or list). */
  quarantined(): Promise<QuarantinedCase[]>;
  /** Flush pending writes (called on shutdown). */
  close(): Promise<void>;
}

/** Append-only audit of probe runs and escalations. */
export interface AuditLog {
  append(entry: Record<string, unknown>): Promise<void>;
}
