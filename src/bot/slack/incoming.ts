/**
 * Slack events and button clicks as botbuilder Activities. Pure: no network, no clock. Decides
 * which messages are meant for the bot (direct messages, mentions, threads it takes part in) and
 * gives each a key, so the same message delivered twice (a retry, or as both `message` and
 * `app_mention`) runs one turn.
 */
import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';
import { submissionOf } from '../channel-text';
import { conversationIdOf, isChannelId, isDirectMessage, isSlackTs, type SlackPlace } from './conversation-id';
import { mentionsUser, slackToPlain } from './slack-text';

export const SLACK_CHANNEL_ID = 'slack';
/** Not a URL anyone calls: replies go through the Web API, but botbuilder expects a serviceUrl. */
export const SOCKET_MODE_SERVICE_URL = 'slack://socket-mode';

export interface SlackIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
  botName?: string;
}

/** The file fields of a Slack message event (files.info returns the same shape). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  filetype?: string;
  mode?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  file_access?: string;
}

/** In channels: 'mentions' answers mentions and threads the bot is part of; 'all' answers every message (a dedicated help channel). */
export type ChannelMessages = 'mentions' | 'all';

export interface Listening {
  channelMessages: ChannelMessages;
  inThread(conversationId: string): boolean;
}

/** What the adapter passes on: who spoke where, for the probe grants and the case trail. */
export interface SlackChannelData {
  source: 'slack-socket-mode';
  channel: string;
  team?: string;
  threadTs?: string;
  ts?: string;
  channelType?: string;
}

export type Incoming =
  | { kind: 'turn'; activity: Partial<Activity>; place: SlackPlace; files: SlackFile[]; keys: string[] }
  | { kind: 'ignore'; reason: string };

// Messages a person wrote; edits, deletions, joins and the like are not.
// The commands our buttons carry (ActionValue); a click with anything else is not from our message.
const COMMANDS = new Set(['probe', 'escalate', 'start over', 'help', 'sqlcheck', 'details', 'resolve']);
const HUMAN_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);
const MAX_FILES = 5;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : undefined);

function timestampOf(ts: string): string {
  return new Date(Math.round(Number(ts) * 1000)).toISOString();
}

function conversation(place: SlackPlace, channelType: string | undefined, team: string | undefined): ConversationAccount {
  const dm = isDirectMessage(place.channel, channelType);
  return {
    id: conversationIdOf(place),
    isGroup: !dm,
    conversationType: dm ? 'personal' : channelType === 'mpim' ? 'groupChat' : 'channel',
    tenantId: team,
    name: '',
  };
}

function recipient(identity: SlackIdentity): ChannelAccount {
  return { id: identity.botUserId, name: identity.botName ?? '', role: 'bot' };
}

function filesOf(value: unknown): SlackFile[] {
  if (!Array.isArray(value)) return [];
  return value
    .map(obj)
    .filter((f): f is Json => f !== undefined && typeof f.id === 'string')
    .slice(0, MAX_FILES)
    .map((f) => f as unknown as SlackFile);
}

/** A `message` or `app_mention` event (the `event` inside an events_api envelope). */
export function fromMessageEvent(raw: unknown, identity: SlackIdentity, listening: Listening): Incoming {
  const event = obj(raw);
  if (!event || (event.type !== 'message' && event.type !== 'app_mention')) return { kind: 'ignore', reason: 'not a message event' };
  const subtype = typeof event.subtype === 'string' ? event.subtype : undefined;
  if (!HUMAN_SUBTYPES.has(subtype) || event.hidden === true) return { kind: 'ignore', reason: `message subtype ${subtype}` };
  const user = str(event.user);
  // The bot's own posts come back as events too; answering them would loop.
  if (event.bot_id !== undefined || !user || user === identity.botUserId) return { kind: 'ignore', reason: 'posted by a bot' };
  const channel = event.channel;
  const ts = event.ts;
  if (!isChannelId(channel) || !isSlackTs(ts)) return { kind: 'ignore', reason: 'no channel or ts' };
  const channelType = str(event.channel_type);
  const dm = isDirectMessage(channel, channelType);
  const inThread = isSlackTs(event.thread_ts) ? event.thread_ts : undefined;
  const place: SlackPlace = { channel, threadTs: inThread ?? (dm ? undefined : ts) };
  const rawText = typeof event.text === 'string' ? event.text : '';
  const mentioned = event.type === 'app_mention' || mentionsUser(rawText, identity.botUserId);
  const id = conversationIdOf(place);
  const addressed = dm || mentioned || listening.channelMessages === 'all' || (inThread !== undefined && listening.inThread(id));
  if (!addressed) return { kind: 'ignore', reason: 'not addressed to the bot' };

  const team = str(event.team) ?? identity.teamId;
  const channelData: SlackChannelData = { source: 'slack-socket-mode', channel, team, threadTs: place.threadTs, ts, channelType };
  const activity: Partial<Activity> = {
    type: 'message',
    id: ts,
    timestamp: new Date(timestampOf(ts)),
    channelId: SLACK_CHANNEL_ID,
    serviceUrl: SOCKET_MODE_SERVICE_URL,
    from: { id: user, name: '' },
    recipient: recipient(identity),
    conversation: conversation(place, channelType, team),
    replyToId: inThread,
    text: slackToPlain(rawText, identity.botUserId),
    textFormat: 'plain',
    channelData,
  };
  return { kind: 'turn', activity, place, files: filesOf(event.files), keys: [`message:${channel}:${ts}`] };
}

/** A Block Kit button click (an `interactive` envelope of type block_actions). */
export function fromBlockActions(raw: unknown, identity: SlackIdentity): Incoming {
  const payload = obj(raw);
  if (!payload || payload.type !== 'block_actions') return { kind: 'ignore', reason: 'not block_actions' };
  const user = str(obj(payload.user)?.id);
  const container = obj(payload.container) ?? {};
  const msg = obj(payload.message) ?? {};
  const channel = obj(payload.channel)?.id ?? container.channel_id;
  const messageTs = isSlackTs(container.message_ts) ? container.message_ts : msg.ts;
  if (!user || !isChannelId(channel) || !isSlackTs(messageTs)) return { kind: 'ignore', reason: 'click without user, channel or message' };
  const action = Array.isArray(payload.actions) ? obj(payload.actions[0]) : undefined;
  // Same parsing and checks as a click relayed by Azure Bot Service: only our own payloads pass.
  const value = action ? submissionOf({ channelData: { payload: { actions: [{ value: action.value, selected_option: obj(action.selected_option) }] } } }) : undefined;
  if (!action || !value || ('command' in value && !COMMANDS.has(value.command))) return { kind: 'ignore', reason: 'not one of the bot’s buttons' };

  const threadTs = [container.thread_ts, msg.thread_ts].find(isSlackTs);
  const dm = isDirectMessage(channel);
  const place: SlackPlace = { channel, threadTs: threadTs ?? (dm ? undefined : messageTs) };
  const team = str(obj(payload.team)?.id) ?? identity.teamId;
  const actionTs = isSlackTs(action.action_ts) ? action.action_ts : messageTs;
  const channelData: SlackChannelData = { source: 'slack-socket-mode', channel, team, threadTs: place.threadTs, ts: messageTs };
  const activity: Partial<Activity> = {
    type: 'message',
    id: actionTs,
    timestamp: new Date(timestampOf(actionTs)),
    channelId: SLACK_CHANNEL_ID,
    serviceUrl: SOCKET_MODE_SERVICE_URL,
    from: { id: user, name: str(obj(payload.user)?.username) ?? '' },
    recipient: recipient(identity),
    conversation: conversation(place, dm ? 'im' : undefined, team),
    replyToId: messageTs,
    text: '',
    value,
    channelData,
  };
  const key = `click:${user}:${channel}:${messageTs}:${actionTs}:${str(action.action_id) ?? ''}`;
  return { kind: 'turn', activity, place, files: [], keys: [key] };
}
