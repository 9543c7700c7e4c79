/**
 * Serialises writes of one file and coalesces bursts: while a write runs, every new request joins
 * the single next write, so 100 concurrent changes cost two writes, not 100, and each caller
 * resolves only once a write that began after its change is on disk.
 */
export class WriteQueue {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly write: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    const after = this.running.catch(() => undefined);
    this.next = after.then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  /** Resolves when nothing is running or queued (errors are left to the callers that asked). */
  async idle(): Promise<void> {
    while (this.running || this.next) {
      await (this.next ?? this.running)?.catch(() => undefined);
    }
  }

  private start(): Promise<void> {
    const run = this.write().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
