/**
 * Concurrency and rate limits. A request over a limit is refused at once rather than queued: a
 * chat user would rather hear "try again in a minute" than wait on a silent bot.
 */
import { ProbeRefused } from '../errors';
import type { ProbeLimits } from '../types';

export class Limiter {
  private running = new Map<string, number>();
  private total = 0;
  private starts = new Map<string, number[]>();

  constructor(
    private readonly limits: ProbeLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a slot or throws ProbeRefused; call the returned function exactly once when done. */
  acquire(user: string): () => void {
    const t = this.now();
    const recent = (this.starts.get(user) ?? []).filter((s) => t - s < 60_000);
    this.starts.set(user, recent);
    if ((this.running.get(user) ?? 0) >= this.limits.perUserConcurrent) {
      throw new ProbeRefused('busy', 'You already have a probe running; wait for it to finish.');
    }
    if (this.total >= this.limits.globalConcurrent) {
      throw new ProbeRefused('busy', 'Too many probes are running right now; try again shortly.');
    }
    if (recent.length >= this.limits.perUserPerMinute) {
      const waitS = Math.ceil((60_000 - (t - recent[0])) / 1000);
      throw new ProbeRefused('rate-limited', `Probe limit reached (${this.limits.perUserPerMinute} a minute); try again in ${waitS} s.`);
    }
    recent.push(t);
    this.running.set(user, (this.running.get(user) ?? 0) + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      const n = (this.running.get(user) ?? 1) - 1;
      if (n > 0) this.running.set(user, n);
      else this.running.delete(user);
    };
  }
}
