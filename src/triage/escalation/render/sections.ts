/**
 * The summary laid out once as titled sections of plain items; the Markdown, Adaptive Card and
 * Block Kit renderings only format these. Text here is raw: each renderer escapes for its format.
 * Shortening for chat happens here too, so every chat rendering cuts the same things the same way.
 */
import type { Contribution, EscalationSummary, EvidenceEntry } from '../types';
import { clipList, clipText, ClipLimits, FULL } from './clip';
import { percent } from '../../percent';

export type Item =
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'list'; title?: string; items: string[] }
  | { kind: 'text'; text: string; subtle?: boolean }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; url: string; after?: string }
  | { kind: 'sub'; title: string; items: Item[] };

export interface Section {
  id: 'headline' | 'handoff' | 'environment' | 'evidence' | 'causes' | 'ruled-out' | 'not-tested' | 'actions' | 'collect' | 'footer';
  title: string;
  items: Item[];
  /** Long sections a chat card may fold away. */
  long: boolean;
}

/** The one rounding rule (src/triage/percent.ts), under the name this file has always used. */
export const pct = percent;

const signed = (w: number): string => (w > 0 ? `+${w.toFixed(1)}` : w.toFixed(1));

export function contributionLine(x: Contribution): string {
  return `${signed(x.weight)} ${x.why}${x.evidence.length > 0 ? ` [${x.evidence.join(', ')}]` : ''}`;
}

function timingText(t: Record<string, number>): string {
  return Object.entries(t)
    .map(([k, v]) => `${k.replace(/Ms$/, '')} ${v} ms`)
    .join(', ');
}

function evidenceItems(e: EvidenceEntry, s: EscalationSummary, lim: ClipLimits): Item[] {
  const more = s.fullExport;
  const items: Item[] = [{ kind: 'text', text: e.title }];
  const list = (title: string, xs: string[], noun: string) => {
    if (xs.length === 0) return;
    const c = clipList(xs, lim.listItems, more, noun);
    items.push({ kind: 'list', title, items: c.more ? [...c.shown, c.more] : c.shown });
  };
  switch (e.kind) {
    case 'paste':
      list('Facts parsed', e.factLines, 'fact');
      if (e.text !== undefined) items.push({ kind: 'code', text: clipText(e.text, lim.pasteChars, more) });
      else if (e.textRef) items.push({ kind: 'text', text: `Text not included here: ${e.textRef}`, subtle: true });
      break;
    case 'sqlcheck':
      list(
        'Findings',
        e.findings.map((f) => `[${f.severity}] ${f.id}: ${clipText(f.summary, lim.fieldChars, more)}`),
        'finding',
      );
      break;
    case 'answer':
      items.push({ kind: 'facts', facts: [{ label: 'Question', value: e.questionText }, { label: 'Answer', value: e.answer }] });
      break;
    case 'probe':
      list(
        'Steps',
        e.steps.map((st) => `${st.step}: ${st.status}${st.reason ? ` (${st.reason})` : ''}${Object.keys(st.timings).length > 0 ? ` — ${timingText(st.timings)}` : ''}`),
        'step',
      );
      list('Signals', e.signals, 'signal');
      break;
    case 'trace':
      list('Findings', e.findings.map((f) => clipText(f, lim.fieldChars, more)), 'finding');
      break;
    case 'note':
    case 'tried':
      items.push({ kind: 'text', text: clipText(e.text, lim.fieldChars, more) });
      break;
    case 'artifact':
      items.push({ kind: 'facts', facts: e.facts.map((f) => ({ label: f.label, value: clipText(f.value, lim.fieldChars, more) })) });
      list('Signals', e.signals, 'signal');
      break;
  }
  return items;
}

function clipped(xs: string[], lim: ClipLimits, more: string, noun: string): string[] {
  const c = clipList(xs, lim.listItems, more, noun);
  return c.more ? [...c.shown, c.more] : c.shown;
}

export function summarySections(s: EscalationSummary, lim: ClipLimits = FULL): Section[] {
  const more = s.fullExport;
  const h = s.headline;
  const sections: Section[] = [];

  const headFacts = [
    { label: 'Case', value: `${s.caseId} (${s.status})` },
    { label: 'Symptom', value: h.family ? `${h.family.title} (${pct(h.family.score)})` : 'not determined' },
    { label: 'Leading cause', value: h.leadingCause ? `${h.leadingCause.title} (${pct(h.leadingCause.score)})` : 'none yet' },
  ];
  sections.push({ id: 'headline', title: 'Headline', long: false, items: [{ kind: 'facts', facts: headFacts }, { kind: 'text', text: h.why }] });

  const hand = [
    { label: 'Business impact', value: s.handoff.impact ?? 'not given' },
    { label: 'Contact', value: s.handoff.contact ?? 'not given' },
    ...(s.handoff.escalatedAt ? [{ label: 'Escalated at', value: s.handoff.escalatedAt }] : []),
    { label: 'Opened', value: s.openedAt },
  ];
  sections.push({ id: 'handoff', title: 'Hand-off', long: false, items: [{ kind: 'facts', facts: hand.map((f) => ({ ...f, value: clipText(f.value, lim.fieldChars, more) })) }] });

  const env = s.environment.map((f) => ({ label: f.label, value: `${f.value} [${f.from.join(', ')}]` }));
  const envClip = clipList(env, lim.listItems * 2, more, 'fact');
  sections.push({
    id: 'environment',
    title: 'Environment',
    long: env.length > 6,
    items: env.length === 0 ? [{ kind: 'text', text: 'Nothing known yet: no driver, server or TLS facts in the evidence.' }] : [{ kind: 'facts', facts: envClip.shown }, ...(envClip.more ? [{ kind: 'text' as const, text: envClip.more, subtle: true }] : [])],
  });

  const ev = clipList(s.evidence, lim.listItems, more, 'evidence item');
  const evItems: Item[] = ev.shown.map((e) => ({ kind: 'sub', title: `${e.id} · ${e.at} · ${e.kind}${e.by ? ` · by ${e.by}` : ''}`, items: evidenceItems(e, s, lim) }));
  if (ev.more) evItems.push({ kind: 'text', text: ev.more, subtle: true });
  sections.push({ id: 'evidence', title: `Evidence (${s.evidence.length})`, long: true, items: evItems.length > 0 ? evItems : [{ kind: 'text', text: 'No evidence was added to this case.' }] });

  const possible = s.causes.possible.map(
    (c, i): Item => ({
      kind: 'sub',
      title: `${i + 1}. ${c.title} (${pct(c.score)})`,
      items: [
        { kind: 'text', text: clipText(c.summary, lim.fieldChars, more), subtle: true },
        ...(c.for.length > 0 ? [{ kind: 'list' as const, title: 'For', items: clipped(c.for.map(contributionLine), lim, more, 'item') }] : []),
        ...(c.against.length > 0 ? [{ kind: 'list' as const, title: 'Against', items: clipped(c.against.map(contributionLine), lim, more, 'item') }] : []),
        ...(c.source.url ? [{ kind: 'link' as const, text: c.source.title, url: c.source.url, ...(c.source.section ? { after: c.source.section } : {}) }] : []),
      ],
    }),
  );
  sections.push({ id: 'causes', title: 'Causes still possible', long: true, items: possible.length > 0 ? possible : [{ kind: 'text', text: 'None: the evidence does not single out any cause yet.' }] });

  const ruled = s.causes.ruledOut.map((r) => `${r.title} (now ${pct(r.score)}${r.peak !== undefined && r.peak > r.score + 0.01 ? `, was up to ${pct(r.peak)}` : ''}): ${r.by.map(contributionLine).join('; ')}`);
  const ruledItems: Item[] = ruled.length > 0 ? [{ kind: 'list', items: clipped(ruled, lim, more, 'ruled-out cause') }] : [{ kind: 'text', text: 'No cause was ruled out by the evidence.' }];
  if (s.causes.unlisted > 0) ruledItems.push({ kind: 'text', text: `${s.causes.unlisted} other known causes had no evidence for or against them.`, subtle: true });
  sections.push({ id: 'ruled-out', title: 'Ruled out', long: ruled.length > 3, items: ruledItems });

  sections.push({
    id: 'not-tested',
    title: 'Not tested',
    long: false,
    items: s.notTested.length > 0 ? [{ kind: 'list', items: clipped(s.notTested.map((n) => n.text), lim, more, 'item') }] : [{ kind: 'text', text: 'Everything the bot can check was checked.' }],
  });

  sections.push({
    id: 'actions',
    title: 'Recommended actions',
    long: true,
    items:
      s.actions.length > 0
        ? s.actions.map((a) => ({
            kind: 'sub' as const,
            title: `${a.title} (${pct(a.score)})`,
            items: [
              { kind: 'list' as const, title: 'Confirm', items: clipped(a.checks, lim, more, 'check') },
              { kind: 'list' as const, title: 'Fix', items: clipped(a.fixes, lim, more, 'fix') },
            ],
          }))
        : [{ kind: 'text', text: 'No cause leads yet; start with the data below.' }],
  });

  sections.push({
    id: 'collect',
    title: 'Data to collect next',
    long: true,
    items:
      s.collect.length > 0
        ? [{ kind: 'list', items: clipped(s.collect.map((c) => `${c.title} (for ${c.for.join(', ')}): ${clipText(c.how, lim.fieldChars, more)}`), lim, more, 'item') }]
        : [{ kind: 'text', text: 'Nothing specific: no cause is likely enough to say what would confirm it.' }],
  });

  sections.push({
    id: 'footer',
    title: 'About this summary',
    long: false,
    items: [{ kind: 'text', text: `Generated ${s.generatedAt} by sqltriage (escalation schema ${s.schemaVersion}). Full export: ${s.fullExport}`, subtle: true }],
  });
  return sections;
}
