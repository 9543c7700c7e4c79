/**
 * The user's turn as the dialogs read it: text already freed of mentions and markup, a button
 * press if there was one, and the text of attached files. The bot fills it in before any dialog runs.
 */
import type { TurnContext } from 'botbuilder';
import type { ActionValue } from '../src/bot/messages/model';

export interface TurnInput {
  text: string;
  submission?: ActionValue;
  files: { name: string; text: string }[];
}

const KEY = Symbol('sqltriage.turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(KEY, input);
}

export function turnInput(context: TurnContext): TurnInput {
  const set = context.turnState.get(KEY) as TurnInput | undefined;
  return set ?? { text: context.activity.text ?? '', files: [] };
}

/** Who is speaking, for the case's evidence trail. */
export function speaker(context: TurnContext): string {
  return context.activity.from?.id ?? 'unknown';
}
