/** Who may probe: listed users, or anyone speaking in a listed channel. Empty lists allow no one. */
import { ProbeRefused } from '../errors';

export interface Requester {
  user: string;
  channel?: string;
  conversation?: string;
  via: string;
}

export function checkGrant(allow: { users: string[]; channels: string[] }, who: Requester): void {
  const byUser = typeof who.user === 'string' && allow.users.includes(who.user);
  const byChannel = typeof who.channel === 'string' && allow.channels.includes(who.channel);
  if (!byUser && !byChannel) {
    throw new ProbeRefused('not-granted', 'You are not allowed to run probes here; ask an administrator to add you or this channel to the probe grants.');
  }
}
