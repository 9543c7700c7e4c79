/**
 * Slack's message markup back to the words the user typed: mentions, channel and link tokens,
 * special commands, the three escaped characters and code fences. The parser copes with whatever
 * else a paste carries; this file only makes `activity.text` plain for commands and the dialogs.
 */

/** Slack caps a message at 40,000 characters; anything past a generous bound is not a message. */
export const MAX_SLACK_TEXT = 200_000;

// Every part is bounded and none can match '<' or '>', so a failed match gives up within a few
// thousand characters and the scan stays linear on hostile input.
const TOKEN = /<([@#!]?)([^<>|\s]{1,2000})(?:\|([^<>]{0,2000}))?>/g;
const ENTITY = /&(lt|gt|amp);/g;
const FENCE = /```/g;
const DECODED: Record<string, string> = { lt: '<', gt: '>', amp: '&' };

function token(whole: string, sigil: string, body: string, label: string | undefined, botUserId: string | undefined): string {
  switch (sigil) {
    case '@':
      if (botUserId && body === botUserId) return ' ';
      return `@${label || body}`;
    case '#':
      return `#${label || body}`;
    case '!': {
      // <!here>, <!channel>, <!subteam^S1|@team>, <!date^1700000000^{date}|fallback>
      if (label) return label;
      const name = body.split('^')[0];
      return name === 'here' || name === 'channel' || name === 'everyone' ? `@${name}` : whole;
    }
    default: {
      if (!/^(?:https?|mailto|tel|ftp):/i.test(body)) return whole;
      if (label) return label;
      return body.replace(/^mailto:/i, '');
    }
  }
}

/** Plain text of a Slack message; the bot's own mention is removed, other people's kept as @name. */
export function slackToPlain(text: string, botUserId?: string): string {
  const bounded = text.length > MAX_SLACK_TEXT ? text.slice(0, MAX_SLACK_TEXT) : text;
  return bounded
    .replace(TOKEN, (whole, sigil: string, body: string, label: string | undefined) => token(whole, sigil, body, label, botUserId))
    .replace(FENCE, '')
    .replace(ENTITY, (_m, name: string) => DECODED[name])
    .trim();
}

/** Whether the raw Slack text mentions the bot (checked before the markup is removed). */
export function mentionsUser(text: string | undefined, userId: string): boolean {
  if (!text) return false;
  return text.includes(`<@${userId}>`) || text.includes(`<@${userId}|`);
}
