/**
 * lowdb adapter for the data file (format in journal.ts). A write appends the batch of changes
 * since the last write, one `write` on a descriptor opened for appending: that is all a turn waits
 * for.
 *
 * Compaction (folding the appended batches into one document) runs beside the turns: the whole
 * working set is rendered a chunk at a time into a temporary file while turns keep appending to the
 * data file; every batch appended meanwhile is also kept, and the next write, having appended its
 * own, copies those batches to the end of the temporary file and renames it over the data file. So
 * a reader or a crash sees the old file or the new one, each complete, and a turn never waits for
 * the rewrite, only for that last small copy.
 *
 * Why not lowdb's own DataFile + steno: rewriting the file on every turn costs the size of all
 * cases ever kept, and steno's `fs.writeFile` copies it into one buffer and writes it 512 KB per
 * thread-pool round trip. At 5 MB of cases every write took 11-18 ms and every turn waited for it.
 */
import { open, readFile, rename, truncate, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { DataShape } from './data-file';
import { replayDataFile } from './journal';
import type { Snapshot } from './snapshot';
import { WorkingSet } from './working-set';

/** Appended batches may grow to the snapshot's size (at least this much) before a compaction. */
const MIN_JOURNAL_BYTES = 1 << 20;

export interface FileParts {
  /** Parses and checks the snapshot line (throws on a bad one). */
  check(raw: unknown): DataShape;
  /** Built once the data is read: serialises batches and the whole file. */
  snapshot(): Snapshot;
  now(): number;
}

/** A rewrite in progress: the temporary file, and the batches appended since rendering began. */
interface Rewrite {
  handle: FileHandle;
  tail: Buffer[];
  bytes: number;
  /** Set once the rendered document is in the temporary file: the next write finishes the swap. */
  rendered: boolean;
  done: Promise<void>;
  finish: (err?: Error) => void;
}

export class JournaledFile implements Adapter<WorkingSet> {
  readonly tempFile: string;
  private appender: FileHandle | undefined;
  private snapshotBytes = 0;
  private journalBytes = 0;
  /** The next write rewrites the file whole, in the write itself (a new file, or after a failed append). */
  private wholeNext = false;
  /** The file held batches, a torn tail, or an older format when read: fold it once writing. */
  private foldSoon = false;
  /** A torn last line is cut at this length before the first append. */
  private cutAt: number | undefined;
  private rewrite: Rewrite | undefined;

  constructor(
    readonly file: string,
    private readonly parts: FileParts,
  ) {
    this.tempFile = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  /** The snapshot with every complete batch applied, or null when there is no file yet. */
  async read(): Promise<WorkingSet | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      // No file yet: the first write creates it whole (an append needs a snapshot line before it).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.wholeNext = true;
        return null;
      }
      throw err;
    }
    const { data, batches, tornTail, snapshotBytes, completeBytes } = replayDataFile(text, this.parts.check);
    this.snapshotBytes = snapshotBytes;
    this.journalBytes = completeBytes - snapshotBytes;
    if (tornTail) this.cutAt = completeBytes;
    this.foldSoon = batches > 0 || tornTail || data.format !== 2;
    return WorkingSet.fromData(data, this.parts.now());
  }

  /** True when the file is not one document of the current format. */
  get hasBatches(): boolean {
    return this.journalBytes > 0 || this.wholeNext || this.foldSoon || this.cutAt !== undefined;
  }

  /** Whether a background compaction is due (checked after each write). */
  get compactionDue(): boolean {
    if (this.rewrite || this.wholeNext) return false;
    return this.foldSoon || this.journalBytes > Math.max(MIN_JOURNAL_BYTES, this.snapshotBytes);
  }

  get compacting(): boolean {
    return this.rewrite !== undefined;
  }

  /** The next write rewrites the file whole (used on close: at rest it is one document). */
  compactOnNextWrite(): void {
    this.wholeNext = true;
  }

  /** lowdb passes the data; the bytes come from the snapshot, which tracks what changed in it. */
  async write(_data: WorkingSet): Promise<void> {
    if (this.wholeNext && !this.rewrite) {
      await this.writeWhole();
      return;
    }
    const line = this.parts.snapshot().batch();
    if (line) await this.append(line);
    const rw = this.rewrite;
    if (rw?.rendered) await this.swap(rw);
  }

  /**
   * Starts a compaction beside the turns; resolves when it is done (or failed: the data file is
   * then left as it was, complete, and the error is returned to the caller, not thrown at a turn).
   * `request` asks the write queue for a write, which performs the final swap.
   */
  compactInBackground(request: () => Promise<void>): Promise<void> {
    if (this.rewrite) return this.rewrite.done;
    // The next write rewrites the file whole anyway (and may be doing so now, into the same temporary file).
    if (this.wholeNext) return Promise.resolve();
    let finish!: (err?: Error) => void;
    const done = new Promise<void>((resolve, reject) => (finish = (err) => (err ? reject(err) : resolve())));
    const start = async (): Promise<void> => {
      // Only the bot's own user may read cases and conversation state (a leftover temp file included).
      const handle = await open(this.tempFile, 'w', 0o600);
      const rw: Rewrite = { handle, tail: [], bytes: 0, rendered: false, done, finish };
      this.rewrite = rw;
      try {
        await handle.chmod(0o600);
        for (const chunk of this.parts.snapshot().render()) {
          await writeAll(handle, chunk, this.tempFile);
          rw.bytes += chunk.length;
        }
      } catch (err) {
        await this.abandon(rw, err as Error);
        return;
      }
      rw.rendered = true;
      request().catch(() => undefined); // the write's own callers see its errors
    };
    start().catch((err: Error) => finish(err));
    return done;
  }

  /** Stops appending (the descriptor is closed); the next write opens it again. */
  async release(): Promise<void> {
    const handle = this.appender;
    this.appender = undefined;
    await handle?.close();
  }

  /** Waits for a compaction in progress to end, whatever its outcome. */
  async settle(): Promise<void> {
    await this.rewrite?.done.catch(() => undefined);
  }

  private async append(line: Buffer): Promise<void> {
    try {
      if (this.cutAt !== undefined) {
        // A line cut short by a crash: it was never acknowledged, and appending after it would damage the next.
        await truncate(this.file, this.cutAt);
        this.cutAt = undefined;
      }
      this.appender ??= await open(this.file, 'a', 0o600);
      await writeAll(this.appender, line, this.file);
      this.journalBytes += line.length;
      this.rewrite?.tail.push(line);
    } catch (err) {
      // The file may now end in a partial line, and this batch is lost from the journal: the
      // next write rewrites the file whole from memory (which still holds the batch).
      this.wholeNext = true;
      if (this.rewrite) await this.abandon(this.rewrite, err as Error);
      throw err;
    }
  }

  /** In a write, after its own append: the batches since rendering began go after the document, then the rename. */
  private async swap(rw: Rewrite): Promise<void> {
    const tail = Buffer.concat(rw.tail);
    try {
      await writeAll(rw.handle, tail, this.tempFile);
      await rw.handle.close();
      await rename(this.tempFile, this.file);
    } catch (err) {
      await this.abandon(rw, err as Error);
      return;
    }
    this.rewrite = undefined;
    await this.release(); // it appended to the file that was just replaced
    this.snapshotBytes = rw.bytes;
    this.journalBytes = tail.length;
    this.foldSoon = false;
    this.cutAt = undefined; // a torn line of the old file is gone with it
    rw.finish();
  }

  private async abandon(rw: Rewrite, err: Error): Promise<void> {
    if (this.rewrite === rw) this.rewrite = undefined;
    await rw.handle.close().catch(() => undefined);
    await unlink(this.tempFile).catch(() => undefined);
    rw.finish(err);
  }

  /** The whole file in one go, inside the write (a new file, after an error, and on close). */
  private async writeWhole(): Promise<void> {
    const snapshot = this.parts.snapshot();
    snapshot.batch(); // what is pending goes into the document itself
    const handle = await open(this.tempFile, 'w', 0o600);
    let bytes = 0;
    try {
      await handle.chmod(0o600);
      for (const chunk of snapshot.render()) {
        await writeAll(handle, chunk, this.tempFile);
        bytes += chunk.length;
      }
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(this.tempFile).catch(() => undefined);
      throw err;
    }
    await handle.close();
    await rename(this.tempFile, this.file);
    await this.release();
    this.snapshotBytes = bytes;
    this.journalBytes = 0;
    this.wholeNext = false;
    this.foldSoon = false;
    this.cutAt = undefined;
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer, file: string): Promise<void> {
  const { bytesWritten } = await handle.write(bytes);
  if (bytesWritten !== bytes.length) throw new Error(`short write to ${file}: ${bytesWritten} of ${bytes.length} bytes`);
}
