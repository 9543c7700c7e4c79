/** A cause's checks, fixes (with their risks) and source, on request (Slack's "Details", the terminal). */
import type { TurnContext } from 'botbuilder';
import { diagnose } from '../src/triage';
import { detailsMessage, noticeMessage } from '../src/messages/triage-messages';
import { currentCase } from './case-access';
import type { DialogDeps } from './deps';
import { sendMessage } from './send';

export async function showDetails(context: TurnContext, deps: DialogDeps, causeId: string | undefined, caseId: string | undefined): Promise<void> {
  const c = (caseId && (await deps.cases.get(caseId))) || (await currentCase(context, deps));
  const all = diagnose(c, deps.kb, Number.MAX_SAFE_INTEGER);
  const cause = all.causes.find((x) => x.id === causeId);
  if (!cause) {
    await sendMessage(context, noticeMessage(`Case ${c.id} has no cause '${causeId ?? ''}' any more. Nothing to show.`));
    return;
  }
  await sendMessage(context, detailsMessage({ id: cause.id, title: cause.title, score: cause.score, summary: cause.summary, checks: cause.checks, fixes: cause.fixes, source: cause.source }));
}
