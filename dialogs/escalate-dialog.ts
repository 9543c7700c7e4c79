/**
 * "escalate": asks for what the next tier needs and the case lacks (business impact, contact),
 * marks the case escalated, and posts the engine's escalation summary here and, proactively, to
 * the configured escalation channel. The summary itself is the engine's; this file sequences.
 */
import { TurnContext } from 'botbuilder';
import { ComponentDialog, DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { escalationSummary } from '../src/triage';
import type { EscalationSummary } from '../src/triage/escalation/types';
import type { Case } from '../src/triage/types';
import { escalationMessage } from '../src/messages/escalation-message';
import { noticeMessage } from '../src/messages/triage-messages';
import { installRenderer, sendMessage } from './send';
import { AskText, AskTextResult } from './ask-text';
import { currentCase, saveCase } from './case-access';
import { DIALOG_IDS, DialogDeps } from './deps';
import { describeDestination, type EscalationDestination, type EscalationSettings } from './escalation-destination';
import type { AuditLog } from '../src/store/types';
import { speaker } from './turn-input';

const STEPS = 'escalate.steps';
const ASK = 'escalate.ask';

const PROMPTS = {
  impact: 'Before I hand this off: what is the business impact? (what is down, for whom, since when). Say "skip" to leave it out.',
  contact: 'Who should the next tier contact about this case? (name, e-mail or team). Say "skip" to leave it out.',
};

interface Collected {
  impact?: string;
  contact?: string;
}

function textOf(result: unknown): string | undefined {
  const r = result as AskTextResult | undefined;
  return r && 'text' in r ? r.text : undefined;
}

/** A Teams thread reply carries ";messageid=..." in the conversation id; the channel is the part before it. */
function channelReference(context: TurnContext): EscalationDestination['reference'] {
  const ref = TurnContext.getConversationReference(context.activity);
  const id = ref.conversation?.id?.split(';messageid=')[0] ?? '';
  return { ...ref, conversation: { ...ref.conversation!, id }, activityId: undefined };
}

/**
 * "set escalation channel here": this conversation becomes where escalations are posted, when an
 * administrator (SQLTRIAGE_ESCALATION_ADMINS) says it. Anyone else is told who decides and where
 * escalations go now; both outcomes are audited.
 */
export async function setEscalationChannel(context: TurnContext, settings: EscalationSettings | undefined, audit: AuditLog): Promise<void> {
  if (!settings) {
    await sendMessage(context, noticeMessage('Escalation posting is not available on this bot.'));
    return;
  }
  const reference = channelReference(context);
  const channelName = (context.activity.channelData as { channel?: { name?: string } } | undefined)?.channel?.name;
  const name = channelName ?? context.activity.conversation?.name ?? reference.conversation?.id ?? 'this conversation';
  const wanted: EscalationDestination = { reference, name, setBy: speaker(context), at: new Date().toISOString() };
  const current = await settings.destinations.get();
  const entry = { at: wanted.at, kind: 'escalation-destination', by: wanted.setBy, requested: describeDestination(wanted), previous: current ? describeDestination(current) : null };
  if (!settings.admins.includes(wanted.setBy!)) {
    await audit.append({ ...entry, outcome: 'refused' });
    const now = current ? `Escalations keep going to ${describeDestination(current)}.` : 'No escalation channel is configured.';
    await sendMessage(context, noticeMessage(`Only an administrator can change where escalations go (SQLTRIAGE_ESCALATION_ADMINS); nothing changed. ${now}`));
    return;
  }
  await settings.destinations.set(wanted);
  await audit.append({ ...entry, outcome: 'changed' });
  await sendMessage(context, noticeMessage(`Escalations will be posted here (${describeDestination(wanted)}) from now on.`));
}

export class EscalateDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.escalate);
    this.addDialog(new WaterfallDialog(STEPS, [(s) => this.askImpact(s), (s) => this.askContact(s), (s) => this.handOff(s)]));
    this.addDialog(new AskText(ASK));
    this.initialDialogId = STEPS;
  }

  private async askImpact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const c = await currentCase(step.context, this.deps);
    if (c.escalation?.impact) return step.next();
    return step.beginDialog(ASK, { prompt: PROMPTS.impact });
  }

  private async askContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    (step.values as Collected).impact = textOf(step.result);
    const c = await currentCase(step.context, this.deps);
    if (c.escalation?.contact) return step.next();
    return step.beginDialog(ASK, { prompt: PROMPTS.contact });
  }

  private async handOff(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const ctx = step.context;
    const collected = step.values as Collected;
    collected.contact = textOf(step.result);
    const settings = this.deps.escalation;
    const destination = await settings?.destinations.get();
    const now = new Date().toISOString();

    let c: Case = await currentCase(ctx, this.deps);
    const e = c.escalation ?? {};
    const escalation = {
      ...e,
      ...(collected.impact ? { impact: collected.impact } : {}),
      ...(collected.contact ? { contact: collected.contact } : {}),
      ...(destination ? { destination: destination.name } : {}),
      at: now,
    };
    c = { ...c, status: 'escalated', updatedAt: now, escalation };
    saveCase(step.context, this.deps, c);

    const summary = escalationSummary(c, this.deps.kb, { includePasteText: settings?.includePasteText ?? true, probeServers: this.deps.prober?.servers() });
    await sendMessage(ctx, escalationMessage(summary));
    const delivered = destination && settings ? await this.deliver(ctx, settings, destination, summary) : undefined;
    await this.deps.audit.append({ at: now, kind: 'escalate', caseId: c.id, by: speaker(ctx), destination: destination ? describeDestination(destination) : null, delivered: delivered === 'ok' });

    const where = !destination
      ? 'No escalation channel is configured, so it is only here: ask an administrator to set one (SQLTRIAGE_ESCALATION_REFERENCE, or "set escalation channel here" in the team\'s channel).'
      : delivered === 'ok'
        ? `Posted here and to ${describeDestination(destination)}.`
        : `Posted here, but not to ${describeDestination(destination)}: ${delivered}. The case keeps everything; try "escalate" again later.`;
    await sendMessage(ctx, noticeMessage(`Case ${c.id} is escalated. ${where} Full export: npx sqltriage case show ${c.id} --format markdown`));
    return step.endDialog();
  }

  /** 'ok', or why the proactive post failed (the conversation goes on either way). */
  private async deliver(ctx: TurnContext, settings: EscalationSettings, dest: EscalationDestination, s: EscalationSummary): Promise<string> {
    try {
      await ctx.adapter.continueConversationAsync(settings.appId, dest.reference, async (tc) => {
        // A new post in the channel, not a reply to the made-up activity a continuation carries.
        tc.onSendActivities(async (_c, activities, next) => {
          for (const a of activities) delete a.replyToId;
          return next();
        });
        const render = this.deps.rendererFor?.(dest.reference.channelId);
        if (!render) throw new Error('no renderer for the escalation channel');
        installRenderer(tc, render);
        await sendMessage(tc, escalationMessage(s));
      });
      return 'ok';
    } catch (err) {
      return (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 200);
    }
  }
}
