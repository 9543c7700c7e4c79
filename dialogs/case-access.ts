/** Loading and saving the conversation's case: the id sits in conversation state, the case in the store. */
import type { TurnContext } from 'botbuilder';
import { openCase } from '../src/triage';
import type { Case } from '../src/triage/types';
import type { DialogDeps } from './deps';

function originOf(context: TurnContext): Record<string, string> {
  const a = context.activity;
  return { channelId: a.channelId ?? '', conversationId: a.conversation?.id ?? '' };
}

export async function newCase(context: TurnContext, deps: DialogDeps): Promise<Case> {
  const c = openCase({ origin: originOf(context) });
  await deps.cases.put(c);
  await deps.caseRef.set(context, { caseId: c.id });
  return c;
}

/** The case this conversation works on; a new one when there is none or it was removed from the store. */
export async function currentCase(context: TurnContext, deps: DialogDeps): Promise<Case> {
  const ref = await deps.caseRef.get(context, {});
  const found = ref.caseId ? await deps.cases.get(ref.caseId) : undefined;
  return found ?? newCase(context, deps);
}

export async function saveCase(deps: DialogDeps, c: Case): Promise<void> {
  await deps.cases.put(c);
}
