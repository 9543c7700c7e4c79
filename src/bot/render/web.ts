/** The local chat page (and emulator / Direct Line): the same Adaptive Card as Teams, rendered by the adaptivecards package. */
import type { Activity } from 'botbuilder';
import type { Message } from '../messages/model';
import { ADAPTIVE_CARD_TYPE, buildAdaptiveCard } from './adaptive-card';
import { summaryLine } from './plain';

export function renderWeb(msg: Message): Partial<Activity> {
  return {
    type: 'message',
    summary: summaryLine(msg),
    attachments: [{ contentType: ADAPTIVE_CARD_TYPE, content: buildAdaptiveCard(msg) }],
  };
}
