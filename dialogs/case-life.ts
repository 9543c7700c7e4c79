/**
 * A case's life in chat: buttons carry their case and question, and an answer that would change a
 * case behind the user's back (an old card, a question answered before, an escalated or closed
 * case) is refused with a message that names the case. New evidence for a frozen case opens a new
 * one (a follow-up, linked, when the old one was escalated).
 */
import type { TurnContext } from 'botbuilder';
import type { Knowledge } from '../src/kb/load';
import { isFrozen } from '../src/triage';
import type { Case } from '../src/triage/types';
import { currentCase, newCase } from './case-access';
import type { DialogDeps } from './deps';

export function statusWords(c: Case): string {
  return c.status === 'escalated' ? 'escalated, so it is frozen' : c.status === 'resolved' ? 'closed' : 'open';
}

/** Why this answer must not change the case, or undefined when it may. */
export async function answerRefusal(
  context: TurnContext,
  deps: DialogDeps,
  current: Case,
  answer: { question: string; option: string; case?: string },
): Promise<string | undefined> {
  if (answer.case && answer.case !== current.id) {
    const named = await deps.cases.get(answer.case);
    if (!named) return `That button belongs to case ${answer.case}, which I no longer have. Nothing changed.`;
    if (isFrozen(named)) return `That button belongs to case ${named.id}, which is ${statusWords(named)}. Nothing changed.`;
    return `That button belongs to case ${named.id}, not to this conversation's case ${current.id}. Nothing changed.`;
  }
  if (isFrozen(current)) return `Case ${current.id} is ${statusWords(current)}. Nothing changed: answers no longer change it; paste new evidence to open a new case.`;
  return alreadyAnswered(deps.kb, current, answer.question);
}

export function alreadyAnswered(kb: Knowledge, c: Case, questionId: string): string | undefined {
  // An answer the paste implied may be corrected by the user; an explicit one stands.
  const before = c.evidence.find((e) => e.kind === 'answer' && e.question === questionId && !e.implied);
  if (!before || before.kind !== 'answer') return undefined;
  const q = kb.question.get(questionId);
  const label = q?.options.find((o) => o.id === before.option)?.label ?? before.option;
  return `"${q?.text ?? questionId}" is already answered in case ${c.id} (${label}). Nothing changed.`;
}

/**
 * The case new evidence goes into: the current one while it is open, else a new case (linked as a
 * follow-up when the old one was escalated), with a line saying so.
 */
export async function caseForEvidence(context: TurnContext, deps: DialogDeps): Promise<{ c: Case; notice?: string }> {
  const c = await currentCase(context, deps);
  if (!isFrozen(c)) return { c };
  if (c.status === 'escalated') {
    const next = await newCase(context, deps, { followUpOf: c.id });
    return { c: next, notice: `Case ${c.id} is escalated and frozen. This goes into a new case, ${next.id}, that follows it up.` };
  }
  const next = await newCase(context, deps);
  return { c: next, notice: `Case ${c.id} is closed. This starts a new case, ${next.id}.` };
}
