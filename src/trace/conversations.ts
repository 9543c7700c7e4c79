/**
 * The conversation table: TCP segments grouped by addresses and ports, oriented client -> server
 * (the SYN's sender is the client), with the handshake, both directions and how it ended. A new
 * SYN on a closed conversation's ports starts a new conversation and notes the port reuse.
 */
import { endpointKey, endpointText, TcpSegment, TCP } from './packet-decode';
import { TcpDirection } from './tcp-direction';
import { TdsStream } from './tds-stream';
import { TRACE_LIMITS } from './limits';
import type { Conversation, Side } from './types';

/** A port freed by an active close stays in TIME_WAIT this long (2 x MSL on Windows' default). */
export const TIME_WAIT_MS = 240_000;

/** Late packets (a last ACK, a reset after FIN) arrive within this of the close. */
const SWEEP_AFTER_MS = 10_000;

interface Live {
  conv: Conversation;
  dirs: Record<Side, TcpDirection>;
  stream: TdsStream;
  clientKey: number | string;
  serverKey: number | string;
  /** Client address, client port, server address, server port: the fast-path match. */
  ends: [number | string, number, number | string, number];
  key: string;
  closedAtMs?: number;
  sawFin: Record<Side, boolean>;
  firstPayloadSeen: boolean;
}

export interface TableOptions {
  /** Ports SQL Server listens on in this trace (default 1433). */
  ports: Set<number>;
  /** Milliseconds from the trace's first frame. */
  ms(tsUs: number): number;
}

export class ConversationTable {
  /** Live conversations by (lower endpoint key, higher endpoint key): numbers for IPv4, no strings per packet. */
  private readonly live = new Map<number | string, Map<number | string, Live>>();
  private liveCount = 0;
  /** Ended conversations by their 4-tuple, for port reuse (end time only). */
  private readonly endedAt = new Map<string, number>();
  readonly done: Conversation[] = [];
  tcpConversations = 0;
  sqlConversations = 0;
  private nextId = 1;
  private sinceSweep = 0;

  constructor(private readonly o: TableOptions) {}

  /** The conversation of the last segment: bulk transfers repeat it, so most lookups end here. */
  private last?: Live;

  add(s: TcpSegment): void {
    const last = this.last;
    if (last && !(s.flags & TCP.SYN)) {
      const e = last.ends;
      if (s.sport === e[1] && s.dport === e[3] && s.srcAddr === e[0] && s.dstAddr === e[2]) return this.hit(last, s, 'client');
      if (s.sport === e[3] && s.dport === e[1] && s.srcAddr === e[2] && s.dstAddr === e[0]) return this.hit(last, s, 'server');
    }
    const a = endpointKey(s.srcAddr, s.sport);
    const b = endpointKey(s.dstAddr, s.dport);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    let l = this.live.get(lo)?.get(hi);
    const now = this.o.ms(s.tsUs);
    if (l && syn && !ack && a === l.clientKey && l.conv.end.kind !== 'open' && l.closedAtMs !== undefined) {
      // The same client port opens a new conversation: the old one is finished.
      this.finish(l);
      l = undefined;
    }
    if (!l) {
      if (this.liveCount >= TRACE_LIMITS.maxConversations) return;
      l = this.open(s, a, b, `${endpointText(lo)}|${endpointText(hi)}`, now);
      let inner = this.live.get(lo);
      if (!inner) this.live.set(lo, (inner = new Map()));
      inner.set(hi, l);
      this.liveCount++;
    }
    const side = a === l.clientKey ? 'client' : 'server';
    l.ends = side === 'client' ? [s.srcAddr, s.sport, s.dstAddr, s.dport] : [s.dstAddr, s.dport, s.srcAddr, s.sport];
    this.last = l;
    this.hit(l, s, side);
  }

  private hit(l: Live, s: TcpSegment, side: Side): void {
    this.segment(l, s, side, this.o.ms(s.tsUs));
    if (++this.sinceSweep >= 4096) this.sweep(this.o.ms(s.tsUs));
  }

  private forget(l: Live): void {
    const lo = l.clientKey < l.serverKey ? l.clientKey : l.serverKey;
    const hi = l.clientKey < l.serverKey ? l.serverKey : l.clientKey;
    const inner = this.live.get(lo);
    if (inner?.get(hi) === l) {
      inner.delete(hi);
      if (!inner.size) this.live.delete(lo);
      this.liveCount--;
    }
  }

  /** Conversations closed a while ago leave the live table, so it stays small on long traces. */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    if (this.liveCount < 64) return;
    for (const inner of [...this.live.values()]) for (const l of [...inner.values()]) if (l.closedAtMs !== undefined && now - l.closedAtMs > SWEEP_AFTER_MS) this.finish(l);
  }

  private open(s: TcpSegment, a: number | string, b: number | string, key: string, now: number): Live {
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    // Who is the client: the SYN's sender; else whoever talks to a SQL Server port; else the higher port.
    let clientIsSrc: boolean;
    if (syn) clientIsSrc = !ack;
    else if (this.o.ports.has(s.dport) !== this.o.ports.has(s.sport)) clientIsSrc = this.o.ports.has(s.dport);
    else clientIsSrc = s.sport > s.dport;
    const [clientKey, serverKey] = clientIsSrc ? [a, b] : [b, a];
    const client = endpointText(clientKey);
    const server = endpointText(serverKey);
    this.tcpConversations++;
    const conv: Conversation = {
      id: this.nextId++,
      client,
      server,
      startMs: now,
      durationMs: 0,
      frames: 0,
      bytes: { client: 0, server: 0 },
      speaksTds: false,
      retransmits: { client: 0, server: 0 },
      keepAlives: { client: 0, server: 0 },
      zeroWindows: 0,
      end: { kind: 'open', after: '' },
    };
    const ended = this.endedAt.get(key);
    if (ended !== undefined && now - ended < TIME_WAIT_MS) conv.portReusedAfterMs = Math.round(now - ended);
    const stream = new TdsStream(conv, this.o.ms);
    const live: Live = {
      conv,
      clientKey,
      serverKey,
      ends: [0, 0, 0, 0],
      key,
      stream,
      sawFin: { client: false, server: false },
      firstPayloadSeen: false,
      dirs: {
        client: new TcpDirection((d) => this.feed(live, 'client', d)),
        server: new TcpDirection((d) => this.feed(live, 'server', d)),
      },
    };
    return live;
  }

  private currentTs = 0;
  private feed(l: Live, side: Side, data: Buffer): void {
    if (side === 'client' && !l.firstPayloadSeen) {
      l.firstPayloadSeen = true;
      l.conv.fingerprint = fingerprint(data);
    }
    l.stream.push(side, data, this.currentTs);
    if (l.stream.finished || l.stream.notSql) {
      l.dirs.client.done();
      l.dirs.server.done();
    }
  }

  private segment(l: Live, s: TcpSegment, side: Side, now: number): void {
    const c = l.conv;
    const other: Side = side === 'client' ? 'server' : 'client';
    c.frames++;
    c.durationMs = now - c.startMs;
    const f = s.flags;
    const syn = (f & TCP.SYN) !== 0;
    const ack = (f & TCP.ACK) !== 0;
    const rst = (f & TCP.RST) !== 0;
    const fin = (f & TCP.FIN) !== 0;
    if (syn) {
      if (side === 'client' && !ack) {
        if (!c.syn) c.syn = { atMs: now, retransmits: 0, ipId: s.ipId >= 0 ? s.ipId : undefined, isn: s.seq };
        else c.syn.retransmits++;
        if (!l.dirs.client.started) l.dirs.client.syn(s.seq);
      } else if (side === 'server' && ack) {
        if (!c.synAck) c.synAck = { atMs: now, rttMs: c.syn ? round(now - c.syn.atMs) : 0 };
        if (!l.dirs.server.started) l.dirs.server.syn(s.seq);
      }
      return;
    }
    if (s.window === 0 && !rst) c.zeroWindows++;
    this.currentTs = s.tsUs;
    l.dirs[side].segment(s.seq, s.payloadLen, s.payloadOf, s.payloadAt, s.payloadEnd, fin, rst);
    if (rst) {
      // A reset after both sides sent FIN is the benign tail of a closing (MARS ends so): the FIN stands.
      if (c.end.kind === 'open' || (c.end.kind === 'fin' && !(l.sawFin.client && l.sawFin.server))) {
        if (side === 'server' && c.syn && !c.synAck) c.refused = true;
        c.end = { kind: ack ? 'rst-ack' : 'rst', by: side, atMs: now, after: l.stream.lastSaid || (c.synAck ? 'the TCP handshake' : 'the SYN') };
      }
      l.closedAtMs ??= now;
    } else if (fin && !l.sawFin[side]) {
      l.sawFin[side] = true;
      if (c.end.kind === 'open') c.end = { kind: 'fin', by: side, atMs: now, after: l.stream.lastSaid || 'the TCP handshake' };
      if (l.sawFin[other]) l.closedAtMs ??= now;
    }
  }

  private finish(l: Live): void {
    this.forget(l);
    if (this.last === l) this.last = undefined;
    const key = l.key;
    const c = l.conv;
    c.retransmits = { client: l.dirs.client.retransmits, server: l.dirs.server.retransmits };
    c.keepAlives = { client: l.dirs.client.keepAlives, server: l.dirs.server.keepAlives };
    c.bytes = { client: l.dirs.client.bytes, server: l.dirs.server.bytes };
    if (l.closedAtMs !== undefined) {
      this.endedAt.set(key, l.closedAtMs);
      if (this.endedAt.size > TRACE_LIMITS.maxConversations) this.endedAt.delete(this.endedAt.keys().next().value as string);
    }
    const [, portText] = splitHostPort(c.server);
    const sql = c.speaksTds || (this.o.ports.has(Number(portText)) && !l.stream.notSql);
    if (!sql) return;
    this.sqlConversations++;
    if (this.done.length < TRACE_LIMITS.maxReportedConversations) this.done.push(c);
    else this.overflow(c);
  }

  /** Beyond the detailed list, conversations still count for the trace-wide patterns. */
  readonly extra = { shortClosed: 0, portReuse: 0 };
  private overflow(c: Conversation): void {
    if (c.syn && c.end.kind !== 'open' && c.frames < 30) this.extra.shortClosed++;
    if (c.portReusedAfterMs !== undefined) this.extra.portReuse++;
  }

  /** End of the trace: everything still live is finished as it stands. */
  close(): void {
    for (const inner of [...this.live.values()]) for (const l of [...inner.values()]) this.finish(l);
    this.done.sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  }
}

/** FNV-1a over the first 64 bytes, twice with different offsets: 64 bits as hex, cheap per conversation. */
function fingerprint(d: Buffer): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < d.length && i < 64; i++) {
    h1 = Math.imul(h1 ^ d[i], 0x01000193);
    h2 = Math.imul(h2 ^ d[i], 0x811c9dc5 | 1);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

export function splitHostPort(hp: string): [string, string] {
  const i = hp.lastIndexOf(':');
  return [hp.slice(0, i), hp.slice(i + 1)];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
