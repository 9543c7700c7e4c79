/**
 * Where attachment downloads may connect. The bot fetches whatever URL an attachment names, so
 * without a rule anyone who can reach it could make it read internal services (server-side
 * request forgery). Every address is checked after DNS resolution, at connect time and again
 * for each redirect, so a name that resolves somewhere else, or a rebinding DNS answer, gains
 * nothing.
 * - never: link-local, cloud metadata, unspecified, multicast and reserved addresses, in every
 *   IPv6 spelling that carries one (src/net/address-policy.ts, shared with probes and replies);
 * - anonymous bot (local chat page, emulator): loopback only;
 * - bot with an app id (Teams, Slack through Azure Bot Service): public addresses only;
 * - hosts named in SQLTRIAGE_ATTACHMENT_HOSTS are allowed on any address but the "never" ones.
 */
import type net from 'node:net';
import { checkedLookup as lookupChecked, classifyAddress, NEVER, reachRefusal } from '../net/address-policy';

export interface AttachmentAddressRule {
  reach: 'loopback' | 'public';
  /** Lower-case host names allowed beyond `reach`. */
  hosts: string[];
}

export const LOCAL_ONLY: AttachmentAddressRule = { reach: 'loopback', hosts: [] };

/** Host names compare lower-case and without a trailing dot. */
function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

export class RefusedAddressError extends Error {
  constructor(why: string) {
    super(`the attachment address was not read: ${why}`);
  }
}

/** The refusal for connecting to `address` for `host`, or undefined when the rule allows it. */
export function refuseAddress(rule: AttachmentAddressRule, host: string, address: string): RefusedAddressError | undefined {
  const cls = classifyAddress(address);
  if (NEVER.has(cls)) return new RefusedAddressError(`it points at a ${cls} address`);
  if (rule.hosts.includes(hostKey(host)) || !reachRefusal(rule.reach, address)) return undefined;
  if (rule.reach === 'loopback') {
    return new RefusedAddressError('this bot runs without an app id and reads attachments only from this machine (SQLTRIAGE_ATTACHMENT_HOSTS names others)');
  }
  return new RefusedAddressError(`it points at a ${cls} address (SQLTRIAGE_ATTACHMENT_HOSTS names hosts allowed anyway)`);
}

/** A `lookup` for http(s).get that fails the connection when any resolved address is refused. */
export function checkedLookup(rule: AttachmentAddressRule): net.LookupFunction {
  return lookupChecked((host, address) => refuseAddress(rule, host, address));
}

/** Parses SQLTRIAGE_ATTACHMENT_HOSTS: comma- or space-separated host names. */
export function attachmentRule(env: Record<string, string | undefined>, anonymous: boolean): AttachmentAddressRule {
  const hosts = (env.SQLTRIAGE_ATTACHMENT_HOSTS ?? '')
    .split(/[\s,]+/)
    .map(hostKey)
    .filter((h) => h !== '');
  return { reach: anonymous ? 'loopback' : 'public', hosts };
}
