/**
 * A Slack conversation as the bot sees it: the channel, and the thread when the talk happens in
 * one. The thread part uses the same `;messageid=` suffix Teams channel threads use, so anything
 * that needs the bare channel (probe grants) cuts at the first ';' for both channels.
 */

export interface SlackPlace {
  channel: string;
  /** The ts of the thread's root message; absent for a direct message outside a thread. */
  threadTs?: string;
}

const THREAD = ';messageid=';
const CHANNEL_ID = /^[A-Z0-9]{1,40}$/;
const TS = /^\d{1,12}\.\d{1,9}$/;

export function conversationIdOf(place: SlackPlace): string {
  return place.threadTs ? `${place.channel}${THREAD}${place.threadTs}` : place.channel;
}

/** Undefined for anything that is not an id this adapter made (a reply aimed elsewhere is refused). */
export function placeOf(conversationId: string | undefined): SlackPlace | undefined {
  if (!conversationId || conversationId.length > 100) return undefined;
  const cut = conversationId.indexOf(THREAD);
  const channel = cut < 0 ? conversationId : conversationId.slice(0, cut);
  const threadTs = cut < 0 ? undefined : conversationId.slice(cut + THREAD.length);
  if (!CHANNEL_ID.test(channel)) return undefined;
  if (threadTs !== undefined && !TS.test(threadTs)) return undefined;
  return threadTs ? { channel, threadTs } : { channel };
}

export function isSlackTs(value: unknown): value is string {
  return typeof value === 'string' && TS.test(value);
}

export function isChannelId(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL_ID.test(value);
}

/** Direct-message channel ids start with D (Slack's convention; the event's channel_type says so too). */
export function isDirectMessage(channel: string, channelType?: string): boolean {
  return channelType === 'im' || (channelType === undefined && channel.startsWith('D'));
}
