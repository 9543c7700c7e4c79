/** The diagnosis shown to the user: leading family, top causes with checks, fixes and source, and what moved. */
import type { Knowledge } from '../kb/compiled';
import { fixOf } from '../kb/fix';
import type { Fix } from '../kb/types';
import { scoreCase } from './rank';
import { takenFromPaste, type TakenFromPaste } from './implied';
import type { Case } from './types';
import { localNotes, type LocalNote } from './local-history';

export interface DiagnosedCause {
  id: string;
  title: string;
  family: string;
  score: number;
  summary: string;
  checks: string[];
  /** Risky fixes carry what they weaken, their risk and whether they are temporary. */
  fixes: Fix[];
  source: { title: string; url: string; section?: string };
}

export interface Diagnosis {
  unknown: boolean;
  /** The pastes come from another product, not SQL Server (then unknown is true and no family is named). */
  foreign?: { id: string; name: string; signs: string[] };
  family?: { id: string; title: string; score: number };
  causes: DiagnosedCause[];
  /** Causes whose score moved with the last piece of evidence (largest moves first). */
  changes: { id: string; title: string; before: number; after: number }[];
  /** Questions the paste answered (never asked): "From your paste: ...". */
  fromPaste: TakenFromPaste[];
  /** Causes shown whose prior this deployment's closed cases moved (only with learned knowledge). */
  local?: LocalNote[];
}

/** One cause as the diagnosis shows it: its knowledge (checks, fixes with their risks, source) at a score. */
export function diagnosedCause(kb: Knowledge, id: string, score: number): DiagnosedCause {
  const cause = kb.cause.get(id)!;
  const src = kb.source.get(cause.source.source)!;
  return {
    id,
    title: cause.title,
    family: cause.family,
    score,
    summary: cause.summary,
    checks: cause.checks,
    fixes: cause.fixes.map(fixOf),
    source: { title: src.title, url: src.url, ...(cause.source.section ? { section: cause.source.section } : {}) },
  };
}

export function diagnose(c: Case, kb: Knowledge, top = 3): Diagnosis {
  const { ranking } = scoreCase(c, kb);
  const fam = ranking.families[0];
  const causes = ranking.causes.slice(0, top).map((rc) => diagnosedCause(kb, rc.id, rc.score));
  const changes: Diagnosis['changes'] = [];
  const prev = c.history.length >= 2 ? c.history[c.history.length - 2] : undefined;
  if (prev) {
    const before = new Map(prev.top.map((t) => [t.id, t.score]));
    const ids = new Set([...prev.top.map((t) => t.id), ...ranking.causes.slice(0, 5).map((r) => r.id)]);
    for (const id of ids) {
      const after = ranking.causes.find((r) => r.id === id)?.score ?? 0;
      const b = before.get(id) ?? 0;
      if (Math.abs(after - b) >= 0.02) changes.push({ id, title: kb.cause.get(id)?.title ?? id, before: b, after });
    }
    changes.sort((x, y) => Math.abs(y.after - y.before) - Math.abs(x.after - x.before));
  }
  const local = ranking.unknown ? [] : localNotes(c, kb, causes);
  return {
    unknown: ranking.unknown,
    ...(ranking.foreign ? { foreign: ranking.foreign } : {}),
    ...(fam && !ranking.unknown ? { family: { id: fam.id, title: kb.family.get(fam.id)?.title ?? fam.id, score: fam.score } } : {}),
    causes: ranking.unknown ? [] : causes,
    changes,
    fromPaste: takenFromPaste(c, kb),
    ...(local.length > 0 ? { local } : {}),
  };
}
