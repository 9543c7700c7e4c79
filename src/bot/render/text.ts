/**
 * Terminal and other plain-text channels: the message as text, every answer as a numbered choice
 * (a question's options first, then a cause's details, then the message's buttons). The choices
 * also travel as suggested actions so the terminal adapter can map "2" to a button.
 */
import type { Activity, CardAction } from 'botbuilder';
import type { ActionValue, Message } from '../../messages/model';
import { answerValue } from './choice-layout';
import { plainText } from './plain';

export function textChoices(msg: Message): { label: string; value: ActionValue }[] {
  const picks: { label: string; value: ActionValue }[] = [];
  for (const b of msg.blocks) {
    if (b.kind === 'choice') for (const o of b.options) picks.push({ label: o.label, value: answerValue(b, o.id) });
  }
  for (const b of msg.blocks) {
    if (b.kind !== 'causes') continue;
    for (const c of b.causes) {
      if (c.id && (c.checks.length > 0 || c.fixes.length > 0)) picks.push({ label: `Details: ${c.title}`, value: { command: 'details', arg: c.id, ...(b.case ? { case: b.case } : {}) } });
    }
  }
  for (const a of msg.actions) picks.push({ label: a.label, value: a.value });
  return picks;
}

export function renderText(msg: Message): Partial<Activity> {
  const body = plainText(msg);
  const picks = textChoices(msg);
  if (picks.length === 0) return { type: 'message', text: body };
  const choices = picks.map((p, i) => `  ${i + 1}) ${p.label}`).join('\n');
  const actions: CardAction[] = picks.map((p) => ({ type: 'messageBack', title: p.label, text: p.label, displayText: p.label, value: p.value }));
  return {
    type: 'message',
    text: `${body}\n\n${choices}`,
    suggestedActions: { to: [], actions },
  };
}
