/** Microsoft Teams: one Adaptive Card; a short text summary goes along for notifications. */
import type { Activity } from 'botbuilder';
import type { Message } from '../../messages/model';
import { ADAPTIVE_CARD_TYPE, buildAdaptiveCard } from './adaptive-card';
import { renderEscalationCard } from './escalation/adaptive-card';
import { summaryLine } from './plain';

export function renderTeams(msg: Message): Partial<Activity> {
  const escalation = msg.blocks.find((b) => b.kind === 'escalation');
  if (escalation && escalation.kind === 'escalation') return renderEscalationCard(escalation.summary);
  const card = buildAdaptiveCard(msg);
  // Teams stretches cards to the message width only when asked; long error text needs the room.
  card.msteams = { width: 'Full' };
  return {
    type: 'message',
    summary: summaryLine(msg),
    attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: card }],
  };
}
