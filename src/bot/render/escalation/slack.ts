/**
 * The escalation summary as Slack Block Kit (through Azure Bot Service: blocks in channelData,
 * mrkdwn fallback in text). Slack has no folding, so long sections are shortened with CHAT_LIMITS
 * and, if the message would still break Slack's limits, cut with a line saying where the rest is.
 */
import type { Activity } from 'botbuilder';
import type { EscalationSummary } from '../../../triage/escalation/types';
import { CHAT_LIMITS, ClipLimits } from '../../../triage/escalation/render/clip';
import { Item, summarySections } from '../../../triage/escalation/render/sections';
import { SLACK_LIMITS } from '../slack';
import { escapeMrkdwn, mrkdwnLink } from '../slack-escape';

type SlackBlock = Record<string, unknown>;

/** Room under Slack's 3000-character section limit for the "shortened" line. */
const SECTION_ROOM = SLACK_LIMITS.sectionText - 200;

function itemLines(item: Item): string[] {
  switch (item.kind) {
    case 'facts':
      return item.facts.map((f) => `*${escapeMrkdwn(f.label)}:* ${escapeMrkdwn(f.value)}`);
    case 'list':
      return [...(item.title ? [`*${escapeMrkdwn(item.title)}*`] : []), ...item.items.map((i) => `• ${escapeMrkdwn(i)}`)];
    case 'text':
      return [item.subtle ? `_${escapeMrkdwn(item.text)}_` : escapeMrkdwn(item.text)];
    case 'code':
      return ['```' + escapeMrkdwn(item.text.replace(/```/g, "'''")) + '```'];
    case 'link':
      return [`Source: ${mrkdwnLink(item.url, item.text)}${item.after ? ` (${escapeMrkdwn(item.after)})` : ''}`];
    case 'sub':
      return [`*${escapeMrkdwn(item.title)}*`, ...item.items.flatMap(itemLines)];
  }
}

function sectionBlock(text: string, fullExport: string): SlackBlock {
  const body = text.length <= SECTION_ROOM ? text : `${text.slice(0, SECTION_ROOM)}…\n_[shortened: ${text.length - SECTION_ROOM} more characters — full export: ${escapeMrkdwn(fullExport)}]_`;
  return { type: 'section', text: { type: 'mrkdwn', text: body } };
}

export function escalationBlocks(s: EscalationSummary, limits: ClipLimits = CHAT_LIMITS, maxBlocks: number = SLACK_LIMITS.blocks): SlackBlock[] {
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: `Escalation: case ${s.caseId}`.slice(0, SLACK_LIMITS.headerText), emoji: false } }];
  for (const section of summarySections(s, limits)) {
    blocks.push({ type: 'divider' });
    // One section block per top-level item keeps each under the character limit.
    const title = `*${escapeMrkdwn(section.title)}*`;
    section.items.forEach((item, i) => blocks.push(sectionBlock([...(i === 0 ? [title] : []), ...itemLines(item)].join('\n'), s.fullExport)));
  }
  if (blocks.length <= maxBlocks) return blocks;
  const kept = blocks.slice(0, maxBlocks - 1);
  kept.push(sectionBlock(`_[shortened: ${blocks.length - kept.length} more blocks not shown — full export: ${escapeMrkdwn(s.fullExport)}]_`, s.fullExport));
  return kept;
}

export function renderEscalationSlack(s: EscalationSummary): Partial<Activity> {
  const blocks = escalationBlocks(s);
  const lead = s.headline.leadingCause ? ` — leading cause: ${s.headline.leadingCause.title}` : '';
  const fallback = escapeMrkdwn(`Escalation of case ${s.caseId}${lead}. Full export: ${s.fullExport}`);
  return { type: 'message', text: fallback, channelData: { text: fallback, blocks } };
}

/** Text Slack takes in one message in practice; a longer summary continues in the thread. */
export const SLACK_MESSAGE_TEXT = 3500;

function blockText(b: SlackBlock): number {
  const t = (b.text as { text?: string } | undefined)?.text ?? '';
  return t.length;
}

/**
 * The whole summary as a thread: the first message holds the header and as many sections as fit,
 * each next message continues it, so nothing is cut and no message passes Slack's size.
 */
export function renderEscalationSlackThread(s: EscalationSummary): Partial<Activity>[] {
  const all = escalationBlocks(s, CHAT_LIMITS, Infinity);
  const parts: SlackBlock[][] = [[]];
  let size = 0;
  for (const b of all) {
    const cur = parts[parts.length - 1];
    const n = blockText(b);
    if (cur.length > 0 && (size + n > SLACK_MESSAGE_TEXT || cur.length >= SLACK_LIMITS.blocks)) {
      parts.push([b]);
      size = n;
    } else {
      cur.push(b);
      size += n;
    }
  }
  const lead = s.headline.leadingCause ? ` — leading cause: ${s.headline.leadingCause.title}` : '';
  return parts.map((blocks, i) => {
    const text = escapeMrkdwn(i === 0 ? `Escalation of case ${s.caseId}${lead}. Full export: ${s.fullExport}` : `Escalation of case ${s.caseId} (part ${i + 1} of ${parts.length})`);
    if (i > 0) blocks.unshift({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`Case ${s.caseId}, part ${i + 1} of ${parts.length}`) }] });
    return { type: 'message', text, channelData: { text, blocks } };
  });
}
