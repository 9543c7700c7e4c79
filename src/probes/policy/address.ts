/**
 * Address rules. Users name servers; they never type addresses, in any spelling. Resolved and
 * configured addresses are checked against places a probe must never go (link-local, cloud
 * metadata, unspecified, multicast) and against the addresses the administrator allowed.
 */
import net from 'node:net';

const MAX_NAME = 255;

/** Normalise an IPv4-mapped IPv6 address ("::ffff:169.254.169.254") to its IPv4 form. */
export function canonicalAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1];
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(bare);
  if (hexMapped) {
    const hi = parseInt(hexMapped[1], 16);
    const lo = parseInt(hexMapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return bare;
}

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

export type AddressVerdict = 'ok' | 'link-local' | 'metadata' | 'unspecified' | 'multicast';

const NEVER = new net.BlockList();
const METADATA = new net.BlockList();
// Cloud instance metadata and platform endpoints (AWS/GCP/Azure IMDS, Azure wire server, Alibaba, AWS IPv6).
METADATA.addAddress('169.254.169.254', 'ipv4');
METADATA.addAddress('168.63.129.16', 'ipv4');
METADATA.addAddress('100.100.100.200', 'ipv4');
METADATA.addAddress('fd00:ec2::254', 'ipv6');
NEVER.addSubnet('169.254.0.0', 16, 'ipv4');
NEVER.addSubnet('fe80::', 10, 'ipv6');
const UNSPECIFIED = new net.BlockList();
UNSPECIFIED.addSubnet('0.0.0.0', 8, 'ipv4');
UNSPECIFIED.addAddress('::', 'ipv6');
const MULTICAST = new net.BlockList();
MULTICAST.addSubnet('224.0.0.0', 4, 'ipv4');
MULTICAST.addAddress('255.255.255.255', 'ipv4');
MULTICAST.addSubnet('ff00::', 8, 'ipv6');

export function addressVerdict(address: string): AddressVerdict {
  const a = canonicalAddress(address);
  const family = net.isIPv6(a) ? 'ipv6' : 'ipv4';
  if (!net.isIP(a)) return 'unspecified';
  if (METADATA.check(a, family)) return 'metadata';
  if (NEVER.check(a, family)) return 'link-local';
  if (UNSPECIFIED.check(a, family)) return 'unspecified';
  if (MULTICAST.check(a, family)) return 'multicast';
  return 'ok';
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
