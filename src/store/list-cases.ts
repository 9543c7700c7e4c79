import type { Case } from '../triage/types';
import type { ListOptions } from './types';

/** Newest first (by last change), optionally one status only, changed since a date, at most `limit`. */
export function listCases<T extends Pick<Case, 'updatedAt' | 'status' | 'id'>>(cases: T[], opts: ListOptions): T[] {
  const chosen = cases.filter((c) => (!opts.status || c.status === opts.status) && (!opts.since || c.updatedAt >= opts.since));
  chosen.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : 1));
  const limit = opts.limit ?? chosen.length;
  return chosen.slice(0, Math.max(0, limit));
}
