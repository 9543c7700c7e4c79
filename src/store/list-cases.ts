import type { Case } from '../triage/types';

/** Newest first (by last change), optionally one status only, at most `limit`. */
export function listCases<T extends Pick<Case, 'updatedAt' | 'status' | 'id'>>(
  cases: T[],
  opts: { limit?: number; status?: Case['status'] },
): T[] {
  const chosen = opts.status ? cases.filter((c) => c.status === opts.status) : cases.slice();
  chosen.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1));
  const limit = opts.limit ?? chosen.length;
  return chosen.slice(0, Math.max(0, limit));
}
