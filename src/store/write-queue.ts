/**
 * Serialises writes of one file and coalesces bursts: every request joins the single next write
 * (which starts when the running one ends, one macrotask later), so 100 concurrent changes cost one
 * or two writes, not 100, and each caller resolves only once a write that began after its change
 * is on disk.
 */
export class WriteQueue {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly write: () => Promise<void>) {}

  request(): Promise<void> {
    if (this.next) return this.next;
    const before = this.running ? this.running.catch(() => undefined) : Promise.resolve();
    // Start on the next macrotask, not at once: changes made by other requests finishing in the
    // same tick (every turn that waited on the previous write) then share this write.
    this.next = before
      .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
      .then(() => {
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
