/**
 * A bounded set whose entries expire: remembers event ids (so a retried delivery runs once) and
 * threads the bot takes part in. Oldest entries go first when it is full, so memory stays flat
 * however long the bot runs.
 */
export class TtlSet {
  private readonly entries = new Map<string, number>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  has(key: string): boolean {
    const expires = this.entries.get(key);
    if (expires === undefined) return false;
    if (expires <= this.now()) {
      this.entries.delete(key);
      return false;
    }
    return true;
  }

  add(key: string): void {
    this.entries.delete(key);
    this.entries.set(key, this.now() + this.ttlMs);
    this.prune();
  }

  /** True if any key was seen; records all of them either way. Synchronous, so two copies arriving together cannot both pass. */
  seenBefore(keys: string[]): boolean {
    const seen = keys.some((k) => this.has(k));
    for (const k of keys) this.add(k);
    return seen;
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    // Insertion order is expiry order (every add refreshes its place), so stop at the first live one.
    for (const [key, expires] of this.entries) {
      if (this.entries.size <= this.maxEntries && expires > now) break;
      this.entries.delete(key);
    }
  }
}
