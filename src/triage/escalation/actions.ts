/** Recommended actions (checks and fixes) and data to collect next, from the knowledge base for the leading causes. */
import type { Knowledge } from '../../kb/compiled';
import type { Case } from '../types';
import { fixLine, fixOf } from '../../kb/fix';
import type { CollectView, PossibleCause, RecommendedAction } from './types';

/** Causes whose checks and fixes are recommended. */
const ACTION_CAUSES = 3;

export function recommendedActions(possible: PossibleCause[], kb: Knowledge): RecommendedAction[] {
  return possible.slice(0, ACTION_CAUSES).map((p) => {
    const cause = kb.cause.get(p.id)!;
    const fixes = cause.fixes.map(fixOf);
    const risks = fixes.flatMap((f, i) => (f.weakens && f.risk ? [{ fix: i, weakens: f.weakens, risk: f.risk, temporary: f.temporary === true }] : []));
    return { cause: p.id, title: p.title, score: p.score, checks: cause.checks, fixes: fixes.map(fixLine), ...(risks.length > 0 ? { risks } : {}) };
  });
}

/** SQLCHECK from both ends is not asked for again once the case holds both. */
function alreadyHave(c: Case, collectId: string): boolean {
  if (collectId !== 'sqlcheck-both') return false;
  const roles = new Set(c.evidence.flatMap((e) => (e.kind === 'sqlcheck' ? [e.role] : [])));
  return roles.has('both') || (roles.has('client') && roles.has('server'));
}

export function dataToCollect(c: Case, possible: PossibleCause[], kb: Knowledge): CollectView[] {
  const out = new Map<string, CollectView>();
  for (const p of possible) {
    for (const id of kb.cause.get(p.id)?.collect ?? []) {
      const item = kb.collect.get(id);
      if (!item || alreadyHave(c, id)) continue;
      const seen = out.get(id);
      if (seen) seen.for.push(p.id);
      else out.set(id, { id, title: item.title, how: item.how, for: [p.id] });
    }
  }
  return [...out.values()];
}
