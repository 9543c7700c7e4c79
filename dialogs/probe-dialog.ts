/**
 * "probe NAME": checks the grant first (nothing is announced to someone who may not probe), then
 * runs the probe ladder against a server the administrator configured with one progress message
 * redrawn in place as steps finish, adds the result to the case and shows what it changed in the
 * ranking before the triage picks up again. The runner decides who may probe what.
 */
import { ActivityTypes } from 'botbuilder';
import { Dialog, DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import type { ProbeProgress, StepResult } from '../src/probes/types';
import { addProbe, diagnose } from '../src/triage';
import type { ProgressStep } from '../src/messages/model';
import { initialSteps, probeProgressMessage, probeRefusedMessage, rankingChangeBlocks, withStep } from '../src/messages/probe-messages';
import { message } from '../src/messages/model';
import { noticeMessage } from '../src/messages/triage-messages';
import { sendMessage, updateMessage } from './send';
import { saveCase } from './case-access';
import { caseForEvidence } from './case-life';
import { DIALOG_IDS, DialogDeps } from './deps';
import { speaker } from './turn-input';

export interface ProbeOptions {
  server?: string;
}

/** Teams hides the typing indicator after a few seconds; repeat it while the ladder runs. */
const TYPING_EVERY_MS = 3000;

function stepStatus(s: { status?: string }): ProgressStep['status'] {
  return s.status === 'ok' ? 'ok' : s.status === 'skipped' ? 'skipped' : 'failed';
}

function stepDetail(s: StepResult): string | undefined {
  const ms = Object.values(s.timings)[0];
  const parts = [s.reason, typeof ms === 'number' ? `${Math.round(ms)} ms` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : undefined;
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
    // Grants name the channel itself: drop the thread part Teams and Slack append (";messageid=...").
    const channel = ctx.activity.conversation?.id?.split(';')[0];
    const who = { user: speaker(ctx), channel };
    const servers = prober.servers();
    const server = options.server?.trim();
    if (!server) {
      const actions = servers.slice(0, 10).map((s, i) => ({ id: `probe-${i}`, label: s, value: { command: 'probe' as const, arg: s } }));
      const text = servers.length > 0 ? 'Which server should I probe? Say "probe NAME" or pick one:' : 'No servers are configured for probing.';
      await sendMessage(ctx, noticeMessage(text, actions));
      return dc.endDialog();
    }
    const refused = prober.check?.({ server, ...who, via: ctx.activity.channelId });
    if (refused) {
      await sendMessage(ctx, probeRefusedMessage(server, refused, who));
      return dc.endDialog();
    }

    let steps = initialSteps();
    const sent = await sendMessage(ctx, probeProgressMessage(server, steps, 'Running…'));
    let inPlace = true;
    let redraw: Promise<unknown> = Promise.resolve();
    const typing = setInterval(() => void ctx.sendActivity({ type: ActivityTypes.Typing }).catch(() => undefined), TYPING_EVERY_MS);
    await ctx.sendActivity({ type: ActivityTypes.Typing });
    const onProgress = (p: ProbeProgress): void => {
      steps = withStep(steps, p.step, p.phase === 'start' ? 'running' : stepStatus(p), p.reason);
      const snapshot = steps;
      // One redraw at a time, in order; a channel that cannot update gets the final state only.
      redraw = redraw.then(async () => {
        if (inPlace) inPlace = await updateMessage(ctx, sent?.id, probeProgressMessage(server, snapshot, 'Running…'));
      });
    };
    let outcome;
    try {
      outcome = await prober.run({ server, user: who.user, channel, via: ctx.activity.channelId, onProgress });
    } finally {
      clearInterval(typing);
      await redraw.catch(() => undefined);
    }
    if ('refused' in outcome) {
      const done = probeRefusedMessage(server, outcome.refused, who);
      if (!(inPlace && (await updateMessage(ctx, sent?.id, done)))) await sendMessage(ctx, done);
      return dc.endDialog();
    }

    const target = await caseForEvidence(ctx, this.deps);
    if (target.notice) await sendMessage(ctx, noticeMessage(target.notice));
    const c = addProbe(target.c, server, outcome.result as unknown as Record<string, unknown>, outcome.signals, this.deps.kb, { by: speaker(ctx) });
    saveCase(ctx, this.deps, c);
    await this.deps.audit.append({ at: new Date().toISOString(), kind: 'probe', server, by: speaker(ctx), caseId: c.id, signals: outcome.signals });
    const t = outcome.result.totals;
    const finalSteps = outcome.result.steps.reduce((acc, s) => withStep(acc, s.step, stepStatus(s), stepDetail(s)), initialSteps());
    const final = probeProgressMessage(server, finalSteps, `${t.ok} ok, ${t.failed} failed, ${t.skipped} skipped in ${Math.round(t.durationMs)} ms. Added to case ${c.id}.`);
    if (!(inPlace && (await updateMessage(ctx, sent?.id, final)))) await sendMessage(ctx, final);
    await sendMessage(ctx, message(rankingChangeBlocks(diagnose(c, this.deps.kb)), [], 'change'));
    // Pick the triage up again with the new evidence.
    return dc.replaceDialog(DIALOG_IDS.triage, {});
  }
}
