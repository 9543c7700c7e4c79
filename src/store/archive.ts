/**
 * Cases that left the working set, and old audit entries, one folder per month beside the data
 * file: `archive/YYYY-MM/cases.jsonl` (one case per line), `index.jsonl` (one line per archived
 * case: id, status, dates, and where its line is) and `audit.jsonl`. A case goes in the month of its
 * creation, which its id names (`ST-20250110-...`), so finding one reads that month's index only.
 *
 * Why this shape: nothing here is ever rewritten, only appended to, so archiving costs the size of
 * what moves, opening the store reads none of it, and memory does not grow with history. A month
 * is dropped whole when the retention setting says so. Reading a case is one small read at a known
 * offset. A case archived again (changed after it was archived) gets a new line; the index's last
 * line for an id wins.
 *
 * Crash safety: a case is appended here before it is removed from the data file, so a crash in
 * between leaves it in both (the data file wins until it is archived again). A line cut short by a
 * crash is cut off before the next append. A line that cannot be read is reported with its file
 * and line, skipped, and never changed.
 */
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Case } from '../triage/types';
import { caseProblem, type QuarantinedCase } from './case-check';
import { isRecord } from './own';

export const ARCHIVE_DIR = 'archive';
const MONTH = /^(\d{4}-\d{2}|undated)$/;
const ID_DAY = /^ST-(\d{4})(\d{2})\d{2}-/;

export interface ArchivedCase {
  id: string;
  text: string;
  status: Case['status'];
  createdAt: string;
  updatedAt: string;
}

/** One line of a month's index. */
export interface IndexEntry {
  id: string;
  /** status, createdAt, updatedAt */
  s: Case['status'];
  c: string;
  u: string;
  /** Byte offset and length of the case's line in cases.jsonl. */
  o: number;
  n: number;
  month: string;
}

/** The month a case is filed under: the one its id names, else its creation date's, else "undated". */
export function monthOf(id: string, createdAt?: string): string {
  const m = ID_DAY.exec(id);
  if (m) return `${m[1]}-${m[2]}`;
  const created = /^(\d{4})-(\d{2})-/.exec(createdAt ?? '');
  return created ? `${created[1]}-${created[2]}` : 'undated';
}

interface MonthIndex {
  byId: Map<string, IndexEntry>;
}

export class Archive {
  readonly root: string;
  /** Damaged lines and archived copies that are not cases, as found while reading. */
  private readonly problems = new Map<string, QuarantinedCase>();

  constructor(dataDir: string) {
    this.root = path.join(dataDir, ARCHIVE_DIR);
  }

  private file(month: string, name: 'cases.jsonl' | 'index.jsonl' | 'audit.jsonl' | 'summary.json'): string {
    return path.join(this.root, month, name);
  }

  /** The months present, oldest first. */
  async months(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter((m) => MONTH.test(m)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  /** Appends cases (grouped by month): their lines first, then their index lines. */
  async putCases(items: ArchivedCase[]): Promise<void> {
    const byMonth = new Map<string, ArchivedCase[]>();
    for (const item of items) {
      const month = monthOf(item.id, item.createdAt);
      byMonth.set(month, [...(byMonth.get(month) ?? []), item]);
    }
    for (const [month, list] of byMonth) {
      await mkdir(path.join(this.root, month), { recursive: true, mode: 0o700 });
      const lines = list.map((c) => Buffer.from(`${c.text}\n`));
      let offset = await appendLines(this.file(month, 'cases.jsonl'), Buffer.concat(lines));
      const entries: IndexEntry[] = list.map((c, i) => {
        const e = { id: c.id, s: c.status, c: c.createdAt, u: c.updatedAt, o: offset, n: lines[i].length - 1, month };
        offset += lines[i].length;
        return e;
      });
      const text = entries.map(({ month: _m, ...e }) => `${JSON.stringify(e)}\n`).join('');
      const before = await this.newestChange(month);
      await appendLines(this.file(month, 'index.jsonl'), Buffer.from(text));
      const newest = entries.reduce((max, e) => (e.u > max ? e.u : max), before);
      await writeSummary(this.file(month, 'summary.json'), { indexBytes: await sizeOf(this.file(month, 'index.jsonl')), newest });
    }
  }

  /** The archived case under `id`, or undefined (also when its copy is damaged: see quarantined()). */
  async get(id: string): Promise<Case | undefined> {
    const named = ID_DAY.test(id) ? [monthOf(id)] : (await this.months()).reverse();
    for (const month of named) {
      const entry = await this.findInIndex(month, id);
      if (entry) return (await this.readCases([entry]))[0];
    }
    return undefined;
  }

  /**
   * The last index line for `id` in a month, found by searching the file's bytes for the line's
   * start (every line begins `{"id":<id>,`) and parsing that line only: a lookup costs one read of
   * the month's index, not a parse of all its lines.
   */
  private async findInIndex(month: string, id: string): Promise<IndexEntry | undefined> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.file(month, 'index.jsonl'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const needle = Buffer.from(`{"id":${JSON.stringify(id)},`);
    for (let at = bytes.lastIndexOf(needle); at >= 0; at = at > 0 ? bytes.lastIndexOf(needle, at - 1) : -1) {
      if (at > 0 && bytes[at - 1] !== 10) continue; // not at the start of a line
      const end = bytes.indexOf(10, at);
      if (end < 0) continue; // a line still being written, or cut by a crash
      const entry = parseIndexLine(bytes.subarray(at, end).toString('utf8'), month);
      if (entry && entry.id === id) return entry;
      this.problems.set(`${month}:${at}`, { id, problem: `has an index line at byte ${at} that is not an index entry (skipped)`, in: `${ARCHIVE_DIR}/${month}/index.jsonl` });
    }
    return undefined;
  }

  /** Every archived case's index entry (the last line per id), for listing. */
  async entries(): Promise<IndexEntry[]> {
    const out: IndexEntry[] = [];
    for (const month of await this.months()) out.push(...(await this.monthEntries(month)));
    return out;
  }

  /** A month's index entries (the last line per id). */
  async monthEntries(month: string): Promise<IndexEntry[]> {
    return [...(await this.monthIndex(month)).byId.values()];
  }

  /**
   * The months with the newest change among their cases, newest first: listing the most recent
   * cases reads the indexes of the months that can hold them, not all of them. The newest change
   * comes from `summary.json` (written with each append) while it matches the index's size, else
   * from the index itself.
   */
  async monthsByNewest(): Promise<{ month: string; newest: string }[]> {
    const out: { month: string; newest: string }[] = [];
    for (const month of await this.months()) out.push({ month, newest: await this.newestChange(month) });
    return out.sort((a, b) => (a.newest < b.newest ? 1 : a.newest > b.newest ? -1 : 0));
  }

  /** The cases behind index entries, in the same order (damaged ones left out and reported); one open file per month. */
  async readCases(entries: IndexEntry[]): Promise<Case[]> {
    const handles = new Map<string, Promise<FileHandle>>();
    const found: (Case | undefined)[] = [];
    try {
      for (const e of entries) {
        if (!handles.has(e.month)) handles.set(e.month, open(this.file(e.month, 'cases.jsonl'), 'r'));
        found.push(await this.readCase(e, handles.get(e.month)!));
      }
    } finally {
      for (const h of handles.values()) await h.then((handle) => handle.close()).catch(() => undefined);
    }
    return found.filter((c): c is Case => c !== undefined);
  }

  /** Damaged archive lines and archived copies that are not cases, found so far. */
  quarantined(): QuarantinedCase[] {
    return [...this.problems.values()];
  }

  async appendAudit(entries: { at: string; text: string }[]): Promise<void> {
    const byMonth = new Map<string, string[]>();
    for (const e of entries) {
      const month = monthOf('', e.at);
      byMonth.set(month, [...(byMonth.get(month) ?? []), e.text]);
    }
    for (const [month, texts] of byMonth) {
      await mkdir(path.join(this.root, month), { recursive: true, mode: 0o700 });
      await appendLines(this.file(month, 'audit.jsonl'), Buffer.from(texts.map((t) => `${t}\n`).join('')));
    }
  }

  /** Archived audit entries, oldest month first (damaged lines skipped). */
  async auditEntries(): Promise<Record<string, unknown>[]> {
    const out: Record<string, unknown>[] = [];
    for (const month of await this.months()) {
      const text = await readFile(this.file(month, 'audit.jsonl'), 'utf8').catch(() => '');
      for (const line of completeLines(text)) {
        try {
          out.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // reported by nobody: audit lines are not cases; the file is left as it is
        }
      }
    }
    return out;
  }

  /** The newest change among a month's cases ('' when it has none). */
  async newestChange(month: string): Promise<string> {
    const indexBytes = await sizeOf(this.file(month, 'index.jsonl'));
    const saved = await readSummary(this.file(month, 'summary.json'));
    if (saved && saved.indexBytes === indexBytes) return saved.newest;
    let newest = '';
    for (const e of (await this.monthIndex(month)).byId.values()) if (e.u > newest) newest = e.u;
    return newest;
  }

  /** Deletes a month: renamed away first, so a crash never leaves half a month looking whole. */
  async removeMonth(month: string): Promise<void> {
    if (!MONTH.test(month)) throw new Error(`not an archive month: ${month}`);
    const gone = path.join(this.root, `.removing-${month}-${Date.now()}`);
    await rename(path.join(this.root, month), gone);
    await rm(gone, { recursive: true, force: true });
  }

  /** A month's whole index (the last line per id wins), for listing and retention. */
  private async monthIndex(month: string): Promise<MonthIndex> {
    const file = this.file(month, 'index.jsonl');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { byId: new Map() };
      throw err;
    }
    const byId = new Map<string, IndexEntry>();
    completeLines(text).forEach((line, i) => {
      const e = parseIndexLine(line, month);
      if (e) byId.set(e.id, e);
      else this.problems.set(`${file}:${i + 1}`, { id: `line ${i + 1}`, problem: 'is not an index entry (skipped)', in: `${ARCHIVE_DIR}/${month}/index.jsonl` });
    });
    return { byId };
  }

  private async readCase(e: IndexEntry, opened: Promise<FileHandle>): Promise<Case | undefined> {
    let value: unknown;
    let problem: string | undefined;
    try {
      const handle = await opened;
      const buf = Buffer.alloc(e.n);
      const { bytesRead } = await handle.read(buf, 0, e.n, e.o);
      value = JSON.parse(buf.subarray(0, bytesRead).toString('utf8'));
      problem = caseProblem(e.id, value);
    } catch (err) {
      problem = `${err instanceof SyntaxError ? 'is not valid JSON' : 'cannot be read'} at byte ${e.o} (${(err as Error).message})`;
    }
    if (problem) {
      this.problems.set(e.id, { id: e.id, problem, in: `${ARCHIVE_DIR}/${e.month}/cases.jsonl` });
      return undefined;
    }
    return value as Case;
  }

}

interface Summary {
  indexBytes: number;
  newest: string;
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}

/** A month's summary, or undefined when it is missing or unreadable (it is derived: the index is recounted). */
async function readSummary(file: string): Promise<Summary | undefined> {
  try {
    const s = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return isRecord(s) && typeof s.indexBytes === 'number' && typeof s.newest === 'string' ? (s as unknown as Summary) : undefined;
  } catch {
    return undefined;
  }
}

/** Replaced whole (temporary file, then rename), 0600 like the rest. */
async function writeSummary(file: string, summary: Summary): Promise<void> {
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(summary), { mode: 0o600 });
  await rename(temp, file);
}

function parseIndexLine(line: string, month: string): IndexEntry | undefined {
  try {
    const e = JSON.parse(line) as unknown;
    if (!isRecord(e) || typeof e.id !== 'string' || typeof e.u !== 'string' || typeof e.c !== 'string' || typeof e.s !== 'string') return undefined;
    if (!Number.isInteger(e.o) || !Number.isInteger(e.n) || (e.o as number) < 0 || (e.n as number) < 0) return undefined;
    return { ...(e as unknown as IndexEntry), month };
  } catch {
    return undefined;
  }
}

/** The lines of a file that end with a newline (a last line without one is being written, or was cut by a crash). */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((l) => l !== '');
}

/**
 * Appends `bytes` (whole lines) and returns the offset they start at. A last line cut short by a
 * crash is cut off first: it was never acknowledged, and the new lines must start on a line of their own.
 */
async function appendLines(file: string, bytes: Buffer): Promise<number> {
  const handle = await open(file, 'a+', 0o600);
  try {
    let size = (await handle.stat()).size;
    if (size > 0) {
      const end = await lastNewlineEnd(handle, size);
      if (end !== size) {
        await handle.truncate(end);
        size = end;
      }
    }
    const { bytesWritten } = await handle.write(bytes);
    if (bytesWritten !== bytes.length) throw new Error(`short write to ${file}: ${bytesWritten} of ${bytes.length} bytes`);
    return size;
  } finally {
    await handle.close();
  }
}

/** The length of the file up to and including its last newline (0 if it has none). */
async function lastNewlineEnd(handle: FileHandle, size: number): Promise<number> {
  const step = 64 * 1024;
  for (let end = size; end > 0; end -= step) {
    const start = Math.max(0, end - step);
    const buf = Buffer.alloc(end - start);
    await handle.read(buf, 0, buf.length, start);
    const at = buf.lastIndexOf(10);
    if (at >= 0) return start + at + 1;
  }
  return 0;
}
