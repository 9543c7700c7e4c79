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

export { DataFileError, DATA_FILE_NAME, readDataFile } from './data-file';
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
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './data';

/** One data file under `dir`; throws DataFileError (naming the file) if it exists but is unreadable. */
export async function openStore(opts: { dir: string }): Promise<OpenedStore> {
  const file = await openDataFile(opts.dir);
  return {
    storage: new FileStorage(file),
    cases: new FileCaseStore(file),
    audit: new FileAuditLog(file),
    describe: `file:${file.file}`,
    claim: () => file.claim(),
    close: () => file.close(),
  };
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
    return openStore({ dir: path.resolve(cwd, env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR) });
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
