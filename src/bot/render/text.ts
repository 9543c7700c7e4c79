/**
 * Terminal and other plain-text channels: the message as text, buttons as numbered choices.
 * The choices also travel as suggested actions so the terminal adapter can map "2" to a button.
 */
import type { Activity, CardAction } from 'botbuilder';
import type { Message } from '../messages/model';
import { plainText } from './plain';

export function renderText(msg: Message): Partial<Activity> {
  const body = plainText(msg);
  if (msg.actions.length === 0) return { type: 'message', text: body };
  const choices = msg.actions.map((a, i) => `  ${i + 1}) ${a.label}`).join('\n');
  const actions: CardAction[] = msg.actions.map((a) => ({ type: 'messageBack', title: a.label, text: a.label, displayText: a.label, value: a.value }));
  return {
    type: 'message',
    text: `${body}\n\n${choices}`,
    suggestedActions: { to: [], actions },
  };
}
