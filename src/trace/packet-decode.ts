/**
 * From a captured frame to a TCP segment: link layer (Ethernet with VLAN tags, Linux cooked
 * capture v1 and v2, raw IP, BSD loopback/null), IPv4 or IPv6 (extension headers walked), TCP.
 * Returns undefined for anything that is not TCP over IP; never reads past the captured bytes.
 */
import type { Frame } from './frame';

export const LINK = { NULL: 0, ETHERNET: 1, RAW_OLD: 12, RAW_BSD: 14, RAW: 101, LOOP: 108, SLL: 113, IPV4: 228, IPV6: 229, SLL2: 276 } as const;
export const LINK_NAMES: Record<number, string> = {
  0: 'BSD loopback', 1: 'Ethernet', 12: 'raw IP', 14: 'raw IP', 101: 'raw IP', 108: 'OpenBSD loopback',
  113: 'Linux cooked v1', 228: 'raw IPv4', 229: 'raw IPv6', 276: 'Linux cooked v2',
};

export interface TcpSegment {
  tsUs: number;
  /** IPv4 addresses as signed 32-bit numbers (cheap to compare, no allocation per frame); 0 for IPv6. */
  src4: number;
  dst4: number;
  /** IPv6 addresses as text; '' for IPv4. */
  src6: string;
  dst6: string;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** IPv4 identification (through NAT it often survives); -1 for IPv6. */
  ipId: number;
  /** Payload bytes captured are payloadOf[payloadAt, payloadEnd) (fewer than `payloadLen` when the snaplen cut them). */
  payloadOf: Buffer;
  payloadAt: number;
  payloadEnd: number;
  payloadLen: number;
}

const EMPTY = Buffer.alloc(0);

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export type SkipReason = 'not-ip' | 'not-tcp' | 'fragment' | 'truncated' | 'unknown-link';

export const newSegment = (): TcpSegment => ({ tsUs: 0, src4: 0, dst4: 0, src6: '', dst6: '', sport: 0, dport: 0, seq: 0, ack: 0, flags: 0, window: 0, ipId: -1, payloadOf: EMPTY, payloadAt: 0, payloadEnd: 0, payloadLen: 0 });

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const isVlan = (t: number) => t === 0x8100 || t === 0x88a8 || t === 0x9100;
const u16 = (d: Buffer, i: number) => (d[i] << 8) | d[i + 1];
const u32 = (d: Buffer, i: number) => d[i] * 0x1000000 + ((d[i + 1] << 16) | (d[i + 2] << 8) | d[i + 3]);

/** IP version the link header announced (0: read it from the IP header), set by linkOffset. */
let linkVersion = 0;

/**
 * Where the IP header starts (an absolute offset in f.buf), -1 when the frame carries no IP,
 * -2 for a link type this reader does not decode. Plain numbers: this runs for every frame.
 */
function linkOffset(f: Frame): number {
  const d = f.buf;
  const s = f.at;
  const n = f.end;
  linkVersion = 0;
  switch (f.linkType) {
    case LINK.ETHERNET: {
      let at = s + 12;
      for (let tags = 0; at + 2 <= n && tags < 4; tags++) {
        const type = u16(d, at);
        if (isVlan(type)) {
          at += 4;
          continue;
        }
        return byEtherType(type, at + 2);
      }
      return -1;
    }
    case LINK.SLL:
      return n - s >= 16 ? byEtherType(u16(d, s + 14), s + 16) : -1;
    case LINK.SLL2:
      return n - s >= 20 ? byEtherType(u16(d, s), s + 20) : -1;
    case LINK.RAW:
    case LINK.RAW_OLD:
    case LINK.RAW_BSD:
      return s;
    case LINK.IPV4:
      linkVersion = 4;
      return s;
    case LINK.IPV6:
      linkVersion = 6;
      return s;
    case LINK.NULL:
    case LINK.LOOP: {
      if (n - s < 4) return -1;
      // NULL stores the address family in the capturing host's byte order; LOOP in network order.
      const fam = d[s] !== 0 ? d[s] : d[s + 3];
      if (fam === 2) linkVersion = 4;
      else if (fam === 10 || fam === 24 || fam === 28 || fam === 30) linkVersion = 6;
      else return -1;
      return s + 4;
    }
    default:
      return -2;
  }
}

function byEtherType(type: number, at: number): number {
  if (type === ETH_IPV4) linkVersion = 4;
  else if (type === ETH_IPV6) linkVersion = 6;
  else return -1;
  return at;
}

/** Fills `out` with the frame's TCP segment and returns undefined, or returns why there is none. */
export function decodeFrame(f: Frame, out: TcpSegment): SkipReason | undefined {
  let at = linkOffset(f);
  if (at === -2) return 'unknown-link';
  if (at < 0) return 'not-ip';
  const d = f.buf;
  const n = f.end; // the frame's captured bytes end here, whatever follows in the buffer
  if (at >= n) return 'truncated';
  const version = linkVersion || d[at] >> 4;
  let src4 = 0;
  let dst4 = 0;
  let src6 = '';
  let dst6 = '';
  let ipId = -1;
  let claimedEnd: number; // end of the IP payload as the header says
  if (version === 4) {
    if (at + 20 > n) return 'truncated';
    const ihl = (d[at] & 0x0f) * 4;
    if (ihl < 20) return 'not-ip';
    const total = u16(d, at + 2);
    if (u16(d, at + 6) & 0x1fff) return 'fragment'; // later fragments carry no TCP header
    if (d[at + 9] !== 6) return 'not-tcp';
    ipId = u16(d, at + 4);
    src4 = (d[at + 12] << 24) | (d[at + 13] << 16) | (d[at + 14] << 8) | d[at + 15];
    dst4 = (d[at + 16] << 24) | (d[at + 17] << 16) | (d[at + 18] << 8) | d[at + 19];
    // A total length of 0 is what segmentation offload leaves in captures: trust the frame then.
    claimedEnd = total >= ihl ? at + total : f.at + f.origLen;
    at += ihl;
  } else if (version === 6) {
    if (at + 40 > n) return 'truncated';
    const plen = u16(d, at + 4);
    let next = d[at + 6];
    src6 = ipv6(d, at + 8);
    dst6 = ipv6(d, at + 24);
    claimedEnd = plen ? at + 40 + plen : f.at + f.origLen;
    at += 40;
    // Walk extension headers (bounded: each step moves forward at least 8 bytes).
    for (let hops = 0; next !== 6; hops++) {
      if (hops > 8 || at + 8 > n) return 'not-tcp';
      if (next === 0 || next === 43 || next === 60) {
        next = d[at];
        at += (d[at + 1] + 1) * 8;
      } else if (next === 44) {
        if (u16(d, at + 2) & 0xfff8) return 'fragment';
        next = d[at];
        at += 8;
      } else return 'not-tcp';
    }
  } else return 'not-ip';
  const end = Math.min(claimedEnd, n); // ... cut to what was captured
  if (at + 20 > end) return 'truncated';
  const off = (d[at + 12] >> 4) * 4;
  if (off < 20) return 'truncated';
  const payloadAt = Math.min(at + off, end);
  const sport = u16(d, at);
  const dport = u16(d, at + 2);
  out.tsUs = f.tsUs;
  out.src4 = src4;
  out.dst4 = dst4;
  out.src6 = src6;
  out.dst6 = dst6;
  out.sport = sport;
  out.dport = dport;
  out.seq = u32(d, at + 4);
  out.ack = u32(d, at + 8);
  out.flags = d[at + 13];
  out.window = u16(d, at + 14);
  out.ipId = ipId;
  out.payloadOf = d;
  out.payloadAt = payloadAt;
  out.payloadEnd = end;
  out.payloadLen = Math.max(0, claimedEnd - (at + off));
  return undefined;
}

/** RFC 5952 text form: lower case, longest run of zero groups (two or more) shortened to ::. */
export function ipv6(d: Buffer, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push(d.readUInt16BE(at + i * 2));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

/** Endpoint key: IPv4 address * 65536 + port (exact in a double), IPv6 "address|port". */
export function endpointKey(addr: number | string, port: number): number | string {
  return typeof addr === 'number' ? (addr >>> 0) * 65536 + port : `${addr}|${port}`;
}

/** The segment's source and destination endpoint keys. */
export const sourceKey = (s: TcpSegment): number | string => (s.src6 ? `${s.src6}|${s.sport}` : (s.src4 >>> 0) * 65536 + s.sport);
export const destinationKey = (s: TcpSegment): number | string => (s.dst6 ? `${s.dst6}|${s.dport}` : (s.dst4 >>> 0) * 65536 + s.dport);

/** The port of an endpoint key. */
export const endpointPort = (key: number | string): number => (typeof key === 'number' ? key % 65536 : Number(key.slice(key.lastIndexOf('|') + 1)));

/** "address:port" for an endpoint key (IPv6 addresses in brackets are not used: the last colon splits). */
export function endpointText(key: number | string): string {
  if (typeof key === 'string') {
    const i = key.lastIndexOf('|');
    return `${key.slice(0, i)}:${key.slice(i + 1)}`;
  }
  const port = key % 65536;
  const a = (key - port) / 65536;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}:${port}`;
}
