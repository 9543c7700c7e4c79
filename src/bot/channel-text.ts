/**
 * Channel specifics on the way in and out: the bot's @mention, Teams HTML, Slack button payloads,
 * and replying inside a Teams channel thread. Everything past this file sees plain text and a
 * neutral `value`.
 */
import type { Activity, Entity } from 'botbuilder';
import { normalizeText } from '../parse';
import { checkInputText } from '../triage/input';
import type { ActionValue } from '../messages/model';
import { CHOICE_INPUT_ID } from './render/choice-layout';

// Names and ids are short; the bounds keep the patterns linear on hostile input.
const AT_TAG = /<at(?:\s[^<>]{0,200})?>([^<]{0,200})<\/at>/gi;
const SLACK_MENTION = /<@([A-Z0-9]{1,40})(?:\|[^<>]{0,100})?>/g;

interface MentionEntity extends Entity {
  mentioned?: { id?: string; name?: string };
  text?: string;
}

/** Removes the mentions of this bot and keeps other people's names as plain words. */
export function stripBotMention(activity: Partial<Activity>): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  const botName = activity.recipient?.name;
  for (const e of (activity.entities ?? []) as MentionEntity[]) {
    if (e.type === 'mention' && e.text && botId && e.mentioned?.id === botId) text = text.split(e.text).join(' ');
  }
  text = text.replace(AT_TAG, (_m, inner: string) => (botName && inner.trim() === botName ? ' ' : inner));
  const slackBot = botId?.split(':')[0];
  text = text.replace(SLACK_MENTION, (m, id: string) => (id === slackBot ? ' ' : m));
  return text;
}

/**
 * The user's text as the dialogs should read it. Teams sends pasted text as HTML (<div>, <br>,
 * entities): the parser's normaliser turns it into the lines the user saw.
 */
export function inboundText(activity: Partial<Activity>): string {
  const text = stripBotMention(activity);
  // Binary or oversized input goes on untouched so the engine can say what is wrong with it.
  if (activity.channelId !== 'msteams' || checkInputText(text)) return text.trim();
  return normalizeText(text);
}

const ID = /^[\w.-]{1,80}$/;
const COMMANDS = new Set(['probe', 'escalate', 'start over', 'help', 'sqlcheck', 'details', 'resolve']);

/** Only our own payloads pass: known shape, short ids (a stale or forged button says nothing else). */
function isActionValue(v: unknown): v is ActionValue {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (o.case !== undefined && (typeof o.case !== 'string' || !ID.test(o.case))) return false;
  if (o.answer && typeof o.answer === 'object') {
    const a = o.answer as Record<string, unknown>;
    if (a.case !== undefined && (typeof a.case !== 'string' || !ID.test(a.case))) return false;
    return typeof a.question === 'string' && typeof a.option === 'string';
  }
  return typeof o.command === 'string' && COMMANDS.has(o.command) && (o.arg === undefined || typeof o.arg === 'string');
}

/**
 * A compact list's submit (Teams, the web page) carries the question in its data and the pick as
 * the list's input value beside it: together they are the same answer a button sends.
 */
function withPickedOption(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  const a = o.answer as Record<string, unknown> | undefined;
  const pick = o[CHOICE_INPUT_ID];
  if (!a || typeof a !== 'object' || a.option !== undefined || typeof pick !== 'string' || !ID.test(pick)) return v;
  return { answer: { question: a.question, option: pick, ...(a.case !== undefined ? { case: a.case } : {}) } };
}

function parseJson(s: unknown): unknown {
  if (typeof s !== 'string' || s.length > 2000) return undefined;
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

/**
 * A button press, whichever channel it came from: Teams and the web page put the submit data in
 * `value`; Slack through Azure Bot Service sends the interactive payload in channelData.
 */
export function submissionOf(activity: Partial<Activity>): ActionValue | undefined {
  const direct = withPickedOption(activity.value);
  if (isActionValue(direct)) return direct;
  const cd = activity.channelData as { Payload?: unknown; payload?: unknown } | undefined;
  const payload = cd ? (typeof cd.Payload === 'string' ? parseJson(cd.Payload) : cd.Payload ?? (typeof cd.payload === 'string' ? parseJson(cd.payload) : cd.payload)) : undefined;
  const actions = (payload as { actions?: { value?: unknown; selected_option?: { value?: unknown } }[] } | undefined)?.actions;
  // A button carries its value; a static_select carries the picked option's.
  const raw = Array.isArray(actions) && actions.length > 0 ? (actions[0].value ?? actions[0].selected_option?.value) : undefined;
  const value = parseJson(raw);
  return isActionValue(value) ? value : undefined;
}

/** Teams' text for a plain message may still carry tags and entities; commands are matched on words. */
export function commandWords(text: string): string {
  return text
    .slice(0, 500)
    .replace(/<[^<>]{0,200}>/g, ' ')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * In a Teams channel a reply goes into the thread when the conversation id names the thread's
 * root message. For an activity that arrived without it (a new post) this returns the id to reply
 * to instead; otherwise undefined (the incoming conversation id already threads the reply).
 */
export function threadConversationId(activity: Partial<Activity>): string | undefined {
  const conv = activity.conversation;
  if (activity.channelId !== 'msteams' || conv?.conversationType !== 'channel' || !conv.id) return undefined;
  if (conv.id.includes(';messageid=')) return undefined;
  const root = activity.replyToId ?? activity.id;
  return root ? `${conv.id};messageid=${root}` : undefined;
}
