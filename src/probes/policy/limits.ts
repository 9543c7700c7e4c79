/**
 * Concurrency and rate limits. A request over a limit is refused at once rather than queued: a
 * chat user would rather hear "try again in a minute" than wait on a silent bot. Concurrency is
 * per process; the per-minute rate is kept in a ledger the caller provides (the store), so it
 * holds across CLI runs and bot restarts.
 */
import { ProbeRefused } from '../errors';
import type { ProbeLimits } from '../types';

export const RATE_WINDOW_MS = 60_000;

/** Where probe start times are kept. `starts` gives a user's starts since `since`; `record` adds one. */
export interface ProbeStartLedger {
  starts(user: string, since: number): Promise<number[]>;
  record(user: string, at: number): Promise<void>;
}

/** A ledger in memory: this process only (tests, and callers without a store). */
export function memoryLedger(): ProbeStartLedger {
  const byUser = new Map<string, number[]>();
  return {
    async starts(user, since) {
      const kept = (byUser.get(user) ?? []).filter((t) => t > since);
      byUser.set(user, kept);
      return kept;
    },
    async record(user, at) {
      byUser.set(user, [...(byUser.get(user) ?? []), at]);
    },
  };
}

export class Limiter {
  private running = new Map<string, number>();
  private total = 0;
  /** Rate checks run one at a time, so two requests cannot both take the last start of the minute. */
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly limits: ProbeLimits,
    private readonly now: () => number = Date.now,
    private readonly ledger: ProbeStartLedger = memoryLedger(),
  ) {}

  /** Takes a slot or throws ProbeRefused; call the returned function exactly once when done. */
  async acquire(user: string): Promise<() => void> {
    if ((this.running.get(user) ?? 0) >= this.limits.perUserConcurrent) {
      throw new ProbeRefused('busy', 'You already have a probe running; wait for it to finish.');
    }
    if (this.total >= this.limits.globalConcurrent) {
      throw new ProbeRefused('busy', 'Too many probes are running right now; try again shortly.');
    }
    // The slot is taken before waiting on the ledger, so concurrency holds while it is read.
    this.running.set(user, (this.running.get(user) ?? 0) + 1);
    this.total++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.running.get(user) ?? 1) - 1;
      if (n > 0) this.running.set(user, n);
      else this.running.delete(user);
    };
    const check = this.chain.then(async () => {
      const t = this.now();
      const recent = await this.ledger.starts(user, t - RATE_WINDOW_MS);
      if (recent.length >= this.limits.perUserPerMinute) {
        const waitS = Math.max(1, Math.ceil((RATE_WINDOW_MS - (t - Math.min(...recent))) / 1000));
        throw new ProbeRefused('rate-limited', `Probe limit reached (${this.limits.perUserPerMinute} a minute); try again in ${waitS} s.`);
      }
      await this.ledger.record(user, t);
    });
    this.chain = check.catch(() => undefined);
    try {
      await check;
    } catch (err) {
      release();
      throw err;
    }
    return release;
  }
}
