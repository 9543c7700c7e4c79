/**
 * The escalation summary as one Adaptive Card (1.5) for Teams and the web page. Long sections
 * (evidence, causes, actions, data to collect) start folded: a button per section toggles it with
 * Action.ToggleVisibility, so the card opens short and nothing is hidden for good.
 */
import type { Activity } from 'botbuilder';
import type { EscalationSummary } from '../../../triage/escalation/types';
import { CHAT_LIMITS, ClipLimits } from '../../../triage/escalation/render/clip';
import { Item, Section, summarySections } from '../../../triage/escalation/render/sections';
import { ADAPTIVE_CARD_TYPE, escapeCardMarkdown, monospaceText } from '../card-markdown';

type Element = Record<string, unknown>;

const textBlock = (text: string, extra: Element = {}): Element => ({ type: 'TextBlock', text, wrap: true, ...extra });

function bullets(items: string[]): string {
  return items.map((i) => `- ${escapeCardMarkdown(i)}`).join('\r');
}

function itemElements(item: Item): Element[] {
  switch (item.kind) {
    case 'facts':
      return [{ type: 'FactSet', facts: item.facts.map((f) => ({ title: f.label, value: escapeCardMarkdown(f.value) })) }];
    case 'list':
      return [...(item.title ? [textBlock(escapeCardMarkdown(item.title), { weight: 'Bolder', size: 'Small', spacing: 'Small' })] : []), textBlock(bullets(item.items), { spacing: item.title ? 'None' : 'Small' })];
    case 'text':
      return [textBlock(escapeCardMarkdown(item.text), item.subtle ? { isSubtle: true, size: 'Small' } : {})];
    case 'code':
      return [textBlock(monospaceText(item.text), { fontType: 'Monospace', size: 'Small' })];
    case 'link':
      return [textBlock(`Source: [${escapeCardMarkdown(item.text)}](${item.url})${item.after ? ` (${escapeCardMarkdown(item.after)})` : ''}`, { size: 'Small', isSubtle: true })];
    case 'sub':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [textBlock(escapeCardMarkdown(item.title), { weight: 'Bolder' }), ...item.items.flatMap(itemElements)] }];
  }
}

function sectionElements(section: Section): Element[] {
  const bodyId = `section-${section.id}`;
  const heading = textBlock(escapeCardMarkdown(section.title), { size: 'Medium', weight: 'Bolder', separator: true, spacing: 'Large' });
  const body: Element = { type: 'Container', id: bodyId, items: section.items.flatMap(itemElements) };
  if (!section.long) return [heading, body];
  body.isVisible = false;
  const toggle: Element = { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: `Show or hide: ${section.title}`, targetElements: [bodyId] }] };
  return [heading, toggle, body];
}

/** Teams refuses messages over about 28 KB; this leaves room for the activity around the card. */
export const TEAMS_CARD_BUDGET = 24_000;

/** Ever shorter cuts, tried in turn until the card fits the budget (each still says where the rest is). */
const TIERS: ClipLimits[] = [CHAT_LIMITS, { pasteChars: 800, listItems: 6, fieldChars: 400 }, { pasteChars: 500, listItems: 4, fieldChars: 300 }, { pasteChars: 300, listItems: 3, fieldChars: 200 }, { pasteChars: 200, listItems: 2, fieldChars: 160 }];

/** The card with the given limits, or else with the first tier that fits Teams. */
export function escalationCard(s: EscalationSummary, limits?: ClipLimits): Element {
  if (limits) return cardWith(s, limits);
  let card: Element = {};
  for (const tier of TIERS) {
    card = cardWith(s, tier);
    if (JSON.stringify(card).length <= TEAMS_CARD_BUDGET) break;
  }
  return card;
}

function cardWith(s: EscalationSummary, limits: ClipLimits): Element {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body: [textBlock(escapeCardMarkdown(`Escalation: case ${s.caseId}`), { size: 'Large', weight: 'Bolder' }), ...summarySections(s, limits).flatMap(sectionElements)],
  };
}

export function renderEscalationCard(s: EscalationSummary): Partial<Activity> {
  const lead = s.headline.leadingCause ? `: ${s.headline.leadingCause.title}` : '';
  return { type: 'message', summary: `Escalation of case ${s.caseId}${lead}`.slice(0, 120), attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: escalationCard(s) }] };
}
