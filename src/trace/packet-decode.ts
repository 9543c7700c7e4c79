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
  src: string;
  dst: string;
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** IPv4 identification (through NAT it often survives); -1 for IPv6. */
  ipId: number;
  /** Payload bytes captured (may be fewer than `payloadLen` when the snaplen cut them). */
  payload: Buffer;
  payloadLen: number;
}

export const TCP = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 } as const;

export type DecodeResult = { segment: TcpSegment } | { skip: 'not-ip' | 'not-tcp' | 'fragment' | 'truncated' | 'unknown-link' };

const ETH_IPV4 = 0x0800;
const ETH_IPV6 = 0x86dd;
const VLAN = new Set([0x8100, 0x88a8, 0x9100]);

/** Offset of the IP header and which IP, or undefined. */
function linkPayload(f: Frame): { at: number; v: 4 | 6 | 0 } | 'unknown-link' | undefined {
  const d = f.data;
  switch (f.linkType) {
    case LINK.ETHERNET: {
      let at = 12;
      for (let tags = 0; at + 2 <= d.length && tags < 4; tags++) {
        const type = d.readUInt16BE(at);
        if (VLAN.has(type)) {
          at += 4;
          continue;
        }
        return byEtherType(type, at + 2);
      }
      return undefined;
    }
    case LINK.SLL:
      return d.length >= 16 ? byEtherType(d.readUInt16BE(14), 16) : undefined;
    case LINK.SLL2:
      return d.length >= 20 ? byEtherType(d.readUInt16BE(0), 20) : undefined;
    case LINK.RAW:
    case LINK.RAW_OLD:
    case LINK.RAW_BSD:
      return { at: 0, v: 0 };
    case LINK.IPV4:
      return { at: 0, v: 4 };
    case LINK.IPV6:
      return { at: 0, v: 6 };
    case LINK.NULL:
    case LINK.LOOP: {
      if (d.length < 4) return undefined;
      // NULL stores the address family in the capturing host's byte order; LOOP in network order.
      const fam = d[0] !== 0 ? d[0] : d[3];
      if (fam === 2) return { at: 4, v: 4 };
      if (fam === 10 || fam === 24 || fam === 28 || fam === 30) return { at: 4, v: 6 };
      return undefined;
    }
    default:
      return 'unknown-link';
  }
}

function byEtherType(type: number, at: number): { at: number; v: 4 | 6 } | undefined {
  if (type === ETH_IPV4) return { at, v: 4 };
  if (type === ETH_IPV6) return { at, v: 6 };
  return undefined;
}

export function decodeFrame(f: Frame): DecodeResult {
  const link = linkPayload(f);
  if (link === 'unknown-link') return { skip: 'unknown-link' };
  if (!link) return { skip: 'not-ip' };
  const d = f.data;
  let at = link.at;
  if (at >= d.length) return { skip: 'truncated' };
  const version = link.v || d[at] >> 4;
  let src: string;
  let dst: string;
  let ipId = -1;
  let claimedEnd: number; // end of the IP payload as the header says
  if (version === 4) {
    if (at + 20 > d.length) return { skip: 'truncated' };
    const ihl = (d[at] & 0x0f) * 4;
    if (ihl < 20) return { skip: 'not-ip' };
    const total = d.readUInt16BE(at + 2);
    const frag = d.readUInt16BE(at + 6);
    if (frag & 0x1fff) return { skip: 'fragment' }; // later fragments carry no TCP header
    if (d[at + 9] !== 6) return { skip: 'not-tcp' };
    ipId = d.readUInt16BE(at + 4);
    src = `${d[at + 12]}.${d[at + 13]}.${d[at + 14]}.${d[at + 15]}`;
    dst = `${d[at + 16]}.${d[at + 17]}.${d[at + 18]}.${d[at + 19]}`;
    // A total length of 0 is what segmentation offload leaves in captures: trust the frame then.
    claimedEnd = total >= ihl ? at + total : f.origLen;
    at += ihl;
  } else if (version === 6) {
    if (at + 40 > d.length) return { skip: 'truncated' };
    const plen = d.readUInt16BE(at + 4);
    let next = d[at + 6];
    src = ipv6(d, at + 8);
    dst = ipv6(d, at + 24);
    claimedEnd = plen ? at + 40 + plen : f.origLen;
    at += 40;
    // Walk extension headers (bounded: each step moves forward at least 8 bytes).
    for (let hops = 0; next !== 6; hops++) {
      if (hops > 8 || at + 8 > d.length) return { skip: next === 6 ? 'truncated' : 'not-tcp' };
      if (next === 0 || next === 43 || next === 60) {
        next = d[at];
        at += (d[at + 1] + 1) * 8;
      } else if (next === 44) {
        if (d.readUInt16BE(at + 2) & 0xfff8) return { skip: 'fragment' };
        next = d[at];
        at += 8;
      } else return { skip: 'not-tcp' };
    }
  } else return { skip: 'not-ip' };
  const end = Math.min(claimedEnd, d.length); // ... cut to what was captured
  if (at + 20 > end) return { skip: 'truncated' };
  const off = (d[at + 12] >> 4) * 4;
  if (off < 20) return { skip: 'truncated' };
  const payloadAt = Math.min(at + off, end);
  return {
    segment: {
      tsUs: f.tsUs,
      src,
      dst,
      sport: d.readUInt16BE(at),
      dport: d.readUInt16BE(at + 2),
      seq: d.readUInt32BE(at + 4),
      ack: d.readUInt32BE(at + 8),
      flags: d[at + 13],
      window: d.readUInt16BE(at + 14),
      ipId,
      payload: d.subarray(payloadAt, end),
      payloadLen: Math.max(0, claimedEnd - (at + off)),
    },
  };
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
