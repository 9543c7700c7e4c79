/**
 * What a log line says about a request: its id (the caller's X-Request-Id when it is a plain token,
 * else one made here, echoed in the response) and the activity's channel, type and conversation.
 * Never the activity's text: that is the user's paste.
 */
import { randomUUID } from 'node:crypto';
import type { Request } from 'restify';

/** Where a turn finds its request id (turnState key). */
export const REQUEST_ID = Symbol('sqltriage.requestId');

const GIVEN_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const IDS = new WeakMap<Request, string>();

export function requestId(req: Request): string {
  let id = IDS.get(req);
  if (!id) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && GIVEN_ID.test(given) ? given : randomUUID();
    IDS.set(req, id);
  }
  return id;
}

export interface ActivityLike {
  type?: unknown;
  channelId?: unknown;
  conversation?: { id?: unknown };
}

/** channel, activity type and conversation id, each a short string when present. */
export function activityFields(activity: ActivityLike | undefined): { channel?: string; type?: string; conversationId?: string } {
  const short = (v: unknown) => (typeof v === 'string' && v !== '' ? v.slice(0, 200) : undefined);
  const out: { channel?: string; type?: string; conversationId?: string } = {};
  const channel = short(activity?.channelId);
  const type = short(activity?.type);
  const conversationId = short(activity?.conversation?.id);
  if (channel) out.channel = channel;
  if (type) out.type = type;
  if (conversationId) out.conversationId = conversationId;
  return out;
}
