/**
 * The guided loop: add what the user sent to the case, show the diagnosis (or what changed), ask the
 * question that best separates the remaining causes, and repeat; stop when one cause clearly leads
 * or nothing is left to ask, and offer the next step. Questions and their effects come from the
 * knowledge base through the engine's `nextStep`; this file only sequences them.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { addAnswer, addNote, addPaste, diagnose, nextStep } from '../src/triage';
import type { Case } from '../src/triage/types';
import { changesMessage, diagnosisMessage, doneMessage, noticeMessage } from '../src/bot/messages/triage-messages';
import { sendMessage } from '../src/bot/messages/send';
import { AnswerPrompt, PromptResult } from './answer-prompt';
import { currentCase, saveCase } from './case-access';
import { DIALOG_IDS, DialogDeps } from './deps';
import { speaker } from './turn-input';

/** What starts (or continues) the loop: new pastes, an answer, or nothing (just pick up where the case is). */
export type TriageInput = Partial<Extract<PromptResult, { pastes: unknown }>> & Partial<Extract<PromptResult, { answer: unknown }>>;

const LOOP = 'triage.loop';
const ASK = 'triage.ask';

export class TriageDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.triage);
    this.addDialog(new WaterfallDialog(LOOP, [(s) => this.applyAndAsk(s), (s) => this.afterAnswer(s)]));
    this.addDialog(new AnswerPrompt(ASK, deps));
    this.initialDialogId = LOOP;
  }

  private async applyAndAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const input = (step.options ?? {}) as TriageInput;
    let c = await currentCase(step.context, this.deps);
    if (input.pastes) c = await this.applyPastes(step, c, input.pastes, input.note);
    else if (input.answer) c = await this.applyAnswer(step, c, input.answer);

    const next = nextStep(c, this.deps.kb);
    if (next.kind === 'question') return step.beginDialog(ASK, { question: next.question.id });
    const offers = next.offers.filter((o) => o !== 'probe' || this.deps.prober !== undefined);
    await sendMessage(step.context, doneMessage(next.reason, offers, diagnose(c, this.deps.kb)));
    return step.endDialog();
  }

  private async afterAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(LOOP, step.result as PromptResult | undefined);
  }

  private async applyPastes(step: WaterfallStepContext, c: Case, pastes: { name?: string; text: string; redactions?: number }[], note?: string): Promise<Case> {
    const { kb } = this.deps;
    const by = speaker(step.context);
    if (note) c = addNote(c, 'note', note, { by });
    for (const paste of pastes) {
      const out = addPaste(c, paste.text, kb, { by, redactedBefore: paste.redactions });
      if (out.message) {
        const what = paste.name ? `${paste.name}: ` : '';
        await sendMessage(step.context, noticeMessage(`${what}${out.message}`));
        continue;
      }
      c = out.case;
      saveCase(step.context, this.deps, c);
      const ev = c.evidence.find((e) => e.id === out.evidenceId);
      const shown = ev && ev.kind === 'paste' ? { truncated: ev.truncated, redactions: ev.redactions } : ev && (ev.kind === 'sqlcheck' || ev.kind === 'artifact') ? { redactions: ev.redactions } : {};
      await sendMessage(step.context, diagnosisMessage(diagnose(c, kb), { kind: out.kind, ...shown, artifacts: out.artifacts }));
    }
    if (note) saveCase(step.context, this.deps, c);
    return c;
  }

  private async applyAnswer(step: WaterfallStepContext, c: Case, answer: { question: string; option: string }): Promise<Case> {
    const { kb } = this.deps;
    const option = kb.question.get(answer.question)?.options.find((o) => o.id === answer.option);
    if (!option) {
      await sendMessage(step.context, noticeMessage('That button belongs to a question I no longer ask; here is where the case stands.'));
      return c;
    }
    c = addAnswer(c, answer.question, answer.option, kb, { by: speaker(step.context) });
    saveCase(step.context, this.deps, c);
    await sendMessage(step.context, changesMessage(diagnose(c, kb), option.label));
    return c;
  }
}
