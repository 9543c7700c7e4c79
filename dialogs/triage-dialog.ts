/**
 * The guided loop: add what the user sent to the case, show the diagnosis (or what changed) and the
 * question that best separates the remaining causes in one reply, and repeat; stop when one cause
 * clearly leads or nothing is left to ask, and offer "That fixed it" and the next steps. Questions
 * and their effects come from the knowledge base through the engine's `nextStep`; this file only
 * sequences them.
 */
import { ComponentDialog, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { addAnswer, addNote, addPaste, diagnose, nextStep } from '../src/triage';
import type { Case, SqlcheckEvidence } from '../src/triage/types';
import type { Block } from '../src/messages/model';
import { factsParts } from '../src/messages/facts-line';
import { findingsBlocks } from '../src/messages/findings';
import { changesBlocks, diagnosisBlocks, doneMessage, noticeMessage, PasteNotes } from '../src/messages/triage-messages';
import { sendMessage } from './send';
import { AnswerPrompt, PromptResult } from './answer-prompt';
import { saveCase } from './case-access';
import { answerRefusal, caseForEvidence } from './case-life';
import { currentCase } from './case-access';
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
    // The waterfall keeps its options in conversation state until it ends: the pasted text would be
    // stored and serialised again on every later turn, though it is read only here (the case keeps it).
    const kept = step.activeDialog?.state as { options?: unknown } | undefined;
    if (kept && input.pastes) kept.options = {};
    let c: Case;
    let before: Block[] = [];
    if (input.pastes) {
      const target = await caseForEvidence(step.context, this.deps);
      if (target.notice) await sendMessage(step.context, noticeMessage(target.notice));
      ({ c, before } = await this.applyPastes(step, target.c, input.pastes, input.note));
    } else {
      c = await currentCase(step.context, this.deps);
      if (input.answer) {
        const applied = await this.applyAnswer(step, c, input.answer);
        if (!applied) return step.endDialog();
        ({ c, before } = applied);
      }
    }
    // Nothing placed (empty, binary, not an error): the notices said why; no question on nothing.
    if (c.status !== 'open' || (input.pastes && before.length === 0 && c.evidence.length === 0)) return step.endDialog();

    const tag = { case: c.id };
    const next = nextStep(c, this.deps.kb);
    if (next.kind === 'question') return step.beginDialog(ASK, { question: next.question.id, case: c.id, before });
    // Probing is offered only while the configuration (re-read when it changes) names servers.
    const offers = next.offers.filter((o) => o !== 'probe' || (this.deps.prober?.servers().length ?? 0) > 0);
    await sendMessage(step.context, doneMessage(next.reason, offers, diagnose(c, this.deps.kb), tag, before));
    return step.endDialog();
  }

  private async afterAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(LOOP, step.result as PromptResult | undefined);
  }

  private async applyPastes(step: WaterfallStepContext, c: Case, pastes: { name?: string; text: string; redactions?: number }[], note?: string): Promise<{ c: Case; before: Block[] }> {
    const { kb } = this.deps;
    const by = speaker(step.context);
    if (note) c = addNote(c, 'note', note, { by });
    let before: Block[] = [];
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
      const notes: PasteNotes = { kind: out.kind, artifacts: out.artifacts };
      // What was read from the paste; the answers it implied come with the diagnosis (fromPaste).
      if (ev && ev.kind === 'paste') Object.assign(notes, { truncated: ev.truncated, redactions: ev.redactions, taken: factsParts(ev.facts) });
      if (ev && (ev.kind === 'sqlcheck' || ev.kind === 'artifact')) Object.assign(notes, { redactions: ev.redactions });
      // An earlier paste's diagnosis in the same turn is superseded by this one: one reply per turn.
      before = diagnosisBlocks(diagnose(c, kb), notes, { case: c.id });
      if (ev && ev.kind === 'sqlcheck') before.push(...findingsBlocks(c.evidence.filter((e): e is SqlcheckEvidence => e.kind === 'sqlcheck')));
    }
    if (note) saveCase(step.context, this.deps, c);
    return { c, before };
  }

  /** The answer applied and what it changed, or undefined when it was refused and the loop stops. */
  private async applyAnswer(step: WaterfallStepContext, c: Case, answer: { question: string; option: string; case?: string }): Promise<{ c: Case; before: Block[] } | undefined> {
    const { kb } = this.deps;
    const refusal = await answerRefusal(step.context, this.deps, c, answer);
    if (refusal) {
      await sendMessage(step.context, noticeMessage(refusal));
      // An open case goes on with its own next question; a frozen one stays as it is.
      return c.status === 'open' && (!answer.case || answer.case === c.id) ? { c, before: [] } : undefined;
    }
    const option = kb.question.get(answer.question)?.options.find((o) => o.id === answer.option);
    if (!option) {
      await sendMessage(step.context, noticeMessage('That button belongs to a question I no longer ask; here is where the case stands.'));
      return { c, before: [] };
    }
    c = addAnswer(c, answer.question, answer.option, kb, { by: speaker(step.context) });
    saveCase(step.context, this.deps, c);
    return { c, before: changesBlocks(diagnose(c, kb), option.label) };
  }
}
