/**
 * Asks one knowledge-base question with its options as buttons and waits. A button press, the
 * option's number or its label is an answer; any other text is new evidence, handed back as a paste
 * so nothing the user sends is lost.
 */
import { Dialog, DialogContext, DialogInstance, DialogTurnResult } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Question } from '../src/kb/types';
import { questionMessage } from '../src/messages/triage-messages';
import { sendMessage } from './send';
import type { Block } from '../src/messages/model';
import type { DialogDeps } from './deps';
import { turnInput } from './turn-input';

export type PromptResult =
  | { answer: { question: string; option: string; case?: string } }
  | { pastes: { name?: string; text: string; redactions?: number }[]; note?: string };

interface PromptState {
  question: string;
  /** The case the question is asked for: its buttons carry it. */
  case?: string;
}

export interface PromptOptions extends PromptState {
  /** What goes above the question in the same reply (the diagnosis, or what the last answer changed). */
  before?: Block[];
}

export function matchOption(q: Question, text: string): string | undefined {
  const t = text.trim().replace(/[.!]+$/, '').toLowerCase();
  if (!t || t.length > 200) return undefined;
  const n = /^\d{1,2}$/.test(t) ? Number(t) : NaN;
  if (n >= 1 && n <= q.options.length) return q.options[n - 1].id;
  return q.options.find((o) => o.label.toLowerCase() === t || o.id.toLowerCase() === t)?.id;
}

export class AnswerPrompt extends Dialog<PromptOptions> {
  constructor(id: string, private readonly deps: DialogDeps) {
    super(id);
  }

  override async beginDialog(dc: DialogContext, options?: PromptOptions): Promise<DialogTurnResult> {
    const q = options && this.deps.kb.question.get(options.question);
    if (!q) return dc.endDialog();
    const state = dc.activeDialog!.state as PromptState;
    state.question = q.id;
    if (options.case) state.case = options.case;
    await sendMessage(dc.context, questionMessage(q, { case: options.case }, options.before ?? []));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as PromptState;
    const q = this.deps.kb.question.get(state.question);
    const input = turnInput(dc.context);
    const sub = input.submission;
    // An answer from an older card still counts: the triage loop applies it to its own question.
    if (sub && 'answer' in sub) return dc.endDialog({ answer: sub.answer } satisfies PromptResult);
    if (input.files.length > 0) return dc.endDialog({ pastes: input.files, note: input.text.trim() || undefined } satisfies PromptResult);
    const text = input.text;
    const option = q && matchOption(q, text);
    if (q && option) return dc.endDialog({ answer: { question: q.id, option, ...(state.case ? { case: state.case } : {}) } } satisfies PromptResult);
    if (text.trim()) return dc.endDialog({ pastes: [{ text, redactions: input.redactions }] } satisfies PromptResult);
    return Dialog.EndOfTurn;
  }

  override async repromptDialog(context: TurnContext, instance: DialogInstance<PromptState>): Promise<void> {
    const q = this.deps.kb.question.get(instance.state.question);
    if (q) await sendMessage(context, questionMessage(q, { case: instance.state.case }));
  }
}
