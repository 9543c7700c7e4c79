/**
 * How local history weighs against the knowledge base. Documented in docs/learning.md and
 * .env.example; SQLTRIAGE_LEARNING turns it off.
 */
export const LEARNING = {
  /**
   * The knowledge base's prior counts as this many confirmed cases of each family (the Dirichlet
   * pseudo-count). A cause's local prior is (confirmed here + pseudoCount x default prior) /
   * (confirmed in its family here + pseudoCount): 3 cases move it little, 100 move it a lot.
   */
  pseudoCount: 50,
  /** Only the most recent closed cases count, so the priors follow an estate that changes. */
  window: 1000,
  /** How often the running bot reads the closed cases again (off the turn's path). */
  refreshMs: 5 * 60_000,
} as const;

/** SQLTRIAGE_LEARNING: on (default) or off. Anything else is a clear start-up error. */
export function learningEnabled(env: Record<string, string | undefined>): boolean {
  const raw = (env.SQLTRIAGE_LEARNING ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'on' || raw === 'true' || raw === '1') return true;
  if (raw === 'off' || raw === 'false' || raw === '0') return false;
  throw new Error(`SQLTRIAGE_LEARNING '${env.SQLTRIAGE_LEARNING}' is not known: use on (default) or off`);
}
