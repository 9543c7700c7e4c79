/**
 * Splits message lines into error segments and turns them into ErrorRecords: one per distinct
 * error, with the numbers found in it. Wrapper exceptions that repeat an inner message
 * ("System.Exception: X ---> SqlException (0x80131904): X") become one record.
 */
import type { ErrorRecord } from '../types';
import { extractNumbers, type SegmentNumbers } from './numbers';

const MAX_RECORDS = 50;
const MAX_MESSAGE = 300;

// Where one line holds several errors: ODBC diagnostic lists ("...; [08001] [Microsoft]..."),
// driver tags repeated without a separator, .NET inner exceptions (" ---> ").
const SEGMENT_BREAK = /;\s(?=\[[0-9A-Z]{5}\]\s?\[)|(?<=[^\s[\]])(?=\[Microsoft\]\[)|,(?=Error: \[)|\s-{2,3}>\s|\^@/g;

// A segment worth a record when it has numbers or reads like an error.
const ERRORISH =
  /error|exception|fail|refused|denied|timeout|timed out|unable|cannot|could not|couldn't|invalid|forcibly|reset|lost|expired|not found|not accessible|unknown|violation|deadlock|fehler|échec|erreur|errore|失败|错误|超时/i;

// "Msg 18456, Level 14, State 1, Server X, Line 1" carries no message itself: the next line does.
const HEADER_ONLY = /^\s*(?:Msg|Error:?) -?\d{1,6}, (?:Level|Severity):? \d{1,2}, State:? \d{1,3}(?:, (?:Server|Procedure|Line) [^,\n]{0,200}){0,3}[.,]?\s*$/i;

// Class-name prefixes stripped to compare wrapper and inner messages.
const EXCEPTION_PREFIX = /^(?:[-> *:]{0,6}[\w.+`]{0,200}(?:Exception|Error)(?: \([^()]{0,40}\))?:\s{0,5}){1,4}/;

export interface SegmentResult {
  records: ErrorRecord[];
  /** Numbers of every segment, including those folded into an existing record. */
  numbers: SegmentNumbers[];
}

function hasNumbers(n: SegmentNumbers): boolean {
  return n.number !== undefined || n.sniError !== undefined || n.provider !== undefined || n.win32.length > 0 || n.hresults.length > 0;
}

function toRecord(message: string, n: SegmentNumbers): ErrorRecord {
  const record: ErrorRecord = { message: message.trim().slice(0, MAX_MESSAGE) };
  if (n.number !== undefined) record.number = n.number;
  if (n.state !== undefined) record.state = n.state;
  if (n.class !== undefined) record.class = n.class;
  if (n.sniError !== undefined) record.sniError = n.sniError;
  if (n.provider !== undefined) record.provider = n.provider;
  return record;
}

function fillMissing(target: ErrorRecord, from: ErrorRecord): void {
  for (const key of ['number', 'state', 'class', 'sniError', 'provider'] as const) {
    if (target[key] === undefined && from[key] !== undefined) (target as unknown as Record<string, unknown>)[key] = from[key];
  }
}

function coreOf(message: string): string {
  return message.replace(EXCEPTION_PREFIX, '').trim().toLowerCase().slice(0, 160);
}

export function splitSegments(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (!/[[>@]|, ?Error/.test(line)) {
      out.push(line.trim());
      continue;
    }
    for (const part of line.split(SEGMENT_BREAK)) {
      const trimmed = part.trim();
      if (trimmed) out.push(trimmed);
    }
  }
  return out;
}

export function buildRecords(segments: string[]): SegmentResult {
  const records: ErrorRecord[] = [];
  const numbers: SegmentNumbers[] = [];
  const byCore = new Map<string, ErrorRecord>();
  const orphans: ErrorRecord[] = [];
  // Logs repeat the same error lines many times: extract each distinct segment once.
  const memo = new Map<string, SegmentNumbers>();
  const numbersOf = (segment: string): SegmentNumbers => {
    let found = memo.get(segment);
    if (!found) memo.set(segment, (found = extractNumbers(segment)));
    return found;
  };

  for (let i = 0; i < segments.length; i++) {
    let text = segments[i];
    let n = numbersOf(text);
    numbers.push(n);
    if (HEADER_ONLY.test(text) && i + 1 < segments.length) {
      const next = numbersOf(segments[i + 1]);
      numbers.push(next);
      text = segments[++i];
      n = { ...next, number: n.number, state: n.state, class: n.class };
    }
    if (n.numbersOnly) {
      orphans.push(toRecord(text, n));
      continue;
    }
    if (records.length >= MAX_RECORDS) continue; // numbers above still count toward the facts
    if (!hasNumbers(n) && !ERRORISH.test(text)) continue;
    const record = toRecord(text, n);
    const core = coreOf(record.message);
    const seen = byCore.get(core);
    if (seen) {
      fillMissing(seen, record);
      continue;
    }
    byCore.set(core, record);
    records.push(record);
  }
  // "Error Number:64,State:0,Class:20" belongs to the exception printed around it.
  for (const orphan of orphans) {
    const home = records.find((r) => r.number === undefined && (r.sniError !== undefined || r.provider !== undefined)) ?? records.find((r) => r.number === undefined);
    if (home) fillMissing(home, orphan);
    else if (records.length < MAX_RECORDS) records.push(orphan);
  }
  return { records, numbers };
}
