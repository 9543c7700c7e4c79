/**
 * Local priors: within each family, the knowledge base's prior is a Dirichlet prior worth
 * `pseudoCount` cases, and the causes confirmed here are the counts. The result is the posterior
 * mean, (n_c + A p_c) / (N_f + A), which the engine ranks with instead of p_c.
 */
import type { Knowledge } from '../kb/compiled';
import type { ClosedRecord, LocalHistory, LocalPrior } from '../triage/local-history';
import { LEARNING } from './settings';

export function localPriors(records: ClosedRecord[], kb: Knowledge, pseudoCount: number = LEARNING.pseudoCount): LocalPrior[] {
  const confirmed = new Map<string, number>();
  for (const r of records) if (r.cause && kb.cause.has(r.cause)) confirmed.set(r.cause, (confirmed.get(r.cause) ?? 0) + 1);
  const out: LocalPrior[] = [];
  for (const [family, causes] of kb.causesOf) {
    const total = causes.reduce((a, c) => a + c.prior, 0);
    const n = causes.reduce((a, c) => a + (confirmed.get(c.id) ?? 0), 0);
    for (const c of causes) {
      const p = total > 0 ? c.prior / total : 1 / causes.length;
      const k = confirmed.get(c.id) ?? 0;
      out.push({ cause: c.id, family, default: p, local: (k + pseudoCount * p) / (n + pseudoCount), confirmed: k });
    }
  }
  return out;
}

export function localHistory(records: ClosedRecord[], kb: Knowledge, opts: { pseudoCount?: number; window?: number } = {}): LocalHistory {
  const pseudoCount = opts.pseudoCount ?? LEARNING.pseudoCount;
  return { pseudoCount, window: opts.window ?? LEARNING.window, priors: localPriors(records, kb, pseudoCount), closed: records };
}
