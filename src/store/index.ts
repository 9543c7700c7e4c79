/**
 * Opening the store: the lowdb data file by default, or botbuilder's Azure Blob storage when
 * several instances share state (`SQLTRIAGE_STORAGE=blobs`). Callers see the same four things.
 */
import path from 'node:path';
import type { Storage } from 'botbuilder';
import type { AuditLog, CaseStore } from './types';
import { openDataFile } from './data-file';
import { FileStorage } from './file-storage';
import { FileCaseStore } from './file-case-store';
import { FileAuditLog } from './file-audit-log';
import { StorageCaseStore } from './storage-case-store';
import { StorageAuditLog } from './storage-audit-log';
import { Archive } from './archive';
import { ARCHIVE_EVERY_MS, Archiver, DEFAULT_POLICY, type ArchivePolicy, type PassResult } from './archiver';

export { DataFileError, DATA_FILE_NAME, readDataFile } from './data-file';
export { ARCHIVE_DIR } from './archive';
export { DEFAULT_POLICY, type ArchivePolicy, type PassResult } from './archiver';
export { DataFileBusyError } from './lock';
export type { AuditLog, CaseStore } from './types';
export { quarantineNotice, type QuarantinedCase } from './case-check';
export { FileProbeStarts, StorageProbeStarts, PROBE_STARTS_FILE, type ProbeStarts } from './probe-starts';
import { FileProbeStarts, StorageProbeStarts, type ProbeStarts } from './probe-starts';

export interface OpenedStore {
  storage: Storage;
  cases: CaseStore;
  audit: AuditLog;
  /** 'file:<path>' or 'blobs:<container>' (shown by the health endpoint and at start-up). */
  describe: string;
  /** Take the store for writing now, so a second server on the same data fails at start-up. */
  claim(): Promise<void>;
  /**
   * Keeping the data file small while the bot runs (file mode only): archiving old cases and
   * audit entries, dropping idle conversation state, retention, and folding the appended changes.
   */
  maintenance?: Maintenance;
  close(): Promise<void>;
}

export interface Maintenance {
  readonly policy: ArchivePolicy;
  /** Runs a pass 10 s after start-up and then every hour, beside the turns; errors go to `onError`. */
  start(onError?: (err: Error) => void, everyMs?: number): void;
  /** One archiving pass now. */
  pass(): Promise<PassResult>;
  /** Folds the appended changes into one document now, beside the turns. */
  compact(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './data';

/**
 * The data file under `dir` and the archive beside it; throws DataFileError (naming the file) if
 * the data file exists but is unreadable. Nothing is archived until `maintenance.start()` or `pass()`.
 */
export async function openStore(opts: { dir: string; policy?: ArchivePolicy; now?: () => number }): Promise<OpenedStore> {
  const now = opts.now ?? Date.now;
  const file = await openDataFile(opts.dir, { now });
  const archive = new Archive(path.dirname(file.file));
  const archiver = new Archiver(file, archive, opts.policy ?? DEFAULT_POLICY, now);
  return {
    storage: new FileStorage(file, now),
    cases: new FileCaseStore(file, archive),
    audit: new FileAuditLog(file, archive),
    describe: `file:${file.file}`,
    claim: () => file.claim(),
    maintenance: {
      policy: opts.policy ?? DEFAULT_POLICY,
      start: (onError, everyMs = ARCHIVE_EVERY_MS) => archiver.start(everyMs, onError),
      pass: () => archiver.pass(),
      compact: () => file.compact(),
    },
    async close() {
      await archiver.stop();
      await file.close();
    },
  };
}

/** Whole days from a setting, or the default when it is empty; anything else is refused by name. */
function days(env: StoreEnv, name: string, fallback: number | undefined): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 36_500) throw new Error(`${name} '${raw}' is not a number of days (a whole number from 1 to 36500, or empty)`);
  return n;
}

/** The archive and retention settings (see .env.example); retention never keeps a case for less than the archive delay. */
export function policyFromEnv(env: StoreEnv): ArchivePolicy {
  const retentionDays = days(env, 'SQLTRIAGE_RETENTION_DAYS', undefined);
  let archiveAfterDays = days(env, 'SQLTRIAGE_ARCHIVE_AFTER_DAYS', DEFAULT_POLICY.archiveAfterDays)!;
  if (retentionDays !== undefined) archiveAfterDays = Math.min(archiveAfterDays, retentionDays);
  return { ...DEFAULT_POLICY, archiveAfterDays, ...(retentionDays !== undefined ? { retentionDays } : {}) };
}

/** Shared blob container: state, cases and audit all go through botbuilder's BlobsStorage. */
export async function openBlobStore(opts: { connectionString: string; container: string }): Promise<OpenedStore> {
  // Loaded only in this mode: the Azure SDK is large and the default setup never needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { BlobsStorage } = require('botbuilder-azure-blobs') as typeof import('botbuilder-azure-blobs');
  const storage = new BlobsStorage(opts.connectionString, opts.container);
  const cases = new StorageCaseStore(storage);
  await cases.init();
  return {
    storage,
    cases,
    audit: new StorageAuditLog(storage),
    describe: `blobs:${opts.container}`,
    claim: async () => undefined, // shared by design: eTags arbitrate between instances
    close: async () => undefined,
  };
}

export type StoreEnv = Record<string, string | undefined>;

/** Chooses the store from the environment (see .env.example). Bad settings fail with a clear message. */
export async function createStorageFromEnv(env: StoreEnv, cwd = process.cwd()): Promise<OpenedStore> {
  const kind = (env.SQLTRIAGE_STORAGE ?? 'file').trim().toLowerCase() || 'file';
  if (kind === 'file' || kind === 'lowdb') {
    return openStore({ dir: path.resolve(cwd, env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR), policy: policyFromEnv(env) });
  }
  if (kind === 'blobs') {
    const connectionString = env.SQLTRIAGE_BLOB_CONNECTION_STRING?.trim();
    const container = env.SQLTRIAGE_BLOB_CONTAINER?.trim() || 'sqltriage';
    if (!connectionString) {
      throw new Error('SQLTRIAGE_STORAGE=blobs needs SQLTRIAGE_BLOB_CONNECTION_STRING (the storage account connection string)');
    }
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(container)) {
      throw new Error(`SQLTRIAGE_BLOB_CONTAINER '${container}' is not a valid container name (3-63 lower-case letters, digits, single hyphens)`);
    }
    return openBlobStore({ connectionString, container });
  }
  throw new Error(`SQLTRIAGE_STORAGE '${env.SQLTRIAGE_STORAGE}' is not known: use 'file' (default) or 'blobs'`);
}

/**
 * The probe-start ledger for this configuration: a file in the data folder (file mode), or the
 * shared Storage (blobs, given as `storage` when the caller has it open).
 */
export function probeStartsFromEnv(env: StoreEnv, cwd = process.cwd(), storage?: Storage): ProbeStarts | undefined {
  const kind = (env.SQLTRIAGE_STORAGE ?? 'file').trim().toLowerCase() || 'file';
  if (kind === 'file' || kind === 'lowdb') return new FileProbeStarts(path.resolve(cwd, env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR));
  return storage ? new StorageProbeStarts(storage) : undefined;
}
