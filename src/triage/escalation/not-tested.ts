/** What the bot could not check, so the next tier knows where to start. */
import type { Knowledge } from '../../kb/compiled';
import { expectedGain, STOP_RULES } from '../next-step';
import type { Case, Ranking } from '../types';
import type { NotTested } from './types';

/** Unanswered questions listed as open (the most informative first). */
const MAX_QUESTIONS = 3;

function sqlcheckGaps(c: Case): NotTested[] {
  const roles = new Set(c.evidence.flatMap((e) => (e.kind === 'sqlcheck' ? [e.role ?? 'unknown'] : [])));
  const has = (r: 'client' | 'server') => roles.has(r) || roles.has('both');
  const out: NotTested[] = [];
  if (!has('client')) out.push({ what: 'sqlcheck-client', text: 'No SQLCHECK report from the client side (the machine running the failing application).' });
  if (!has('server')) out.push({ what: 'sqlcheck-server', text: 'No SQLCHECK report from the server side (the SQL Server machine).' });
  if (roles.has('unknown')) out.push({ what: 'sqlcheck-client', text: 'A SQLCHECK report could not be placed as client or server; say which machine it came from.' });
  return out;
}

function probeGaps(c: Case, probeServers: string[] | undefined): NotTested[] {
  const probes = c.evidence.flatMap((e) => (e.kind === 'probe' ? [e] : []));
  if (probes.length === 0) {
    if (probeServers === undefined) return [{ what: 'probe', text: 'No live probe was run against the server.' }];
    if (probeServers.length === 0) return [{ what: 'probe', text: 'No live probe: no server is configured for probing on this bot.' }];
    return [{ what: 'probe', text: `No live probe was run (servers configured for probing: ${probeServers.join(', ')}).` }];
  }
  const out: NotTested[] = [];
  for (const p of probes) {
    const steps = Array.isArray(p.result.steps) ? (p.result.steps as { step?: unknown; status?: unknown; reason?: unknown }[]) : [];
    for (const s of steps) {
      if (s.status !== 'skipped' || s.reason === 'not requested') continue;
      out.push({ what: 'probe-step', text: `Probe of ${p.server} (${p.id}): ${String(s.step)} ${typeof s.reason === 'string' ? s.reason : 'was not run'}.` });
    }
  }
  return out;
}

function questionGaps(c: Case, kb: Knowledge, ranking: Ranking): NotTested[] {
  if (ranking.unknown) return [];
  const answered = new Set(c.evidence.flatMap((e) => (e.kind === 'answer' ? [e.question] : [])));
  const live = new Set(ranking.families.filter((f) => f.score >= STOP_RULES.familyMin).map((f) => f.id));
  const candidates = ranking.causes.slice(0, STOP_RULES.maxCauses).map((rc) => ({ id: rc.id, p: rc.score }));
  return kb.kb.questions
    .filter((q) => !answered.has(q.id) && (!q.families || q.families.some((f) => live.has(f))))
    .map((q) => ({ q, gain: expectedGain(q, candidates) }))
    .filter((x) => x.gain >= STOP_RULES.minGainBits)
    .sort((a, b) => b.gain - a.gain)
    .slice(0, MAX_QUESTIONS)
    .map(({ q }) => ({ what: 'question' as const, text: `Not answered: ${q.text}` }));
}

export function notTested(c: Case, kb: Knowledge, ranking: Ranking, probeServers: string[] | undefined): NotTested[] {
  const out: NotTested[] = [];
  if (!c.evidence.some((e) => e.kind === 'paste')) {
    out.push({ what: 'error-text', text: 'No error text from the failing application was pasted (error number, state and provider line).' });
  }
  return [...out, ...sqlcheckGaps(c), ...probeGaps(c, probeServers), ...questionGaps(c, kb, ranking)];
}
