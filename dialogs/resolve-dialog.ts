/**
 * "That fixed it": asks which cause it was (the leading causes, or "something else" with a line
 * saying what), then closes the case with it. A closed or escalated case is not reopened this way.
 */
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { diagnose, isFrozen, resolveCase } from '../src/triage';
import { noticeMessage, resolveQuestionMessage, SOMETHING_ELSE } from '../src/messages/triage-messages';
import { AskText, AskTextResult } from './ask-text';
import { currentCase, saveCase } from './case-access';
import { statusWords } from './case-life';
import { DIALOG_IDS, DialogDeps } from './deps';
import { sendMessage } from './send';
import { speaker } from './turn-input';

export interface ResolveOptions {
  /** The confirmed cause id, SOMETHING_ELSE, or absent to ask. */
  cause?: string;
  /** The case the button belongs to. */
  case?: string;
}

const STEPS = 'resolve.steps';
const ASK = 'resolve.ask';
const NOTE_PROMPT = 'What fixed it? One line for the next person with this error (or "skip").';

export class ResolveDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.resolve);
    this.addDialog(new WaterfallDialog(STEPS, [(s) => this.choose(s), (s) => this.close(s)]));
    this.addDialog(new AskText(ASK));
    this.initialDialogId = STEPS;
  }

  private async choose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const opts = (step.options ?? {}) as ResolveOptions;
    const c = await currentCase(step.context, this.deps);
    if (opts.case && opts.case !== c.id) {
      const named = await this.deps.cases.get(opts.case);
      const state = named ? `, which is ${statusWords(named)}` : '';
      await sendMessage(step.context, noticeMessage(`That button belongs to case ${opts.case}${state}, not to this conversation's case ${c.id}. Nothing changed.`));
      return step.endDialog();
    }
    if (isFrozen(c)) {
      await sendMessage(step.context, noticeMessage(`Case ${c.id} is already ${statusWords(c)}. Nothing changed.`));
      return step.endDialog();
    }
    const d = diagnose(c, this.deps.kb);
    if (!opts.cause) {
      if (d.causes.length === 0) {
        await sendMessage(step.context, noticeMessage(`Case ${c.id} has no causes yet: paste the error first.`));
        return step.endDialog();
      }
      await sendMessage(step.context, resolveQuestionMessage(d, c.id));
      return step.endDialog();
    }
    if (opts.cause === SOMETHING_ELSE) return step.beginDialog(ASK, { prompt: NOTE_PROMPT });
    if (!this.deps.kb.cause.get(opts.cause)) {
      await sendMessage(step.context, noticeMessage(`I do not know the cause '${opts.cause}'. Nothing changed.`));
      return step.endDialog();
    }
    return step.next({ cause: opts.cause });
  }

  private async close(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as { cause: string } | AskTextResult | undefined;
    const cause = result && 'cause' in result ? result.cause : undefined;
    const note = result && 'text' in result ? result.text : undefined;
    let c = await currentCase(step.context, this.deps);
    if (isFrozen(c)) return step.endDialog();
    c = resolveCase(c, { cause, note, by: speaker(step.context) });
    saveCase(step.context, this.deps, c);
    await this.deps.audit.append({ at: c.updatedAt, kind: 'resolve', caseId: c.id, by: speaker(step.context), cause: cause ?? null });
    const what = cause ? `confirmed cause: ${this.deps.kb.cause.get(cause)?.title ?? cause}` : note ? `fixed by something else: ${note}` : 'fixed by something else';
    await sendMessage(step.context, noticeMessage(`Case ${c.id} is closed (${what}). Thank you. Paste a new error any time to start a new case.`));
    return step.endDialog();
  }
}
