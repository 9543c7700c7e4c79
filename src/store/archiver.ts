/**
 * Keeps the working set small, beside the turns: cases unchanged for `archiveAfterDays` move to the
 * archive (archive.ts), audit entries as old move with them, the state of conversations idle for
 * `stateIdleDays` is dropped, and with `retentionDays` archived months whose every case is older
 * than that are deleted. It works in small slices with a pause between them, so a turn never waits
 * behind it for more than one slice, and only in the process that writes the data file.
 */
import type { Archive, ArchivedCase } from './archive';
import type { DataFile } from './data-file';
import { textOf } from './working-set';

const DAY_MS = 86_400_000;
/** Cases moved per slice: a slice serialises at most this many cases read from an older file (a few ms). */
const SLICE = 50;

export interface ArchivePolicy {
  /** Cases unchanged for this many days leave the data file for the archive. */
  archiveAfterDays: number;
  /** Archived cases are deleted this many days after their last change; undefined keeps them. */
  retentionDays?: number;
  /** Conversation state untouched this long is dropped (the conversation starts afresh). */
  stateIdleDays: number;
}

export const DEFAULT_POLICY: ArchivePolicy = { archiveAfterDays: 7, stateIdleDays: 30 };
/** How often the archiver looks for work while the bot runs. */
export const ARCHIVE_EVERY_MS = 3_600_000;
/** The first pass waits this long after start-up, so it does not compete with the first turns. */
export const FIRST_PASS_AFTER_MS = 10_000;

export interface PassResult {
  cases: number;
  audit: number;
  state: number;
  monthsDeleted: number;
}

const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Archiver {
  private running: Promise<PassResult> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private first: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly file: DataFile,
    private readonly archive: Archive,
    private readonly policy: ArchivePolicy,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs a pass soon after start-up and then every `everyMs`, without keeping the process alive. */
  start(everyMs = ARCHIVE_EVERY_MS, onError: (err: Error) => void = () => undefined, firstAfterMs = FIRST_PASS_AFTER_MS): void {
    const run = () => {
      if (!this.stopped) this.pass().catch(onError);
    };
    this.first = setTimeout(run, firstAfterMs);
    this.first.unref();
    this.timer = setInterval(run, everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass in progress (it stops after its current slice). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.first) clearTimeout(this.first);
    await this.running?.catch(() => undefined);
  }

  /** One pass over the working set (joins a pass already running). */
  pass(): Promise<PassResult> {
    this.running ??= this.work().finally(() => (this.running = undefined));
    return this.running;
  }

  private async work(): Promise<PassResult> {
    // Only the folder's one writer archives (a reader such as `sqltriage case list` never does).
    await this.file.claim();
    const result: PassResult = { cases: 0, audit: 0, state: 0, monthsDeleted: 0 };
    const now = this.now();
    const cutoff = new Date(now - this.policy.archiveAfterDays * DAY_MS).toISOString();
    const ws = this.file.data;

    // Cases: damaged entries stay where they are (quarantined), everything else old moves.
    const old = [...ws.cases].filter(([, e]) => !e.problem && e.updatedAt! < cutoff);
    for (let i = 0; i < old.length && !this.stopped; i += SLICE) {
      const slice = old.slice(i, i + SLICE).filter(([id, e]) => ws.cases.get(id) === e);
      const items: ArchivedCase[] = slice.map(([id, e]) => ({ id, text: textOf(e), status: e.status!, createdAt: e.createdAt!, updatedAt: e.updatedAt! }));
      await this.archive.putCases(items);
      // A case changed while it was being archived stays: the archived copy is older, and the data file wins.
      for (const [id, e] of slice) {
        if (ws.cases.get(id) !== e) continue;
        ws.cases.delete(id);
        this.file.changed('cases', id);
        result.cases++;
      }
      await this.file.save();
      await pause();
    }

    // Audit entries as old as the archived cases, oldest first, only those already in the file.
    while (!this.stopped) {
      let n = 0;
      const limit = Math.min(this.file.auditInFile, ws.audit.length, 5 * SLICE);
      while (n < limit && ws.audit[n].at < cutoff) n++;
      if (n === 0) break;
      await this.archive.appendAudit(ws.audit.slice(0, n).map((a) => ({ at: a.at, text: textOf(a) })));
      ws.audit.splice(0, n);
      this.file.auditDropped(n);
      result.audit += n;
      await this.file.save();
      await pause();
    }

    // Conversation state (dialog position, the case it is on) of conversations long idle.
    const idle = now - this.policy.stateIdleDays * DAY_MS;
    for (const [key, e] of ws.state) {
      if (!key.includes('/conversations/') || e.at >= idle) continue;
      ws.state.delete(key);
      this.file.changed('state', key);
      result.state++;
    }
    if (result.state > 0) await this.file.save();

    if (this.policy.retentionDays !== undefined && !this.stopped) {
      const keepFrom = new Date(now - this.policy.retentionDays * DAY_MS).toISOString();
      for (const month of await this.archive.months()) {
        // A month can only be wholly older than the cutoff once the month itself is.
        if (month !== 'undated' && `${month}-01` >= keepFrom.slice(0, 10)) continue;
        const newest = await this.archive.newestChange(month);
        if (newest < keepFrom) {
          await this.archive.removeMonth(month);
          result.monthsDeleted++;
        }
      }
    }
    return result;
  }
}
