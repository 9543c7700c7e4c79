/**
 * The escalation summary as a pure function of the case and the compiled knowledge. Every string
 * is passed through secret redaction once more on the way out: pastes are redacted when stored,
 * but notes and hand-off details typed in chat are not, and a summary travels further than a case.
 */
import type { Knowledge } from '../../kb/compiled';
import { redactSecrets } from '../../parse/redact';
import type { Case } from '../types';
import { recommendedActions, dataToCollect } from './actions';
import { sortCauses } from './causes';
import { caseContributions } from './contributions';
import { evidenceEntries } from './entries';
import { caseEnvironment } from './environment';
import { notTested } from './not-tested';
import { ESCALATION_SCHEMA_VERSION, EscalationOptions, EscalationSummary, PossibleCause } from './types';

export function fullExportCommand(caseId: string): string {
  return `npx sqltriage case show ${caseId} --format markdown`;
}

function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value).text as T;
  if (Array.isArray(value)) return value.map(redactDeep) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}

function headlineWhy(lead: PossibleCause | undefined, familyTitle: string | undefined): string {
  if (!lead) return 'The evidence does not point to a known symptom family yet.';
  const top = lead.for[0];
  if (top) return `Leads because ${top.why.replace(/\.$/, '')}${top.evidence.length > 0 ? ` (${top.evidence.join(', ')})` : ''}.`;
  return `Leads as the most common cause of "${familyTitle ?? lead.family}"; no single piece of evidence singles it out.`;
}

export function escalationSummary(c: Case, kb: Knowledge, opts: EscalationOptions = {}): EscalationSummary {
  const now = opts.now ?? new Date();
  const cc = caseContributions(c, kb);
  const { ranking } = cc.scores;
  const causes = sortCauses(c, kb, cc);
  const fam = ranking.unknown ? undefined : ranking.families[0];
  const family = fam ? { id: fam.id, title: kb.family.get(fam.id)?.title ?? fam.id, score: fam.score } : undefined;
  const lead = causes.possible[0];
  const e = c.escalation ?? {};
  const summary: EscalationSummary = {
    schemaVersion: ESCALATION_SCHEMA_VERSION,
    caseId: c.id,
    status: c.status,
    openedAt: c.createdAt,
    updatedAt: c.updatedAt,
    generatedAt: now.toISOString(),
    fullExport: fullExportCommand(c.id),
    headline: {
      unknown: ranking.unknown,
      ...(family ? { family } : {}),
      ...(lead ? { leadingCause: { id: lead.id, title: lead.title, score: lead.score } } : {}),
      why: headlineWhy(lead, family?.title),
    },
    handoff: {
      ...(e.impact ? { impact: e.impact } : {}),
      ...(e.contact ? { contact: e.contact } : {}),
      ...(e.destination ? { destination: e.destination } : {}),
      ...(e.at ? { escalatedAt: e.at } : {}),
    },
    environment: caseEnvironment(c),
    evidence: evidenceEntries(c, kb, opts.includePasteText ?? true),
    causes,
    notTested: notTested(c, kb, ranking, opts.probeServers),
    actions: recommendedActions(causes.possible, kb),
    collect: dataToCollect(c, causes.possible, kb),
  };
  return redactDeep(summary);
}
