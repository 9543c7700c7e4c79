/**
 * The data file (`sqltriage.json`): the working set (working-set.ts) of bot state, recent cases
 * and recent audit entries, so a restart finds them in one place; older cases are in the archive
 * beside it (archive.ts). lowdb's `Low` holds the data, with our own adapter (journaled-file.ts):
 * each write appends only what changed, and at rest the file is one JSON document. (lowdb's
 * `JSONFilePreset` is avoided: it keeps data in memory under NODE_ENV=test.)
 *
 * Format 1 (before the archive) is read as it is and written as format 2 at the first write;
 * the cases it holds move to the archive in the background (archiver.ts).
 */
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Low } from 'lowdb';
import type { Case } from '../triage/types';
import { DamagedLineError, replayDataFile } from './journal';
import { JournaledFile } from './journaled-file';
import { DataFileBusyError, WriterLock } from './lock';
import { isRecord } from './own';
import { Snapshot } from './snapshot';
import { WorkingSet } from './working-set';
import { WriteQueue } from './write-queue';

export const DATA_FILE_NAME = 'sqltriage.json';
export const LOCK_FILE_NAME = '.sqltriage.lock';
/** 1: everything in this file; 2: older cases in the archive beside it. */
const FORMATS = [1, 2];
/** After a failed background compaction, the next attempt waits this long. */
const RETRY_COMPACTION_MS = 30_000;

export interface StateRecord {
  eTag: string;
  value: Record<string, unknown>;
}

/** The file's content as parsed (what `readDataFile` returns); in memory it is a WorkingSet. */
export interface DataShape {
  format: number;
  /** Incremented on every state write; eTags are drawn from it so they never repeat across restarts. */
  seq: number;
  state: Record<string, StateRecord>;
  cases: Record<string, Case>;
  audit: Record<string, unknown>[];
}

export class DataFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`data file ${file} ${detail}; sqltriage will not overwrite it: repair it or move it away, then start again`);
    this.name = 'DataFileError';
  }
}

export interface DataFile {
  readonly file: string;
  /** In-memory working set; change it synchronously, call `changed()` for each state or case key, then `save()`. */
  readonly data: WorkingSet;
  changed(section: 'state' | 'cases', key: string): void;
  /** The `n` oldest audit entries were removed from `data.audit` (they are archived). */
  auditDropped(n: number): void;
  /** How many of the oldest audit entries are already in the file. */
  readonly auditInFile: number;
  /** Becomes the folder's one writer now (instead of at the first write); throws DataFileBusyError. */
  claim(): Promise<void>;
  /** Resolves once a write that started after this call is on disk. */
  save(): Promise<void>;
  /** Folds the appended batches into one document beside the turns; resolves when done. */
  compact(): Promise<void>;
  /** Flushes pending writes; later saves are refused. */
  close(): Promise<void>;
}

function checkShape(file: string, raw: unknown): DataShape {
  if (!isRecord(raw)) throw new DataFileError(file, 'does not hold a JSON object');
  if (!FORMATS.includes(raw.format as number)) throw new DataFileError(file, `has format ${JSON.stringify(raw.format)}, expected ${FORMATS.join(' or ')}`);
  if (typeof raw.seq !== 'number' || !isRecord(raw.state) || !isRecord(raw.cases) || !Array.isArray(raw.audit)) {
    throw new DataFileError(file, 'is missing one of seq, state, cases, audit');
  }
  return raw as unknown as DataShape;
}

/** Identifies the file's current version (absent, or inode + size + mtime). */
async function fingerprint(file: string): Promise<string> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
    throw err;
  }
}

/** What a data file holds right now, read without opening the store (for tools and tests). */
export async function readDataFile(file: string): Promise<DataShape> {
  return replayDataFile(await readFile(file, 'utf8'), (raw) => checkShape(file, raw)).data;
}

/** Opens (or creates) `<dir>/sqltriage.json`. A file that cannot be read is reported, never replaced. */
export async function openDataFile(dir: string, opts: { now?: () => number } = {}): Promise<DataFile> {
  const now = opts.now ?? Date.now;
  const file = path.resolve(dir, DATA_FILE_NAME);
  // The folder is created for the bot's user alone (0700); the files in it are 0600.
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Batches appended per write, the whole file now and then: see journaled-file.ts and snapshot.ts.
  let snapshot: Snapshot | undefined;
  const adapter = new JournaledFile(file, { check: (raw) => checkShape(file, raw), snapshot: () => snapshot!, now });
  const db = new Low<WorkingSet>(adapter, new WorkingSet());
  const seen = await fingerprint(file);
  let read: WorkingSet | null;
  try {
    read = await adapter.read();
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    const why =
      err instanceof SyntaxError
        ? `is not valid JSON (${err.message})`
        : err instanceof DamagedLineError
          ? `has a damaged change line (${err.message})`
          : `cannot be read (${(err as Error).message})`;
    throw new DataFileError(file, why);
  }
  if (read !== null) db.data = read;
  snapshot = new Snapshot(() => db.data);
  let closed = false;
  const lock = new WriterLock(path.join(path.dirname(file), LOCK_FILE_NAME), file);
  let locked = false;
  let claiming: Promise<void> | undefined;
  // Callers may ask at the same moment (a write and a compaction): they share one attempt.
  const claim = (): Promise<void> =>
    (claiming ??= takeLock().catch((err: unknown) => {
      claiming = undefined;
      throw err;
    }));
  const takeLock = async () => {
    if (locked) return;
    await lock.acquire();
    // Another process may have written between our read and our lock: writing now would undo it.
    if ((await fingerprint(file)) !== seen) {
      await lock.release();
      throw new DataFileBusyError(`data file ${file} was changed by another process after it was opened here; start again to load it`);
    }
    locked = true;
    // A file created by an older version (0644) is narrowed once this process is its writer.
    if (seen !== 'absent') await chmod(file, 0o600);
  };
  let retryAfter = 0;
  const compact = async (): Promise<void> => {
    if (closed) return;
    await claim(); // the temporary file is the writer's alone
    return adapter.compactInBackground(() => queue.request()).catch((err: Error) => {
      retryAfter = now() + RETRY_COMPACTION_MS;
      throw err;
    });
  };
  const queue = new WriteQueue(async () => {
    await claim();
    await db.write();
    // Folding the appended batches starts after this write and runs beside the next turns.
    if (!closed && adapter.compactionDue && now() >= retryAfter) compact().catch(() => undefined);
  });
  return {
    file,
    get data() {
      return db.data;
    },
    changed(section, key) {
      snapshot!.changed(section, key);
    },
    auditDropped(n) {
      snapshot!.auditDropped(n);
    },
    get auditInFile() {
      return snapshot!.auditInFile;
    },
    claim,
    save() {
      if (closed) return Promise.reject(new Error(`data file ${file} is closed`));
      return queue.request();
    },
    compact,
    async close() {
      closed = true;
      await queue.idle();
      await adapter.settle();
      await queue.idle();
      // At rest the file is one JSON document: fold the appended batches into it.
      if (locked && (adapter.hasBatches || snapshot!.hasPending)) {
        adapter.compactOnNextWrite();
        await queue.request();
      }
      await adapter.release();
      await lock.release();
    },
  };
}
