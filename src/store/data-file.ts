/**
 * The one data file (`sqltriage.json`): bot state, cases and audit entries together, so a
 * restart finds everything in one place. lowdb's `Low` holds the data, with our own adapter
 * (journaled-file.ts): each write appends only what changed, and at rest the file is one JSON
 * document. (lowdb's `JSONFilePreset` is avoided: it keeps data in memory under NODE_ENV=test.)
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
import { WriteQueue } from './write-queue';

export const DATA_FILE_NAME = 'sqltriage.json';
export const LOCK_FILE_NAME = '.sqltriage.lock';
const FORMAT = 1;

export interface StateRecord {
  eTag: string;
  value: Record<string, unknown>;
}

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
  /** In-memory copy; change it synchronously, call `changed()` for each state or case key, then `save()`. */
  readonly data: DataShape;
  changed(section: 'state' | 'cases', key: string): void;
  /** Becomes the folder's one writer now (instead of at the first write); throws DataFileBusyError. */
  claim(): Promise<void>;
  /** Resolves once a write that started after this call is on disk. */
  save(): Promise<void>;
  /** Flushes pending writes; later saves are refused. */
  close(): Promise<void>;
}

function emptyData(): DataShape {
  return { format: FORMAT, seq: 0, state: {}, cases: {}, audit: [] };
}

function checkShape(file: string, raw: unknown): DataShape {
  if (!isRecord(raw)) throw new DataFileError(file, 'does not hold a JSON object');
  if (raw.format !== FORMAT) throw new DataFileError(file, `has format ${JSON.stringify(raw.format)}, expected ${FORMAT}`);
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
export async function openDataFile(dir: string): Promise<DataFile> {
  const file = path.resolve(dir, DATA_FILE_NAME);
  // The folder is created for the bot's user alone (0700); the files in it are 0600.
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Batches appended per write, the whole file now and then: see journaled-file.ts and snapshot.ts.
  let snapshot: Snapshot | undefined;
  const adapter = new JournaledFile(file, { check: (raw) => checkShape(file, raw), snapshot: () => snapshot! });
  const db = new Low<DataShape>(adapter, emptyData());
  const seen = await fingerprint(file);
  let read: DataShape | null;
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
  const claim = async () => {
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
  const queue = new WriteQueue(async () => {
    await claim();
    await db.write();
  });
  return {
    file,
    get data() {
      return db.data;
    },
    changed(section, key) {
      snapshot!.changed(section, key);
    },
    claim,
    save() {
      if (closed) return Promise.reject(new Error(`data file ${file} is closed`));
      return queue.request();
    },
    async close() {
      closed = true;
      await queue.idle();
      // At rest the file is one JSON document: fold the appended batches into it.
      if (locked && adapter.hasBatches) {
        adapter.compactOnNextWrite();
        await queue.request();
      }
      await adapter.release();
      await lock.release();
    },
  };
}
