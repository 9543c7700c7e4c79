/**
 * The user's turn as the dialogs read it: text already freed of mentions and markup and of secrets,
 * a button press if there was one, and the (redacted) text of attached files. The bot fills it in
 * before any dialog runs, so nothing a dialog keeps in its state was ever raw.
 */
import type { TurnContext } from 'botbuilder';
import type { ActionValue } from '../src/messages/model';
import { redactInput } from '../src/parse/redact';

export interface TurnInput {
  text: string;
  /** Secrets taken out of `text`. */
  redactions: number;
  submission?: ActionValue;
  files: { name: string; text: string; redactions: number }[];
}

const KEY = Symbol('sqltriage.turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(KEY, input);
}

export function turnInput(context: TurnContext): TurnInput {
  const set = context.turnState.get(KEY) as TurnInput | undefined;
  if (set) return set;
  const { text, count } = redactInput(context.activity.text ?? '');
  return { text, redactions: count, files: [] };
}

/** Who is speaking, for the case's evidence trail. */
export function speaker(context: TurnContext): string {
  return context.activity.from?.id ?? 'unknown';
}
