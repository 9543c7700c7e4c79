/**
 * The one address policy for every connection the bot makes on someone's behalf: probes to
 * configured servers, attachment downloads and replies to a request's serviceUrl. An address is
 * put in one class, and each use says which classes it may reach. IPv6 forms that carry an IPv4
 * address (mapped ::ffff:0:0/96, SIIT ::ffff:0:0:0/96, compatible ::/96, NAT64 64:ff9b::/96 and
 * 64:ff9b:1::/48, 6to4 2002::/16, Teredo 2001::/32) are judged by the address they carry too, so
 * `64:ff9b::a9fe:a9fe` is the metadata service, not a public address.
 */
import dns from 'node:dns';
import net from 'node:net';

export type AddressClass = 'metadata' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'loopback' | 'private' | 'public';

/** Never reached by anything the bot does for a user, whatever is configured. */
export const NEVER: ReadonlySet<AddressClass> = new Set(['metadata', 'link-local', 'unspecified', 'multicast', 'reserved']);

/** Which addresses a use may reach: this machine, the internet, or anything not in NEVER. */
export type Reach = 'loopback' | 'public' | 'any';

function list(entries: [string, number | undefined][], family: 'ipv4' | 'ipv6'): net.BlockList {
  const l = new net.BlockList();
  for (const [a, bits] of entries) {
    if (bits === undefined) l.addAddress(a, family);
    else l.addSubnet(a, bits, family);
  }
  return l;
}

// Cloud instance metadata and platform endpoints: AWS/GCP/Azure IMDS, Azure wire server, Alibaba, Oracle, AWS over IPv6.
const METADATA4 = list([['169.254.169.254', undefined], ['168.63.129.16', undefined], ['100.100.100.200', undefined], ['192.0.0.192', undefined]], 'ipv4');
const METADATA6 = list([['fd00:ec2::254', undefined]], 'ipv6');
const CLASSES4: [AddressClass, net.BlockList][] = [
  ['link-local', list([['169.254.0.0', 16]], 'ipv4')],
  ['unspecified', list([['0.0.0.0', 8]], 'ipv4')],
  ['multicast', list([['224.0.0.0', 4], ['255.255.255.255', undefined]], 'ipv4')],
  // IETF protocol assignments, documentation ranges, the old class E.
  ['reserved', list([['192.0.0.0', 24], ['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24], ['240.0.0.0', 4]], 'ipv4')],
  ['loopback', list([['127.0.0.0', 8]], 'ipv4')],
  ['private', list([['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['198.18.0.0', 15]], 'ipv4')],
];
const CLASSES6: [AddressClass, net.BlockList][] = [
  ['link-local', list([['fe80::', 10]], 'ipv6')],
  ['multicast', list([['ff00::', 8]], 'ipv6')],
  ['reserved', list([['2001:db8::', 32], ['100::', 64], ['3fff::', 20]], 'ipv6')],
  ['private', list([['fc00::', 7], ['fec0::', 10]], 'ipv6')],
];

/** Strips brackets and a zone id ("[fe80::1%eth0]"). */
function bare(address: string): string {
  return address.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
}

/** The 16 bytes of a valid IPv6 address. */
function bytes6(a: string): number[] {
  let text = a;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [p, q, r, s] = dotted[1].split('.').map(Number);
    text = text.slice(0, -dotted[1].length) + `${((p << 8) | q).toString(16)}:${((r << 8) | s).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const words = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return words.flatMap((w) => {
    const v = parseInt(w, 16);
    return [v >> 8, v & 255];
  });
}

const v4 = (b: number[]) => b.join('.');
const zero = (b: number[], from: number, to: number) => b.slice(from, to).every((x) => x === 0);

/** The IPv4 address an IPv6 address carries, and whether it is the same socket (mapped) or reached through a translator or tunnel. */
function embedded(b: number[]): { mapped?: string; carried: string[] } {
  if (zero(b, 0, 10) && b[10] === 255 && b[11] === 255) return { mapped: v4(b.slice(12)), carried: [] };
  const carried: string[] = [];
  if (zero(b, 0, 8) && b[8] === 255 && b[9] === 255 && zero(b, 10, 12)) carried.push(v4(b.slice(12))); // SIIT ::ffff:0:0:0/96
  if (zero(b, 0, 12) && !(zero(b, 12, 15) && b[15] <= 1)) carried.push(v4(b.slice(12))); // compatible ::/96 (not :: or ::1)
  if (b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b) {
    if (zero(b, 4, 12)) carried.push(v4(b.slice(12))); // NAT64 well-known 64:ff9b::/96
    if (b[4] === 0 && b[5] === 1) {
      // NAT64 local use 64:ff9b:1::/48: the network-specific prefix may be /48, /56, /64 or /96 (RFC 6052 layouts).
      carried.push(v4([b[6], b[7], b[9], b[10]]), v4([b[7], b[9], b[10], b[11]]), v4(b.slice(9, 13)), v4(b.slice(12)));
    }
  }
  if (b[0] === 0x20 && b[1] === 0x02) carried.push(v4(b.slice(2, 6))); // 6to4 2002::/16
  if (b[0] === 0x20 && b[1] === 0x01 && b[2] === 0 && b[3] === 0) {
    carried.push(v4(b.slice(4, 8)), v4(b.slice(12).map((x) => x ^ 255))); // Teredo: server, and the client (inverted)
  }
  return { carried };
}

function classify4(a: string): AddressClass {
  if (METADATA4.check(a, 'ipv4')) return 'metadata';
  for (const [cls, l] of CLASSES4) if (l.check(a, 'ipv4')) return cls;
  return 'public';
}

const ORDER: AddressClass[] = ['metadata', 'link-local', 'unspecified', 'multicast', 'reserved', 'loopback', 'private', 'public'];
const worst = (classes: AddressClass[]) => ORDER.find((c) => classes.includes(c)) ?? 'public';

/** The class of an IP address in any textual form; anything that is not an address is 'unspecified'. */
export function classifyAddress(address: string): AddressClass {
  const a = bare(address);
  if (net.isIPv4(a)) return classify4(a);
  if (!net.isIPv6(a)) return 'unspecified';
  const b = bytes6(a);
  if (zero(b, 0, 16)) return 'unspecified';
  if (zero(b, 0, 15) && b[15] === 1) return 'loopback';
  const { mapped, carried } = embedded(b);
  if (mapped) return classify4(mapped);
  const own = METADATA6.check(a, 'ipv6') ? 'metadata' : (CLASSES6.find(([, l]) => l.check(a, 'ipv6'))?.[0] ?? 'public');
  // Through a translator or tunnel this machine's loopback is not reached: a carried loopback or
  // private address counts as private, a carried metadata or reserved one as what it is.
  const via = carried.map(classify4).map((c) => (c === 'loopback' ? 'private' : c));
  return worst([own, ...via]);
}

/** The IPv4 form of an IPv4-mapped IPv6 address ("::ffff:7f00:1" -> "127.0.0.1"); others unchanged, without brackets. */
export function canonicalAddress(address: string): string {
  const a = bare(address);
  if (!net.isIPv6(a)) return a;
  return embedded(bytes6(a)).mapped ?? a;
}

/** Why `reach` does not allow `address`, or undefined when it does. */
export function reachRefusal(reach: Reach, address: string): string | undefined {
  const cls = classifyAddress(address);
  if (NEVER.has(cls)) return `it points at a ${cls} address`;
  if (reach === 'loopback' && cls !== 'loopback') return `it is not on this machine (a ${cls} address)`;
  if (reach === 'public' && cls !== 'public') return `it points at a ${cls} address`;
  return undefined;
}

type LookupResult = { address: string; family: number };

/**
 * A `lookup` for net/http/https connections: resolves as usual, then fails the connection when
 * `refuse` objects to any address, so the check happens at connect time, after resolution, for
 * every connection (redirects and reconnects included). It answers both callback forms Node uses.
 */
export function checkedLookup(refuse: (host: string, address: string) => Error | undefined): net.LookupFunction {
  return ((hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses: LookupResult[]) => {
      if (err) return callback(err);
      for (const { address } of addresses) {
        const refused = refuse(hostname, address);
        if (refused) return callback(refused);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as net.LookupFunction;
}

/** The host of a URL as an address when it is written as one (no lookup happens for those). */
export function literalHost(url: string): string | undefined {
  const host = bare(new URL(url).hostname);
  return net.isIP(host) ? host : undefined;
}
