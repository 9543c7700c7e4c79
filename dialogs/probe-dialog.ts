/**
 * "probe NAME": runs the probe ladder against a server the administrator configured, shows progress
 * while it runs, adds the result to the case and picks the triage up again. The runner decides who
 * may probe what; a refusal is shown as it is.
 */
import { ActivityTypes } from 'botbuilder';
import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ProbeProgress, StepResult } from '../src/probes/types';
import { addProbe } from '../src/triage';
import { message } from '../src/bot/messages/model';
import { noticeMessage } from '../src/bot/messages/triage-messages';
import { sendMessage } from '../src/bot/messages/send';
import { currentCase, saveCase } from './case-access';
import { DIALOG_IDS, DialogDeps } from './deps';
import { speaker } from './turn-input';

export interface ProbeOptions {
  server?: string;
}

/** Teams hides the typing indicator after a few seconds; repeat it while the ladder runs. */
const TYPING_EVERY_MS = 3000;

function stepLine(s: StepResult): string {
  const ms = Object.values(s.timings)[0];
  return `${s.step}: ${s.status}${s.reason ? ` (${s.reason})` : ''}${typeof ms === 'number' ? `, ${Math.round(ms)} ms` : ''}`;
}

export class ProbeDialog extends Dialog<ProbeOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(DIALOG_IDS.probe);
  }

  override async beginDialog(dc: DialogContext, options: ProbeOptions = {}): Promise<DialogTurnResult> {
    const { prober } = this.deps;
    const ctx = dc.context;
    if (!prober) {
      await sendMessage(ctx, noticeMessage('Probing is not available: no prober is configured on this bot. Ask the administrator to name the servers it may test.'));
      return dc.endDialog();
    }
    const servers = prober.servers();
    const server = options.server?.trim();
    if (!server) {
      const actions = servers.slice(0, 10).map((s, i) => ({ id: `probe-${i}`, label: s, value: { command: 'probe' as const, arg: s } }));
      const text = servers.length > 0 ? 'Which server should I probe? Say "probe NAME" or pick one:' : 'No servers are configured for probing.';
      await sendMessage(ctx, noticeMessage(text, actions));
      return dc.endDialog();
    }

    await sendMessage(ctx, noticeMessage(`Probing ${server}: DNS, TCP, Browser, pre-login, TLS, login. I will report each step.`));
    const typing = setInterval(() => void ctx.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined), TYPING_EVERY_MS);
    await ctx.sendActivity({ type: ActivityTypes.Typing });
    const progress: Promise<unknown>[] = [];
    const onProgress = (p: ProbeProgress): void => {
      if (p.phase === 'done') progress.push(sendMessage(ctx, noticeMessage(`${p.step}: ${p.status ?? 'done'}${p.reason ? ` (${p.reason})` : ''}`)).catch(() => undefined));
    };
    let outcome;
    try {
      // Grants name the channel itself: drop the thread part Teams and Slack append (";messageid=...").
      const channel = ctx.activity.conversation?.id?.split(';')[0];
      outcome = await prober.run({ server, user: speaker(ctx), channel, via: ctx.activity.channelId, onProgress });
    } finally {
      clearInterval(typing);
      await Promise.all(progress);
    }
    if ('refused' in outcome) {
      await sendMessage(ctx, noticeMessage(`I will not probe ${server}: ${outcome.refused}`));
      return dc.endDialog();
    }

    let c = await currentCase(ctx, this.deps);
    c = addProbe(c, server, outcome.result as unknown as Record<string, unknown>, outcome.signals, this.deps.kb, { by: speaker(ctx) });
    saveCase(ctx, this.deps, c);
    await this.deps.audit.append({ at: new Date().toISOString(), kind: 'probe', server, by: speaker(ctx), caseId: c.id, signals: outcome.signals });
    const t = outcome.result.totals;
    await sendMessage(
      ctx,
      message([
        { kind: 'heading', text: `Probe of ${server}` },
        { kind: 'list', items: outcome.result.steps.map(stepLine) },
        { kind: 'text', text: `${t.ok} ok, ${t.failed} failed, ${t.skipped} skipped in ${Math.round(t.durationMs)} ms. Added to the case.` },
      ]),
    );
    // Pick the triage up again with the new evidence.
    return dc.replaceDialog(DIALOG_IDS.triage, {});
  }
}
