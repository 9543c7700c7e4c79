/**
 * The conversation table: TCP segments grouped by addresses and ports, oriented client -> server
 * (the SYN's sender is the client), with the handshake, both directions and how it ended. A new
 * SYN on a closed conversation's ports starts a new conversation and notes the port reuse.
 *
 * Runs for every frame, so the state per conversation is kept small and short-lived: counters
 * live on one fixed-shape object and reach the report's record when the conversation ends; the
 * TDS/TLS reader and its buffers are dropped as soon as the login's outcome is known; addresses
 * become text only for the conversations reported.
 */
import { destinationKey, endpointPort, endpointText, sourceKey, TcpSegment, TCP } from './packet-decode';
import { TcpDirection } from './tcp-direction';
import { TdsStream } from './tds-stream';
import { TRACE_LIMITS } from './limits';
import type { Conversation, Side } from './types';

/** A port freed by an active close stays in TIME_WAIT this long (2 x MSL on Windows' default). */
export const TIME_WAIT_MS = 240_000;

/** Late packets (a last ACK, a reset after FIN) arrive within this of the close. */
const SWEEP_AFTER_MS = 10_000;

/** A conversation being read. */
class Live {
  readonly client: TcpDirection;
  readonly server: TcpDirection;
  /** The TDS/TLS reader while the login is under way; undefined once it has what it needs. */
  stream: TdsStream | undefined;
  /** What the reader saw last and whether the client spoke something else, kept when it is dropped. */
  lastSaid = '';
  notSql = false;
  /** Fast-path match of a segment: client address and port, server address and port (IPv6 as text). */
  cAddr = 0;
  sAddr = 0;
  cAddr6 = '';
  sAddr6 = '';
  cPort = 0;
  sPort = 0;
  /** Milliseconds of the last segment; -1 while the conversation has not closed. */
  lastMs = 0;
  closedAtMs = -1;
  frames = 0;
  zeroWindows = 0;
  finClient = false;
  finServer = false;
  firstPayloadSeen = false;
  /** The client's first payload hashed; written out as hex only if the conversation is reported. */
  print1 = 0;
  print2 = 0;

  constructor(
    readonly conv: Conversation,
    readonly clientKey: number | string,
    readonly serverKey: number | string,
    table: ConversationTable,
  ) {
    this.stream = new TdsStream(conv, table.toMs);
    this.client = new TcpDirection(this, 'client');
    this.server = new TcpDirection(this, 'server');
    this.table = table;
  }

  private readonly table: ConversationTable;

  /** Bytes in order from one side (TcpDirection's sink). */
  deliver(side: Side, buf: Buffer, from: number, to: number): void {
    this.table.feed(this, side, buf, from, to);
  }

  said(): string {
    return this.stream ? this.stream.lastSaid : this.lastSaid;
  }
}

export interface TableOptions {
  /** Ports SQL Server listens on in this trace (default 1433). */
  ports: Set<number>;
}

export class ConversationTable {
  /** Live conversations by (lower endpoint key, higher endpoint key): numbers for IPv4, no strings per packet. */
  private readonly live = new Map<number | string, Map<number | string, Live>>();
  private liveCount = 0;
  /** Ended conversations by client endpoint: when they closed and to which server (port reuse). */
  private readonly endedAt = new Map<number | string, number>();
  private readonly endedTo = new Map<number | string, number | string>();
  readonly done: Conversation[] = [];
  tcpConversations = 0;
  sqlConversations = 0;
  private nextId = 1;
  private sinceSweep = 0;
  /** No live conversation closed before this (a lower bound): a sweep before it + SWEEP_AFTER_MS would find nothing. */
  private earliestCloseMs = Infinity;
  /** Microseconds of the trace's first frame: times are kept as milliseconds from it. */
  originUs = 0;
  readonly toMs = (tsUs: number): number => this.ms(tsUs);

  constructor(private readonly o: TableOptions) {}

  ms(tsUs: number): number {
    return Math.round(tsUs - this.originUs) / 1000;
  }

  /** The conversation of the last segment: bulk transfers repeat it, so most lookups end here. */
  private last: Live | undefined = undefined;

  add(s: TcpSegment): void {
    const l = this.last;
    if (l !== undefined && !(s.flags & TCP.SYN)) {
      if (s.src6 === '') {
        if (s.sport === l.cPort && s.dport === l.sPort && s.src4 === l.cAddr && s.dst4 === l.sAddr && l.cAddr6 === '') return this.hit(l, s, 'client');
        if (s.sport === l.sPort && s.dport === l.cPort && s.src4 === l.sAddr && s.dst4 === l.cAddr && l.cAddr6 === '') return this.hit(l, s, 'server');
      } else {
        if (s.sport === l.cPort && s.dport === l.sPort && s.src6 === l.cAddr6 && s.dst6 === l.sAddr6) return this.hit(l, s, 'client');
        if (s.sport === l.sPort && s.dport === l.cPort && s.src6 === l.sAddr6 && s.dst6 === l.cAddr6) return this.hit(l, s, 'server');
      }
    }
    this.lookup(s);
  }

  /** The slow path: find or open the segment's conversation. */
  private lookup(s: TcpSegment): void {
    const a = sourceKey(s);
    const b = destinationKey(s);
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    let l = this.live.get(lo)?.get(hi);
    const now = this.ms(s.tsUs);
    if (l && syn && !ack && a === l.clientKey && l.conv.end.kind !== 'open' && l.closedAtMs >= 0) {
      // The same client port opens a new conversation: the old one is finished.
      this.finish(l);
      l = undefined;
    }
    if (!l) {
      if (this.liveCount >= TRACE_LIMITS.maxConversations) return;
      l = this.open(s, a, b, now);
      let inner = this.live.get(lo);
      if (!inner) this.live.set(lo, (inner = new Map()));
      inner.set(hi, l);
      this.liveCount++;
    }
    const side: Side = a === l.clientKey ? 'client' : 'server';
    const fromClient = side === 'client';
    l.cPort = fromClient ? s.sport : s.dport;
    l.sPort = fromClient ? s.dport : s.sport;
    l.cAddr = fromClient ? s.src4 : s.dst4;
    l.sAddr = fromClient ? s.dst4 : s.src4;
    l.cAddr6 = fromClient ? s.src6 : s.dst6;
    l.sAddr6 = fromClient ? s.dst6 : s.src6;
    this.last = l;
    this.hit(l, s, side);
  }

  private hit(l: Live, s: TcpSegment, side: Side): void {
    const now = this.ms(s.tsUs);
    this.segment(l, s, side, now);
    if (++this.sinceSweep >= 4096) this.sweep(now);
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
    if (this.liveCount < 64 || !(now - this.earliestCloseMs > SWEEP_AFTER_MS)) return;
    const old: Live[] = [];
    let earliest = Infinity;
    for (const inner of this.live.values())
      for (const l of inner.values()) {
        if (l.closedAtMs < 0) continue;
        if (now - l.closedAtMs > SWEEP_AFTER_MS) old.push(l);
        else if (l.closedAtMs < earliest) earliest = l.closedAtMs;
      }
    this.earliestCloseMs = earliest;
    for (const l of old) this.finish(l);
  }

  private open(s: TcpSegment, a: number | string, b: number | string, now: number): Live {
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    // Who is the client: the SYN's sender; else whoever talks to a SQL Server port; else the higher port.
    let clientIsSrc: boolean;
    if (syn) clientIsSrc = !ack;
    else if (this.o.ports.has(s.dport) !== this.o.ports.has(s.sport)) clientIsSrc = this.o.ports.has(s.dport);
    else clientIsSrc = s.sport > s.dport;
    const clientKey = clientIsSrc ? a : b;
    const serverKey = clientIsSrc ? b : a;
    this.tcpConversations++;
    const conv: Conversation = {
      id: this.nextId++,
      client: '', // address:port, written when the conversation is reported
      server: '',
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
    const ended = this.endedAt.get(clientKey);
    if (ended !== undefined && this.endedTo.get(clientKey) === serverKey && now - ended < TIME_WAIT_MS) conv.portReusedAfterMs = Math.round(now - ended);
    const live = new Live(conv, clientKey, serverKey, this);
    live.lastMs = now;
    return live;
  }

  private currentTs = 0;
  /** Bytes in order from one side, buf[from, to), while the TDS/TLS reader wants them. */
  feed(l: Live, side: Side, buf: Buffer, from: number, to: number): void {
    const stream = l.stream;
    if (!stream) return;
    if (side === 'client' && !l.firstPayloadSeen) {
      l.firstPayloadSeen = true;
      hashFirstBytes(l, buf, from, to);
      l.conv.fingerprint = ''; // placeholder keeps the report's key order; finish writes the hex
    }
    stream.push(side, buf, from, to, this.currentTs);
    if (stream.finished || stream.notSql) {
      l.client.done();
      l.server.done();
      l.lastSaid = stream.lastSaid;
      l.notSql = stream.notSql;
      l.stream = undefined;
    }
  }

  private segment(l: Live, s: TcpSegment, side: Side, now: number): void {
    const c = l.conv;
    l.frames++;
    l.lastMs = now;
    const f = s.flags;
    const syn = (f & TCP.SYN) !== 0;
    const ack = (f & TCP.ACK) !== 0;
    const rst = (f & TCP.RST) !== 0;
    const fin = (f & TCP.FIN) !== 0;
    if (syn) {
      if (side === 'client' && !ack) {
        if (!c.syn) c.syn = { atMs: now, retransmits: 0, ipId: s.ipId >= 0 ? s.ipId : undefined, isn: s.seq };
        else c.syn.retransmits++;
        if (!l.client.started) l.client.syn(s.seq);
      } else if (side === 'server' && ack) {
        if (!c.synAck) c.synAck = { atMs: now, rttMs: c.syn ? round(now - c.syn.atMs) : 0 };
        if (!l.server.started) l.server.syn(s.seq);
      }
      return;
    }
    if (s.window === 0 && !rst) l.zeroWindows++;
    this.currentTs = s.tsUs;
    (side === 'client' ? l.client : l.server).segment(s, fin, rst);
    if (rst) {
      // A reset after both sides sent FIN is the benign tail of a closing (MARS ends so): the FIN stands.
      if (c.end.kind === 'open' || (c.end.kind === 'fin' && !(l.finClient && l.finServer))) {
        if (side === 'server' && c.syn && !c.synAck) c.refused = true;
        c.end = { kind: ack ? 'rst-ack' : 'rst', by: side, atMs: now, after: l.said() || (c.synAck ? 'the TCP handshake' : 'the SYN') };
      }
      if (l.closedAtMs < 0) this.closed(l, now);
    } else if (fin && !(side === 'client' ? l.finClient : l.finServer)) {
      if (side === 'client') l.finClient = true;
      else l.finServer = true;
      if (c.end.kind === 'open') c.end = { kind: 'fin', by: side, atMs: now, after: l.said() || 'the TCP handshake' };
      if ((side === 'client' ? l.finServer : l.finClient) && l.closedAtMs < 0) this.closed(l, now);
    }
  }

  private closed(l: Live, now: number): void {
    l.closedAtMs = now;
    if (now < this.earliestCloseMs) this.earliestCloseMs = now;
  }

  private finish(l: Live): void {
    this.forget(l);
    if (this.last === l) this.last = undefined;
    const c = l.conv;
    c.frames = l.frames;
    c.durationMs = l.lastMs - c.startMs;
    c.zeroWindows = l.zeroWindows;
    // Written into the conversation's own objects (made in open): no new objects per conversation.
    c.retransmits.client = l.client.retransmits;
    c.retransmits.server = l.server.retransmits;
    c.keepAlives.client = l.client.keepAlives;
    c.keepAlives.server = l.server.keepAlives;
    c.bytes.client = l.client.bytes;
    c.bytes.server = l.server.bytes;
    if (l.closedAtMs >= 0) {
      this.endedAt.set(l.clientKey, l.closedAtMs);
      this.endedTo.set(l.clientKey, l.serverKey);
      if (this.endedAt.size > TRACE_LIMITS.maxConversations) {
        const oldest = this.endedAt.keys().next().value as number | string;
        this.endedAt.delete(oldest);
        this.endedTo.delete(oldest);
      }
    }
    const notSql = l.stream ? l.stream.notSql : l.notSql;
    l.stream = undefined;
    const sql = c.speaksTds || (this.o.ports.has(endpointPort(l.serverKey)) && !notSql);
    if (!sql) return;
    if (l.firstPayloadSeen) c.fingerprint = hex8(l.print1) + hex8(l.print2);
    c.client = endpointText(l.clientKey);
    c.server = endpointText(l.serverKey);
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
    const all: Live[] = [];
    for (const inner of this.live.values()) for (const l of inner.values()) all.push(l);
    for (const l of all) this.finish(l);
    this.done.sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  }
}

/** FNV-1a over the first 64 bytes of d[from, to), twice with different offsets: 64 bits, cheap per conversation. */
function hashFirstBytes(l: Live, d: Buffer, from: number, to: number): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = from; i < to && i < from + 64; i++) {
    h1 = Math.imul(h1 ^ d[i], 0x01000193);
    h2 = Math.imul(h2 ^ d[i], 0x811c9dc5 | 1);
  }
  l.print1 = h1;
  l.print2 = h2;
}

const hex8 = (h: number): string => (h >>> 0).toString(16).padStart(8, '0');

export function splitHostPort(hp: string): [string, string] {
  const i = hp.lastIndexOf(':');
  return [hp.slice(0, i), hp.slice(i + 1)];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
