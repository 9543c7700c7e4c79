/**
 * lowdb adapter for the data file (format in journal.ts). A write appends the batch of changes
 * since the last write, one `write` on a descriptor opened for appending. Now and then, and on
 * close, it compacts instead: the whole data goes into a temporary file with one `writev` from the
 * snapshot's cached chunks, which is then renamed over the data file, so a reader or a crash sees
 * the old file or the new one, never half of one.
 *
 * Why not lowdb's own DataFile + steno: rewriting the file on every turn costs the size of all
 * cases ever kept, and steno's `fs.writeFile` copies it into one buffer and writes it 512 KB per
 * thread-pool round trip. At 5 MB of cases every write took 11-18 ms and every turn waited for it.
 */
import { open, readFile, rename, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import type { DataShape } from './data-file';
import { replayDataFile } from './journal';
import type { Snapshot } from './snapshot';

/** Appended batches may grow to the snapshot's size (at least this much) before a compaction. */
const MIN_JOURNAL_BYTES = 1 << 20;

export interface FileParts {
  /** Parses and checks the snapshot line (throws on a bad one). */
  check(raw: unknown): DataShape;
  /** Built once the data is read: serialises batches and the whole file. */
  snapshot(): Snapshot;
}

export class JournaledFile implements Adapter<DataShape> {
  readonly tempFile: string;
  private appender: FileHandle | undefined;
  private snapshotBytes = 0;
  private journalBytes = 0;
  private compactNext = false;

  constructor(
    readonly file: string,
    private readonly parts: FileParts,
  ) {
    this.tempFile = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  }

  /** The snapshot with every complete batch applied, or null when there is no file yet. */
  async read(): Promise<DataShape | null> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      // No file yet: the first write creates it whole (an append needs a snapshot line before it).
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        this.compactNext = true;
        return null;
      }
      throw err;
    }
    const { data, batches, tornTail, snapshotBytes } = replayDataFile(text, this.parts.check);
    this.snapshotBytes = snapshotBytes;
    this.journalBytes = Buffer.byteLength(text) - snapshotBytes;
    // Fold replayed batches (and drop a torn tail) with the first write, before appending anything.
    this.compactNext = batches > 0 || tornTail;
    return data;
  }

  /** True when batches were appended since the file was last written whole. */
  get hasBatches(): boolean {
    return this.journalBytes > 0 || this.compactNext;
  }

  /** The next write rewrites the file whole. */
  compactOnNextWrite(): void {
    this.compactNext = true;
  }

  /** lowdb passes the data; the bytes come from the snapshot, which tracks what changed in it. */
  async write(_data: DataShape): Promise<void> {
    if (this.compactNext || this.journalBytes > Math.max(MIN_JOURNAL_BYTES, this.snapshotBytes)) {
      await this.compact();
      return;
    }
    const line = this.parts.snapshot().batch();
    if (!line) return;
    try {
      this.appender ??= await open(this.file, 'a', 0o600);
      const { bytesWritten } = await this.appender.write(line);
      if (bytesWritten !== line.length) throw new Error(`short append to ${this.file}: ${bytesWritten} of ${line.length} bytes`);
      this.journalBytes += line.length;
    } catch (err) {
      // The file may now end in a partial line, and this batch is lost from the journal: the
      // next write rewrites the file whole from memory (which still holds the batch).
      this.compactNext = true;
      throw err;
    }
  }

  /** Stops appending (the descriptor is closed); the next write opens it again. */
  async release(): Promise<void> {
    const handle = this.appender;
    this.appender = undefined;
    await handle?.close();
  }

  private async compact(): Promise<void> {
    // Rendering takes every pending change: changes made while the file is written go in the next batch.
    const chunks = this.parts.snapshot().render();
    this.compactNext = true; // until the rename has happened
    const expected = chunks.reduce((n, c) => n + c.length, 0);
    // Only the bot's own user may read cases and conversation state (a leftover temp file included).
    const handle = await open(this.tempFile, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      const { bytesWritten } = await handle.writev(chunks);
      if (bytesWritten !== expected) throw new Error(`short write to ${this.tempFile}: ${bytesWritten} of ${expected} bytes`);
    } catch (err) {
      await handle.close().catch(() => undefined);
      await unlink(this.tempFile).catch(() => undefined);
      throw err;
    }
    await handle.close();
    await rename(this.tempFile, this.file);
    await this.release(); // it appended to the file that was just replaced
    this.snapshotBytes = expected;
    this.journalBytes = 0;
    this.compactNext = false;
  }
}
