/**
 * Where attachment downloads may connect. The bot fetches whatever URL an attachment names, so
 * without a rule anyone who can reach it could make it read internal services (server-side
 * request forgery). Every address is checked after DNS resolution, at connect time and again
 * for each redirect, so a name that resolves somewhere else, or a rebinding DNS answer, gains
 * nothing.
 * - never: link-local, cloud metadata, unspecified and multicast addresses;
 * - anonymous bot (local chat page, emulator): loopback only;
 * - bot with an app id (Teams, Slack through Azure Bot Service): public addresses only;
 * - hosts named in SQLTRIAGE_ATTACHMENT_HOSTS are allowed on any address but the "never" ones.
 */
import dns from 'node:dns';
import net from 'node:net';
import { addressVerdict, canonicalAddress } from '../probes/policy/address';

export interface AttachmentAddressRule {
  reach: 'loopback' | 'public';
  /** Lower-case host names allowed beyond `reach`. */
  hosts: string[];
}

export const LOCAL_ONLY: AttachmentAddressRule = { reach: 'loopback', hosts: [] };

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
const PRIVATE = new net.BlockList();
for (const [net4, bits] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['127.0.0.0', 8]] as const) PRIVATE.addSubnet(net4, bits, 'ipv4');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addAddress('::1', 'ipv6');

/** Host names compare lower-case and without a trailing dot. */
function hostKey(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

function has(list: net.BlockList, address: string): boolean {
  return list.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

export class RefusedAddressError extends Error {
  constructor(why: string) {
    super(`the attachment address was not read: ${why}`);
  }
}

/** The refusal for connecting to `address` for `host`, or undefined when the rule allows it. */
export function refuseAddress(rule: AttachmentAddressRule, host: string, address: string): RefusedAddressError | undefined {
  const a = canonicalAddress(address);
  const verdict = addressVerdict(a);
  if (verdict !== 'ok') return new RefusedAddressError(`it points at a ${verdict} address`);
  if (rule.hosts.includes(hostKey(host))) return undefined;
  if (rule.reach === 'loopback' && !has(LOOPBACK, a)) {
    return new RefusedAddressError('this bot runs without an app id and reads attachments only from this machine (SQLTRIAGE_ATTACHMENT_HOSTS names others)');
  }
  if (rule.reach === 'public' && has(PRIVATE, a)) {
    return new RefusedAddressError('it points at a private address (SQLTRIAGE_ATTACHMENT_HOSTS names hosts allowed anyway)');
  }
  return undefined;
}

type LookupResult = { address: string; family: number };

/**
 * A `lookup` for http(s).get that resolves as usual and fails the connection when any address is
 * refused. It answers both callback forms Node uses (one address, or all with `all: true`).
 */
export function checkedLookup(rule: AttachmentAddressRule): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupResult[]) => {
      if (err) return callback(err);
      for (const { address } of addresses) {
        const refused = refuseAddress(rule, hostname, address);
        if (refused) return callback(refused);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as net.LookupFunction;
}

/** Parses SQLTRIAGE_ATTACHMENT_HOSTS: comma- or space-separated host names. */
export function attachmentRule(env: Record<string, string | undefined>, anonymous: boolean): AttachmentAddressRule {
  const hosts = (env.SQLTRIAGE_ATTACHMENT_HOSTS ?? '')
    .split(/[\s,]+/)
    .map(hostKey)
    .filter((h) => h !== '');
  return { reach: anonymous ? 'loopback' : 'public', hosts };
}
