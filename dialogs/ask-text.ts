/**
 * Asks for one line of free text (business impact, contact) and waits. "skip" leaves it out;
 * anything typed is kept as said, cut to a sane length.
 */
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import { noticeMessage } from '../src/messages/triage-messages';
import { sendMessage } from './send';
import { turnInput } from './turn-input';

export interface AskTextOptions {
  prompt: string;
}

export type AskTextResult = { text: string } | { skipped: true };

const MAX_CHARS = 500;
const SKIP = /^(skip|none|n\/a|-)$/i;

export class AskText extends Dialog<AskTextOptions> {
  override async beginDialog(dc: DialogContext, options?: AskTextOptions): Promise<DialogTurnResult> {
    const prompt = options?.prompt ?? 'Please add a line of text, or say "skip".';
    (dc.activeDialog!.state as AskTextOptions).prompt = prompt;
    await sendMessage(dc.context, noticeMessage(prompt));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const text = turnInput(dc.context).text.trim();
    if (!text) return Dialog.EndOfTurn;
    if (SKIP.test(text)) return dc.endDialog({ skipped: true } satisfies AskTextResult);
    return dc.endDialog({ text: text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text } satisfies AskTextResult);
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance<AskTextOptions>): Promise<void> {
    await sendMessage(context, noticeMessage(instance.state.prompt));
  }
}
