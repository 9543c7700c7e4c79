/**
 * What the bot keeps in memory: conversation and user state, the cases changed recently, and the
 * recent audit entries. Older cases live in the archive (archive.ts) and are read on demand.
 *
 * Each entry is kept as the JSON text it has in the file once it has been serialised, so a write
 * serialises the value once (that text goes into the appended line and, later, into the rewritten
 * file) and a read is one parse that hands the caller a copy of its own. Entries read from the file
 * keep their parsed value until first needed as text: opening does not serialise anything again.
 */
import type { Case } from '../triage/types';
import { caseProblem } from './case-check';
import type { DataShape } from './data-file';

export interface StateEntry {
  eTag: string;
  /** When it was last written (ms); a record from an older file counts from when it was opened. */
  at: number;
  /** The value's JSON text, once serialised ... */
  text?: string;
  /** ... or the parsed value as read from the file. */
  value?: unknown;
}

export interface CaseEntry {
  text?: string;
  value?: unknown;
  /** Set when the stored entry is not a usable case (case-check.ts): it is quarantined. */
  problem?: string;
  status?: Case['status'];
  createdAt?: string;
  updatedAt?: string;
}

export interface AuditEntry {
  at: string;
  text?: string;
  value?: unknown;
}

export class WorkingSet {
  /** 2 since the archive: an older version must not open a file whose old cases moved out of it. */
  format = 2;
  seq = 0;
  readonly state = new Map<string, StateEntry>();
  readonly cases = new Map<string, CaseEntry>();
  audit: AuditEntry[] = [];

  /** From what the file held (parsed objects, kept as they are: no serialising on open). */
  static fromData(data: DataShape, now: number): WorkingSet {
    const ws = new WorkingSet();
    ws.seq = data.seq;
    for (const key of Object.keys(data.state)) {
      const record = data.state[key] as unknown as { eTag?: unknown; at?: unknown; value?: unknown };
      const at = typeof record?.at === 'number' ? record.at : now;
      ws.state.set(key, { eTag: String(record?.eTag ?? ''), at, value: record?.value ?? {} });
    }
    for (const id of Object.keys(data.cases)) ws.cases.set(id, caseEntry(id, data.cases[id]));
    ws.audit = data.audit.map((value) => ({ at: auditTime(value), value }));
    return ws;
  }
}

/**
 * A case entry with the fields listing and archiving need, and its problem if it is not a case.
 * Given `text` (a write: the value just serialised), only the text is kept.
 */
export function caseEntry(id: string, value: unknown, text?: string): CaseEntry {
  const held = text !== undefined ? { text } : { value };
  const problem = caseProblem(id, value);
  if (problem) return { ...held, problem };
  const c = value as Case;
  return { ...held, status: c.status, createdAt: c.createdAt, updatedAt: c.updatedAt };
}

export function auditTime(value: unknown): string {
  const at = (value as { at?: unknown } | null)?.at;
  return typeof at === 'string' ? at : '';
}

/** The entry's JSON text, serialised now (once) if it was read from the file. */
export function textOf(entry: { text?: string; value?: unknown }): string {
  if (entry.text === undefined) {
    entry.text = JSON.stringify(entry.value);
    entry.value = undefined;
  }
  return entry.text;
}

/** How a state record is written: the value's text is spliced in, not serialised again. */
export function stateRecordText(entry: StateEntry): string {
  return `{"eTag":${JSON.stringify(entry.eTag)},"at":${entry.at},"value":${textOf(entry)}}`;
}
