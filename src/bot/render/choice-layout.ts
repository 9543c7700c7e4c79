/**
 * How a question's options are drawn: a row of buttons while there are few and their labels are
 * short, otherwise a compact list with an "Answer" button. Every option stays reachable and every
 * label whole: chat clients cut long button titles and drop buttons past the card's edge.
 */
import type { ChoiceBlock } from '../../messages/model';

/** Teams shows at most five actions in a row (more are cut or folded away). */
export const MAX_BUTTONS = 5;
/** Teams clips button titles at roughly this many characters. */
export const MAX_BUTTON_LABEL = 32;

export function asButtons(block: ChoiceBlock): boolean {
  return block.options.length <= MAX_BUTTONS && block.options.every((o) => o.label.length <= MAX_BUTTON_LABEL);
}

/** The answer an option sends back (what a button carries, or what a list submits with its pick). */
export function answerValue(block: ChoiceBlock, option: string): { answer: { question: string; option: string; case?: string } } {
  return { answer: { question: block.question, option, ...(block.case ? { case: block.case } : {}) } };
}

/** The input id of the compact list in cards; the submit's data names the question and case. */
export const CHOICE_INPUT_ID = 'sqltriageChoice';
