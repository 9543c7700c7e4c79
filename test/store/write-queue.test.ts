import { WriteQueue } from '../../src/store/write-queue';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('WriteQueue', () => {
  it('folds requests made in the same tick into one write', async () => {
    let n = 0;
    const q = new WriteQueue(async () => {
      n++;
    });
    await Promise.all(Array.from({ length: 100 }, () => q.request()));
    expect(n).toBe(1);
  });

  it('runs one write at a time and folds a burst during a write into one following write', async () => {
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const first = gate();
    const started = gate();
    let n = 0;
    const q = new WriteQueue(async () => {
      const me = ++n;
      running++;
      maxRunning = Math.max(maxRunning, running);
      log.push(`start${me}`);
      if (me === 1) {
        started.open();
        await first.opened;
      }
      running--;
      log.push(`end${me}`);
    });
    const a = q.request();
    await started.opened;
    const burst = Array.from({ length: 100 }, () => q.request().then(() => log.push('burst-done')));
    first.open();
    await Promise.all([a, ...burst]);
    expect(n).toBe(2);
    expect(maxRunning).toBe(1);
    // Every caller of the burst resolved only after the second write, which began after their request.
    expect(log.indexOf('burst-done')).toBeGreaterThan(log.indexOf('end2'));
  });

  it('reports a failed write to its callers and keeps working afterwards', async () => {
    let fail = true;
    const q = new WriteQueue(async () => {
      if (fail) throw new Error('disk full');
    });
    await expect(q.request()).rejects.toThrow('disk full');
    fail = false;
    await expect(q.request()).resolves.toBeUndefined();
    await q.idle();
  });

  it('idle waits for the write queued behind a running one', async () => {
    let done = 0;
    const started = gate();
    const q = new WriteQueue(
      () =>
        new Promise<void>((r) => {
          started.open();
          setTimeout(() => (done++, r()), 5);
        }),
    );
    void q.request();
    await started.opened;
    void q.request();
    await q.idle();
    expect(done).toBe(2);
  });
});
