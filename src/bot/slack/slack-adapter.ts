/**
 * botbuilder's BotAdapter for Slack Socket Mode: envelopes from the socket become turns, the bot's
 * replies become Web API calls in the thread of the paste. The bot, its dialogs and the store do
 * not know they are talking to Slack; conversation state lives in the bot's Storage, so a dropped
 * socket or a restart continues the same conversation.
 */
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { MAX_INPUT_BYTES } from '../../triage/input';
import { noticeMessage } from '../../messages/triage-messages';
import { escapeMrkdwn, renderSlack } from '../render/slack';
import { conversationIdOf, placeOf, type SlackPlace } from './conversation-id';
import { fetchSlackFile, type FileLimits, type FileSource } from './files';
import { type ChannelMessages, fromBlockActions, fromMessageEvent, type Incoming, type SlackFile, type SlackIdentity } from './incoming';
import { TtlSet } from './ttl-set';
import { asLogger, type LineLog, type Logger } from '../log';

/** What the socket delivers (the fields of @slack/socket-mode's `slack_event`). */
export interface SlackEnvelope {
  type: string;
  envelope_id?: string;
  body: unknown;
  retry_num?: number;
  retry_reason?: string;
}

export type TurnLogic = (context: TurnContext) => Promise<void>;

export interface SlackAdapterOptions {
  web: WebClient;
  botToken: string;
  identity: SlackIdentity;
  channelMessages?: ChannelMessages;
  files?: Partial<FileLimits>;
  /** Hosts besides *.slack.com that may receive the bot token for file downloads. */
  trustedFileHosts?: string[];
  /** Slack retries an event three times within about five minutes; keys are kept well past that. */
  dedupe?: { maxEntries?: number; ttlMs?: number };
  log?: Logger | LineLog;
}

const DEDUPE_TTL_MS = 30 * 60_000;
const THREAD_TTL_MS = 7 * 24 * 3_600_000;
const MAX_DELAY_MS = 10_000;

export class SlackSocketAdapter extends BotAdapter {
  private readonly seen: TtlSet;
  private readonly threads = new TtlSet(20_000, THREAD_TTL_MS);
  private readonly queues = new Map<string, Promise<void>>();
  private readonly log: Logger;
  private readonly fileSource: FileSource;
  private readonly channelMessages: ChannelMessages;

  constructor(private readonly opts: SlackAdapterOptions) {
    super();
    this.log = asLogger(opts.log);
    this.seen = new TtlSet(opts.dedupe?.maxEntries ?? 10_000, opts.dedupe?.ttlMs ?? DEDUPE_TTL_MS);
    this.channelMessages = opts.channelMessages ?? 'mentions';
    this.fileSource = {
      botToken: opts.botToken,
      trustedHosts: opts.trustedFileHosts ?? [],
      limits: { maxBytes: opts.files?.maxBytes ?? MAX_INPUT_BYTES, timeoutMs: opts.files?.timeoutMs ?? 15_000 },
      fileInfo: async (id) => (await opts.web.files.info({ file: id })).file as SlackFile | undefined,
    };
    this.onTurnError = async (context, error) => {
      this.log.error({ conversationId: context.activity.conversation?.id, channel: 'slack', err: error }, 'slack: turn failed');
      await context.sendActivity('Sorry, something went wrong on my side. Your case is kept; please send that again.');
    };
  }

  get identity(): SlackIdentity {
    return this.opts.identity;
  }

  /**
   * One envelope from the socket (already acknowledged). Resolves when its turn has run, or at
   * once when it is not for the bot or was seen before.
   */
  async receive(envelope: SlackEnvelope, logic: TurnLogic): Promise<void> {
    const incoming = this.toIncoming(envelope);
    if (incoming.kind === 'ignore') return;
    const eventId = (envelope.body as { event_id?: unknown } | undefined)?.event_id;
    const keys = typeof eventId === 'string' ? [...incoming.keys, `event:${eventId}`] : incoming.keys;
    if (this.seen.seenBefore(keys)) {
      this.log.info(`slack: skipped a repeated delivery (${keys[0]}${envelope.retry_num ? `, retry ${envelope.retry_num}: ${envelope.retry_reason}` : ''})`);
      return;
    }
    const id = conversationIdOf(incoming.place);
    this.threads.add(id);
    // One turn at a time per conversation: two quick messages must not race on its state.
    const previous = this.queues.get(id) ?? Promise.resolve();
    const turn = previous.then(() => this.runTurn(incoming, logic)).catch((err: Error) => this.log.error({ conversationId: id, channel: 'slack', err }, 'slack: turn failed'));
    this.queues.set(id, turn);
    await turn;
    if (this.queues.get(id) === turn) this.queues.delete(id);
  }

  /** Resolves when every turn started so far has finished. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private toIncoming(envelope: SlackEnvelope): Incoming {
    if (envelope.type === 'events_api') {
      const event = (envelope.body as { event?: unknown } | undefined)?.event;
      return fromMessageEvent(event, this.opts.identity, { channelMessages: this.channelMessages, inThread: (id) => this.threads.has(id) });
    }
    if (envelope.type === 'interactive') return fromBlockActions(envelope.body, this.opts.identity);
    return { kind: 'ignore', reason: `${envelope.type} envelopes are not handled` };
  }

  private async runTurn(incoming: Extract<Incoming, { kind: 'turn' }>, logic: TurnLogic): Promise<void> {
    const activity = { ...incoming.activity };
    if (incoming.files.length > 0) {
      const attachments = [];
      // In parallel: the turn waits for the slowest file (each within its own timeout), not for their sum.
      const fetched = await Promise.all(incoming.files.map((file) => fetchSlackFile(file, this.fileSource)));
      for (const got of fetched) {
        if ('attachment' in got) attachments.push(got.attachment);
        else if ('problem' in got) await this.post(incoming.place, renderSlack(noticeMessage(`I could not read ${got.name}: ${got.problem}`)));
      }
      // Nothing readable and nothing typed: the notice above already said why.
      if (attachments.length === 0 && !activity.text) return;
      activity.attachments = attachments;
    }
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const out: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, Math.min(Number(activity.value) || 0, MAX_DELAY_MS)));
        out.push({ id: '' });
        continue;
      }
      // Slack shows no typing indicator for bots outside the legacy RTM API; traces are for the emulator.
      if (activity.type !== ActivityTypes.Message) {
        out.push({ id: '' });
        continue;
      }
      const place = placeOf(activity.conversation?.id ?? context.activity.conversation?.id);
      if (!place) throw new Error(`not a Slack conversation id: ${activity.conversation?.id}`);
      out.push({ id: await this.post(place, activity) });
    }
    return out;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    const place = placeOf(activity.conversation?.id ?? context.activity.conversation?.id);
    if (!place || !activity.id) throw new Error('updateActivity needs the Slack conversation and the message ts');
    await this.opts.web.chat.update({ channel: place.channel, ts: activity.id, ...slackContent(activity) });
    return { id: activity.id };
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const place = placeOf(reference.conversation?.id ?? context.activity.conversation?.id);
    if (!place || !reference.activityId) throw new Error('deleteActivity needs the Slack conversation and the message ts');
    await this.opts.web.chat.delete({ channel: place.channel, ts: reference.activityId });
  }

  override async continueConversation(reference: Partial<ConversationReference>, logic: TurnLogic): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** chat.postMessage into the place's thread; the WebClient waits out rate limits and retries. */
  private async post(place: SlackPlace, activity: Partial<Activity>): Promise<string> {
    const res = await this.opts.web.chat.postMessage({
      channel: place.channel,
      thread_ts: place.threadTs,
      ...slackContent(activity),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (place.threadTs) this.threads.add(conversationIdOf(place));
    return typeof res.ts === 'string' ? res.ts : '';
  }
}

/** The Slack renderer's Block Kit and mrkdwn fallback; a bare string is escaped for mrkdwn. */
type Content = { text: string } | { text: string; blocks: Extract<ChatPostMessageArguments, { blocks: unknown }>['blocks'] };

function slackContent(activity: Partial<Activity>): Content {
  const cd = activity.channelData as { text?: unknown; blocks?: unknown } | undefined;
  const text = typeof cd?.text === 'string' ? cd.text : escapeMrkdwn(activity.text ?? '');
  // Blocks are the renderer's, already within Slack's limits; Slack refuses a message with neither text nor blocks.
  if (Array.isArray(cd?.blocks) && cd.blocks.length > 0) return { text, blocks: cd.blocks };
  return { text: text || ' ' };
}
