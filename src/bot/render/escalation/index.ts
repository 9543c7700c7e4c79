/** The escalation summary for each channel: a card for Teams and the web page, Block Kit for Slack, Markdown elsewhere. */
import type { Activity } from 'botbuilder';
import type { EscalationSummary } from '../../../triage/escalation/types';
import { renderEscalationMarkdown } from '../../../triage/escalation/render/markdown';
import { CHAT_LIMITS } from '../../../triage/escalation/render/clip';
import { renderEscalationCard } from './adaptive-card';
import { renderEscalationSlack } from './slack';

export { escalationCard, renderEscalationCard } from './adaptive-card';
export { escalationBlocks, renderEscalationSlack } from './slack';

const CARD_CHANNELS = new Set(['msteams', 'emulator', 'webchat', 'directline', 'test']);

export function renderEscalationFor(channelId: string | undefined, s: EscalationSummary): Partial<Activity> {
  if (channelId === 'slack') return renderEscalationSlack(s);
  if (channelId && CARD_CHANNELS.has(channelId)) return renderEscalationCard(s);
  return { type: 'message', text: renderEscalationMarkdown(s, CHAT_LIMITS), textFormat: 'markdown' };
}
