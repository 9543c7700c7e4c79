/**
 * Address rules for probes. Users name servers; they never type addresses, in any spelling.
 * Resolved and configured addresses are checked against places nothing may go (the shared address
 * policy: link-local, cloud metadata, unspecified, multicast, reserved, in every IPv6 spelling
 * that carries one) and against the addresses the administrator allowed.
 */
import net from 'node:net';
import { canonicalAddress, classifyAddress, NEVER } from '../../net/address-policy';

export { canonicalAddress };

const MAX_NAME = 255;

/**
 * True when the text is an IP address in any spelling a resolver or URL parser would accept:
 * dotted, shortened ("127.1"), decimal ("2130706433"), hex ("0x7f000001"), octal ("0177.0.0.1"),
 * bracketed or IPv4-mapped IPv6.
 */
export function looksLikeIpLiteral(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > MAX_NAME) return false;
  if (net.isIP(canonicalAddress(t))) return true;
  if (/^[0-9a-fA-Fx.:[\]%]+$/.test(t) && t.includes(':')) return true;
  // The WHATWG host parser implements the legacy inet_aton spellings; if it turns the text into
  // a dotted quad, some resolver somewhere would too.
  try {
    const host = new URL(`http://${t}/`).hostname;
    return net.isIPv4(host) || host.startsWith('[');
  } catch {
    return false;
  }
}

export type AddressVerdict = 'ok' | 'link-local' | 'metadata' | 'unspecified' | 'multicast' | 'reserved';

/** Probes go anywhere an administrator configured except the places nothing may go (src/net/address-policy.ts). */
export function addressVerdict(address: string): AddressVerdict {
  const cls = classifyAddress(address);
  return NEVER.has(cls) ? (cls as Exclude<AddressVerdict, 'ok'>) : 'ok';
}

/** Builds the set of addresses a server may resolve to from "10.1.2.3" and "10.1.2.0/24" entries. */
export function allowedSet(entries: string[]): net.BlockList {
  const list = new net.BlockList();
  for (const e of entries) {
    const [ip, bits] = e.split('/');
    const a = canonicalAddress(ip);
    const family = net.isIPv6(a) ? 'ipv6' : 'ipv4';
    if (!net.isIP(a)) throw new Error(`not an address or CIDR: ${e}`);
    if (bits === undefined) list.addAddress(a, family);
    else list.addSubnet(a, Number(bits), family);
  }
  return list;
}

export function inSet(list: net.BlockList, address: string): boolean {
  const a = canonicalAddress(address);
  return list.check(a, net.isIPv6(a) ? 'ipv6' : 'ipv4');
}
