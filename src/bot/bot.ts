/**
 * The activity handler: the thin shell between a chat channel and the triage dialogs. It cleans the
 * incoming text, fetches attached files, routes commands, and installs the channel's renderer;
 * everything it says comes from the dialogs as neutral messages.
 */
import { ActivityHandler, ConversationState, StatePropertyAccessor, Storage, TurnContext, UserState } from 'botbuilder';
import { DialogSet, DialogState } from 'botbuilder-dialogs';
import type { Knowledge } from '../kb/load';
import type { AuditLog, CaseStore } from '../store/types';
import { flushCaseWrites, newCase } from '../../dialogs/case-access';
import { CaseRef, DialogDeps, DIALOG_IDS, ProbeRunner } from '../../dialogs/deps';
import { EscalateDialog, setEscalationChannel } from '../../dialogs/escalate-dialog';
import { EscalationSettings, escalationSettings } from '../../dialogs/escalation-destination';
import { ProbeDialog } from '../../dialogs/probe-dialog';
import { TriageDialog } from '../../dialogs/triage-dialog';
import { ResolveDialog } from '../../dialogs/resolve-dialog';
import { showDetails } from '../../dialogs/details';
import { setTurnInput } from '../../dialogs/turn-input';
import { redactInput } from '../parse/redact';
import { AttachmentLimits, DEFAULT_ATTACHMENT_LIMITS, fetchAttachments } from './attachments';
import { isCaptureAttachment, readCaptureAttachment } from './trace-attachments';
import { currentCase, saveCase } from '../../dialogs/case-access';
import { addTrace } from '../triage/evidence';
import { inboundText, submissionOf, threadConversationId } from './channel-text';
import { helpMessage, sqlcheckMessage } from '../messages/help';
import { sendMessage, installRenderer } from '../../dialogs/send';
import { noticeMessage } from '../messages/triage-messages';
import { rendererFor } from './render';
import type { Message } from '../messages/model';
import { routeOf } from './route';
import { shareDialogsRegistration } from './dialog-registration';

export type { ProbeRunner } from '../../dialogs/deps';

export interface BotDeps {
  storage: Storage;
  cases: CaseStore;
  audit: AuditLog;
  kb: Knowledge;
  prober?: ProbeRunner;
  /** Escalation destination and options; default: the channel set in chat, kept in `storage`. */
  escalation?: EscalationSettings;
  config?: { attachments?: Partial<AttachmentLimits> };
  /** Sees every message the dialogs send in a turn (metrics: questions asked). */
  observeMessage?: (msg: Message) => void;
}

interface UserProfile {
  lastCaseId?: string;
}

class TriageBot extends ActivityHandler {
  private readonly conversationState: ConversationState;
  private readonly userState: UserState;
  private readonly dialogs: DialogSet;
  private readonly dialogDeps: DialogDeps;
  private readonly limits: AttachmentLimits;
  private readonly profile: StatePropertyAccessor<UserProfile>;

  constructor(private readonly deps: BotDeps) {
    super();
    this.conversationState = new ConversationState(deps.storage);
    this.userState = new UserState(deps.storage);
    this.limits = { ...DEFAULT_ATTACHMENT_LIMITS, ...deps.config?.attachments };
    this.dialogDeps = {
      // Read at each use: the running bot's knowledge is refreshed with local priors (src/learn).
      get kb() {
        return deps.kb;
      },
      cases: deps.cases,
      audit: deps.audit,
      prober: deps.prober,
      escalation: deps.escalation ?? escalationSettings(deps.storage),
      caseRef: this.conversationState.createProperty<CaseRef>('case'),
      rendererFor,
    };
    this.profile = this.userState.createProperty<UserProfile>('profile');
    this.dialogs = new DialogSet(this.conversationState.createProperty<DialogState>('dialogs'));
    this.dialogs
      .add(new TriageDialog(this.dialogDeps))
      .add(new ProbeDialog(this.dialogDeps))
      .add(new EscalateDialog(this.dialogDeps))
      .add(new ResolveDialog(this.dialogDeps));

    this.onMessage(async (context, next) => {
      await this.onUserMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const others = (context.activity.membersAdded ?? []).filter((m) => m.id !== context.activity.recipient?.id);
      if (others.length > 0) await sendMessage(context, helpMessage({ probeServers: deps.prober?.servers() }));
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    const render = rendererFor(context.activity.channelId);
    const observe = this.deps.observeMessage;
    installRenderer(context, observe ? (msg) => (observe(msg), render(msg)) : render);
    const thread = threadConversationId(context.activity);
    if (thread) {
      context.onSendActivities(async (_ctx, activities, next) => {
        for (const a of activities) a.conversation = { ...context.activity.conversation, ...a.conversation, id: thread };
        return next();
      });
    }
    await super.run(context);
    // Case, conversation and user state go to storage together: one write of the data file per turn.
    await Promise.all([flushCaseWrites(context), this.conversationState.saveChanges(context), this.userState.saveChanges(context)]);
  }

  /** Attached network traces become trace evidence in the case, with what was found said in the chat. */
  private async readTraces(context: TurnContext, captures: import('botbuilder').Attachment[]): Promise<void> {
    for (const att of captures.slice(0, 2)) {
      await sendMessage(context, noticeMessage(`Reading the network trace ${redactInput(att.name ?? 'trace').text}...`));
      const read = await readCaptureAttachment(att, this.limits);
      if ('problem' in read) {
        await sendMessage(context, noticeMessage(`I could not read ${redactInput(read.name).text}: ${read.problem}`));
        continue;
      }
      const c = addTrace(await currentCase(context, this.dialogDeps), read.evidence, this.deps.kb, { by: context.activity.from?.id });
      saveCase(context, this.dialogDeps, c);
      await sendMessage(context, noticeMessage(read.lines.join('\n')));
    }
  }

  private async onUserMessage(context: TurnContext): Promise<void> {
    const all = context.activity.attachments ?? [];
    const captures = all.filter(isCaptureAttachment);
    if (captures.length) await this.readTraces(context, captures);
    const fetched = await fetchAttachments(all.filter((a) => !isCaptureAttachment(a)), this.limits);
    for (const f of fetched) if ('problem' in f) await sendMessage(context, noticeMessage(`I could not read ${f.name}: ${f.problem}`));
    // Secrets leave here, before anything (dialog state, case, reply) can keep the text.
    const files = fetched
      .filter((f): f is { name: string; text: string } => 'text' in f)
      .map((f) => {
        const { text, count } = redactInput(f.text);
        return { name: redactInput(f.name).text, text, redactions: count };
      });
    const { text, count: redactions } = redactInput(inboundText(context.activity));
    const submission = submissionOf(context.activity);
    setTurnInput(context, { text, redactions, submission, files });

    const dc = await this.dialogs.createContext(context);
    const route = routeOf(text, submission, files.length > 0);
    switch (route.kind) {
      case 'help':
        await sendMessage(context, helpMessage({ probeServers: this.deps.prober?.servers() }));
        break;
      case 'start-over': {
        await dc.cancelAllDialogs();
        const c = await newCase(context, this.dialogDeps);
        await sendMessage(context, noticeMessage(`Started a new case (${c.id}). Paste the error message or attach a SQLCHECK report.`));
        break;
      }
      case 'probe':
        await dc.cancelAllDialogs();
        await dc.beginDialog(DIALOG_IDS.probe, { server: route.server });
        break;
      case 'escalate':
        await dc.cancelAllDialogs();
        await dc.beginDialog(DIALOG_IDS.escalate);
        break;
      case 'set-escalation-channel':
        await setEscalationChannel(context, this.dialogDeps.escalation, this.dialogDeps.audit);
        break;
      case 'sqlcheck':
        await sendMessage(context, sqlcheckMessage([...this.deps.kb.collect.values()].find((c) => c.id.includes('sqlcheck'))));
        break;
      case 'answer':
        if (dc.activeDialog?.id === DIALOG_IDS.triage) await dc.continueDialog();
        else {
          await dc.cancelAllDialogs();
          await dc.beginDialog(DIALOG_IDS.triage, { answer: { question: route.question, option: route.option, ...(route.case ? { case: route.case } : {}) } });
        }
        break;
      case 'details':
        // Answered where it was asked (the thread in Slack); the open question stays open.
        await showDetails(context, this.dialogDeps, route.cause, route.case);
        break;
      case 'resolve':
        await dc.cancelAllDialogs();
        await dc.beginDialog(DIALOG_IDS.resolve, { cause: route.cause, case: route.case });
        break;
      case 'small-talk':
        // Not evidence: one line back, no case opened, the open question stays open.
        if (dc.activeDialog?.id === DIALOG_IDS.resolve || dc.activeDialog?.id === DIALOG_IDS.escalate) await dc.continueDialog();
        else await sendMessage(context, noticeMessage(route.reply));
        break;
      case 'input':
        if (!text && files.length === 0) {
          if (fetched.length === 0 && captures.length === 0) await sendMessage(context, noticeMessage('I received an empty message. Paste the error text or attach a SQLCHECK report (.txt).'));
          break;
        }
        if (dc.activeDialog) await dc.continueDialog();
        else await dc.beginDialog(DIALOG_IDS.triage, files.length > 0 ? { pastes: files, note: text || undefined } : { pastes: [{ text, redactions }] });
        break;
    }
    await this.rememberCase(context);
  }

  private async rememberCase(context: TurnContext): Promise<void> {
    const ref = await this.dialogDeps.caseRef.get(context, {});
    if (!ref.caseId) return;
    await this.profile.set(context, { lastCaseId: ref.caseId });
  }
}

export function createBot(deps: BotDeps): ActivityHandler {
  shareDialogsRegistration();
  return new TriageBot(deps);
}
