/**
 * When each user last started probes, kept with the store so the per-minute probe limit holds
 * across `sqltriage probe` runs and bot restarts. In file mode it is its own small file beside the
 * data file (`probe-starts.jsonl`, one line per start, 0600), so the CLI can record a start while
 * the bot holds the data file; with blob storage it is one item in the shared Storage.
 */
import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Storage } from 'botbuilder';
import { isRecord } from './own';

/** The shape src/probes expects (ProbeStartLedger). */
export interface ProbeStarts {
  starts(user: string, since: number): Promise<number[]>;
  record(user: string, at: number): Promise<void>;
}

export const PROBE_STARTS_FILE = 'probe-starts.jsonl';
/** Past this size the file is rewritten with the last hour only. */
const COMPACT_BYTES = 64 * 1024;
const KEEP_MS = 3_600_000;

interface Start {
  user: string;
  at: number;
}

function parseLines(text: string): Start[] {
  const out: Start[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const v = JSON.parse(line) as unknown;
      if (isRecord(v) && typeof v.user === 'string' && typeof v.at === 'number') out.push({ user: v.user, at: v.at });
    } catch {
      // A line cut short by a crash: skipped.
    }
  }
  return out;
}

export class FileProbeStarts implements ProbeStarts {
  readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, PROBE_STARTS_FILE);
  }

  private async all(): Promise<Start[]> {
    try {
      return parseLines(await readFile(this.file, 'utf8'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  async starts(user: string, since: number): Promise<number[]> {
    return (await this.all()).filter((s) => s.user === user && s.at > since).map((s) => s.at);
  }

  async record(user: string, at: number): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await appendFile(this.file, `${JSON.stringify({ user, at })}\n`, { mode: 0o600 });
    if ((await stat(this.file)).size > COMPACT_BYTES) {
      const kept = (await this.all()).filter((s) => s.at > at - KEEP_MS);
      const temp = `${this.file}.tmp`;
      await writeFile(temp, kept.map((s) => JSON.stringify(s) + '\n').join(''), { mode: 0o600 });
      await rename(temp, this.file);
    }
  }
}

const KEY = 'sqltriage.probe-starts';

export class StorageProbeStarts implements ProbeStarts {
  constructor(private readonly storage: Storage) {}

  private async read(): Promise<Record<string, number[]>> {
    const item = (await this.storage.read([KEY]))[KEY] as { byUser?: unknown } | undefined;
    return isRecord(item?.byUser) ? (item.byUser as Record<string, number[]>) : {};
  }

  async starts(user: string, since: number): Promise<number[]> {
    const byUser = await this.read();
    const list = Object.prototype.hasOwnProperty.call(byUser, user) ? byUser[user] : [];
    return Array.isArray(list) ? list.filter((t) => typeof t === 'number' && t > since) : [];
  }

  async record(user: string, at: number): Promise<void> {
    const byUser = await this.read();
    const kept: Record<string, number[]> = {};
    for (const [u, list] of Object.entries(byUser)) {
      const recent = Array.isArray(list) ? list.filter((t) => typeof t === 'number' && t > at - KEEP_MS) : [];
      if (recent.length) Object.defineProperty(kept, u, { value: recent, enumerable: true, writable: true, configurable: true });
    }
    Object.defineProperty(kept, user, { value: [...(kept[user] ?? []), at], enumerable: true, writable: true, configurable: true });
    await this.storage.write({ [KEY]: { byUser: kept, eTag: '*' } });
  }
}
