/**
 * The data file is JSON Lines: its first line is the whole data (the snapshot), and each further
 * line is one batch of changes appended since that snapshot was written. Appending a batch costs
 * the size of the change; rewriting the whole file on every turn cost the size of every case ever
 * kept. The file is rewritten (compacted) to a single line now and then, and on close, so at rest
 * it is one plain JSON document.
 *
 * A batch line: {"seq":n,"set":{"state":{key:record},"cases":{id:case}},"del":{"state":[key],
 * "cases":[id]},"drop":n,"audit":[entry]} (parts that are empty are left out). "drop" removes the
 * n oldest audit entries (moved to the archive) before the new ones are added.
 */
import type { DataShape } from './data-file';
import { deleteOwn, isRecord, setOwn } from './own';

/** The keyed parts of the data file, written entry by entry. */
export type Section = 'state' | 'cases';
export const SECTIONS: readonly Section[] = ['state', 'cases'];

interface Batch {
  seq?: number;
  set?: Partial<Record<Section, Record<string, unknown>>>;
  del?: Partial<Record<Section, string[]>>;
  drop?: number;
  audit?: unknown[];
}

/** What a file's text holds: the snapshot line, the complete batch lines, and whether a torn line was dropped. */
interface SplitFile {
  snapshot: string;
  batches: string[];
  /** The last line had no newline: a write cut short by a crash. It is ignored and later compacted away. */
  tornTail: boolean;
}

function splitDataFile(text: string): SplitFile {
  const firstEnd = text.indexOf('\n');
  // A file with no newline at all is a snapshot written by rename (or a damaged one): parse it whole.
  if (firstEnd < 0) return { snapshot: text, batches: [], tornTail: false };
  const snapshot = text.slice(0, firstEnd);
  const rest = text.slice(firstEnd + 1);
  if (rest === '') return { snapshot, batches: [], tornTail: false };
  const lines = rest.split('\n');
  const last = lines.pop()!; // '' when the text ends with a newline
  return { snapshot, batches: lines, tornTail: last !== '' };
}

/** A batch line that cannot be applied: the file is damaged (a torn last line is not). */
export class DamagedLineError extends Error {}

/** Applies one batch line to `data`; a line that is not a batch throws DamagedLineError, naming its line number. */
function applyBatch(data: DataShape, line: string, lineNo: number): void {
  let batch: Batch;
  try {
    batch = JSON.parse(line) as Batch;
  } catch (err) {
    throw new DamagedLineError(`line ${lineNo} is not valid JSON (${(err as Error).message})`);
  }
  const sectionsAre = (part: unknown, ok: (v: unknown) => boolean) =>
    part === undefined || (isRecord(part) && SECTIONS.every((section) => part[section] === undefined || ok(part[section])));
  const shapeOk =
    isRecord(batch) &&
    (batch.seq === undefined || typeof batch.seq === 'number') &&
    sectionsAre(batch.set, isRecord) &&
    sectionsAre(batch.del, Array.isArray) &&
    (batch.drop === undefined || (typeof batch.drop === 'number' && Number.isInteger(batch.drop) && batch.drop >= 0)) &&
    (batch.audit === undefined || Array.isArray(batch.audit));
  if (!shapeOk) throw new DamagedLineError(`line ${lineNo} is not a batch of changes`);
  for (const section of SECTIONS) {
    for (const key of batch.del?.[section] ?? []) deleteOwn(data[section] as Record<string, unknown>, String(key));
    const set = batch.set?.[section] ?? {};
    for (const key of Object.keys(set)) setOwn(data[section] as Record<string, unknown>, key, set[key]);
  }
  if (batch.seq !== undefined) data.seq = Math.max(data.seq, batch.seq);
  if (batch.drop) data.audit.splice(0, batch.drop);
  for (const entry of batch.audit ?? []) data.audit.push(entry as Record<string, unknown>);
}

export interface Replayed {
  data: DataShape;
  /** Complete batch lines applied after the snapshot. */
  batches: number;
  tornTail: boolean;
  snapshotBytes: number;
  /** Bytes up to the end of the last complete line: a torn tail is cut there before appending. */
  completeBytes: number;
}

/** The data a file's text holds: its snapshot (checked by `check`) with every complete batch applied. */
export function replayDataFile(text: string, check: (raw: unknown) => DataShape): Replayed {
  const { snapshot, batches, tornTail } = splitDataFile(text);
  const data = check(JSON.parse(snapshot));
  batches.forEach((line, i) => applyBatch(data, line, i + 2));
  const snapshotBytes = Buffer.byteLength(snapshot);
  const total = Buffer.byteLength(text);
  const completeBytes = tornTail ? Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)) : total;
  return { data, batches: batches.length, tornTail, snapshotBytes, completeBytes };
}
