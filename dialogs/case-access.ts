/** Loading and saving the conversation's case: the id sits in conversation state, the case in the store. */
import type { TurnContext } from 'botbuilder';
import { openCase } from '../src/triage';
import type { Case } from '../src/triage/types';
import type { DialogDeps } from './deps';

function originOf(context: TurnContext): Record<string, string> {
  const a = context.activity;
  return { channelId: a.channelId ?? '', conversationId: a.conversation?.id ?? '' };
}

/**
 * Case writes start at once but are awaited at the end of the turn together with the state save
 * (flushCaseWrites), so one turn's changes share one write of the data file and the reply still
 * goes out only once everything is stored.
 */
const PENDING_CASE_WRITES = Symbol('sqltriage.pendingCaseWrites');

function track(context: TurnContext, write: Promise<void>): void {
  const pending: Promise<void>[] = context.turnState.get(PENDING_CASE_WRITES) ?? [];
  write.catch(() => undefined); // reported by flushCaseWrites, not as an unhandled rejection
  context.turnState.set(PENDING_CASE_WRITES, [...pending, write]);
}

export async function flushCaseWrites(context: TurnContext): Promise<void> {
  const pending: Promise<void>[] = context.turnState.get(PENDING_CASE_WRITES) ?? [];
  context.turnState.set(PENDING_CASE_WRITES, []);
  const failed = (await Promise.allSettled(pending)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

export async function newCase(context: TurnContext, deps: DialogDeps, opts: { followUpOf?: string } = {}): Promise<Case> {
  const c = openCase({ origin: originOf(context), ...opts });
  track(context, deps.cases.put(c));
  await deps.caseRef.set(context, { caseId: c.id });
  return c;
}

/** The case this conversation works on; a new one when there is none or it was removed from the store. */
export async function currentCase(context: TurnContext, deps: DialogDeps): Promise<Case> {
  const ref = await deps.caseRef.get(context, {});
  const found = ref.caseId ? await deps.cases.get(ref.caseId) : undefined;
  return found ?? newCase(context, deps);
}

export function saveCase(context: TurnContext, deps: DialogDeps, c: Case): void {
  track(context, deps.cases.put(c));
}
