/**
 * What the trends page draws, from the stored cases: cases per week by family, the most confirmed
 * causes, time to close, the escalation rate per week and probe outcomes. Counts only: no pasted
 * text, server or user name leaves this function.
 */
import type { Knowledge } from '../kb/compiled';
import type { Case } from '../triage/types';
import { rankCase } from '../triage/rank';
import { closedAt, leadingCause } from './closed-cases';

export interface TrendsData {
  generatedAt: string;
  cases: number;
  /** Monday (UTC) of each week shown, oldest first. */
  weeks: string[];
  perWeek: { family: string; title: string; counts: number[] }[];
  confirmed: { cause: string; title: string; family: string; count: number }[];
  timeToClose: { buckets: string[]; counts: number[]; closed: number; medianHours: number | null };
  escalation: { rate: (number | null)[]; escalated: number[]; closed: number[]; overall: number | null };
  probes: { outcome: string; label: string; count: number }[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Upper bounds (hours) of the time-to-close buckets; the last bucket is open. */
const CLOSE_BUCKETS: [number, string][] = [
  [1, 'under 1 h'],
  [4, '1-4 h'],
  [24, '4-24 h'],
  [72, '1-3 days'],
  [168, '3-7 days'],
  [Infinity, 'over a week'],
];
const TOP_CAUSES = 10;
const TOP_PROBE_OUTCOMES = 10;
const UNPLACED = 'unplaced';

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - day * DAY;
}

/** The confirmed cause's family; else the leading one's, unless the engine could not place the case. */
function familyOf(c: Case, kb: Knowledge): string {
  if (c.confirmedCause) return kb.cause.get(c.confirmedCause)?.family ?? UNPLACED;
  const lead = leadingCause(c);
  if (!lead || rankCase(c, kb).unknown) return UNPLACED;
  return kb.cause.get(lead)?.family ?? UNPLACED;
}

/** A probe run's outcome: the step the ladder ended on (it stops at the first step that fails). */
function probeOutcome(signals: string[]): string {
  return signals[signals.length - 1] ?? 'no-steps';
}

export function trendsData(cases: Case[], kb: Knowledge, opts: { now?: Date; weeks?: number } = {}): TrendsData {
  const now = (opts.now ?? new Date()).getTime();
  const n = opts.weeks ?? 12;
  const first = weekStart(now) - (n - 1) * 7 * DAY;
  const weeks = Array.from({ length: n }, (_, i) => new Date(first + i * 7 * DAY).toISOString().slice(0, 10));
  const weekIndex = (iso: string): number => {
    const t = Date.parse(iso);
    if (!Number.isFinite(t) || t < first) return -1;
    const i = Math.floor((weekStart(t) - first) / (7 * DAY));
    return i < n ? i : -1;
  };

  const perFamily = new Map<string, number[]>();
  const confirmed = new Map<string, number>();
  const closeCounts = CLOSE_BUCKETS.map(() => 0);
  const hours: number[] = [];
  const escalated = weeks.map(() => 0);
  const closed = weeks.map(() => 0);
  const probes = new Map<string, number>();

  for (const c of cases) {
    const opened = weekIndex(c.createdAt);
    if (opened >= 0) {
      const fam = familyOf(c, kb);
      const row = perFamily.get(fam) ?? weeks.map(() => 0);
      row[opened] += 1;
      perFamily.set(fam, row);
      for (const e of c.evidence) if (e.kind === 'probe') probes.set(probeOutcome(e.signals), (probes.get(probeOutcome(e.signals)) ?? 0) + 1);
    }
    if (c.status === 'open') continue;
    const shut = weekIndex(closedAt(c));
    if (shut < 0) continue;
    closed[shut] += 1;
    if (c.status === 'escalated') {
      escalated[shut] += 1;
      continue;
    }
    if (c.confirmedCause) confirmed.set(c.confirmedCause, (confirmed.get(c.confirmedCause) ?? 0) + 1);
    const h = (Date.parse(closedAt(c)) - Date.parse(c.createdAt)) / HOUR;
    if (Number.isFinite(h) && h >= 0) {
      hours.push(h);
      closeCounts[CLOSE_BUCKETS.findIndex(([max]) => h < max)] += 1;
    }
  }

  hours.sort((a, b) => a - b);
  const median = hours.length === 0 ? null : hours.length % 2 ? hours[(hours.length - 1) / 2] : (hours[hours.length / 2 - 1] + hours[hours.length / 2]) / 2;
  const totalClosed = closed.reduce((a, x) => a + x, 0);
  const totalEscalated = escalated.reduce((a, x) => a + x, 0);
  const title = (fam: string): string => (fam === UNPLACED ? 'Could not be placed' : kb.family.get(fam as never)?.title ?? fam);
  return {
    generatedAt: new Date(now).toISOString(),
    cases: cases.length,
    weeks,
    perWeek: [...perFamily.entries()]
      .map(([family, counts]) => ({ family, title: title(family), counts }))
      .sort((a, b) => b.counts.reduce((x, y) => x + y, 0) - a.counts.reduce((x, y) => x + y, 0)),
    confirmed: [...confirmed.entries()]
      .map(([cause, count]) => ({ cause, title: kb.cause.get(cause)?.title ?? cause, family: kb.cause.get(cause)?.family ?? '', count }))
      .sort((a, b) => b.count - a.count || (a.cause < b.cause ? -1 : 1))
      .slice(0, TOP_CAUSES),
    timeToClose: { buckets: CLOSE_BUCKETS.map(([, label]) => label), counts: closeCounts, closed: hours.length, medianHours: median === null ? null : Math.round(median * 10) / 10 },
    escalation: {
      rate: weeks.map((_, i) => (closed[i] === 0 ? null : Math.round((escalated[i] / closed[i]) * 1000) / 1000)),
      escalated,
      closed,
      overall: totalClosed === 0 ? null : Math.round((totalEscalated / totalClosed) * 1000) / 1000,
    },
    probes: [...probes.entries()]
      .map(([outcome, count]) => ({ outcome, label: kb.signal.get(outcome)?.description ?? outcome, count }))
      .sort((a, b) => b.count - a.count)
      .slice(0, TOP_PROBE_OUTCOMES),
  };
}
