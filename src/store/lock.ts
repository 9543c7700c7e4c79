/**
 * One writer per data folder. The first write takes `<dir>/.sqltriage.lock` (holding the process
 * id); another process that tries to write meanwhile gets a clear error instead of silently
 * replacing the first one's changes. Readers (`sqltriage case list`) never take it. A lock left by
 * a process that no longer runs is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import os from 'node:os';

export class DataFileBusyError extends Error {}

interface Owner {
  pid: number;
  host: string;
  at: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class WriterLock {
  private held = false;

  constructor(
    private readonly lockFile: string,
    private readonly dataFile: string,
  ) {}

  async acquire(): Promise<void> {
    if (this.held) return;
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const handle = await open(this.lockFile, 'wx', 0o600);
        const me: Owner = { pid: process.pid, host: os.hostname(), at: new Date().toISOString() };
        await handle.writeFile(JSON.stringify(me));
        await handle.close();
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const owner = await this.owner();
      if (owner && (owner.host !== os.hostname() || alive(owner.pid))) {
        throw new DataFileBusyError(
          `data file ${this.dataFile} is in use by process ${owner.pid} on ${owner.host} (since ${owner.at}): ` +
            'stop that process, or give this one another SQLTRIAGE_DATA_DIR',
        );
      }
      await unlink(this.lockFile).catch(() => undefined); // left behind by a process that is gone
    }
    throw new DataFileBusyError(`data file ${this.dataFile}: could not take ${this.lockFile}`);
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    const owner = await this.owner();
    if (owner?.pid === process.pid) await unlink(this.lockFile).catch(() => undefined);
  }

  private async owner(): Promise<Owner | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.lockFile, 'utf8')) as Owner;
      return typeof parsed.pid === 'number' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }
}
