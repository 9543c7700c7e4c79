/**
 * The conversation table: TCP segments grouped by addresses and ports, oriented client -> server
 * (the SYN's sender is the client), with the handshake, both directions and how it ended. A new
 * SYN on a closed conversation's ports starts a new conversation and notes the port reuse.
 */
import { createHash } from 'node:crypto';
import { TcpSegment, TCP } from './packet-decode';
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
  clientKey: string;
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
  private readonly live = new Map<string, Live>();
  /** Ended conversations by their 4-tuple, for port reuse (end time only). */
  private readonly endedAt = new Map<string, number>();
  readonly done: Conversation[] = [];
  tcpConversations = 0;
  sqlConversations = 0;
  private nextId = 1;
  private sinceSweep = 0;

  constructor(private readonly o: TableOptions) {}

  add(s: TcpSegment): void {
    const a = `${s.src}:${s.sport}`;
    const b = `${s.dst}:${s.dport}`;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    let l = this.live.get(key);
    const now = this.o.ms(s.tsUs);
    if (l && syn && !ack && a === l.clientKey && l.conv.end.kind !== 'open' && l.closedAtMs !== undefined) {
      // The same client port opens a new conversation: the old one is finished.
      this.finish(key, l);
      l = undefined;
    }
    if (!l) {
      if (this.live.size >= TRACE_LIMITS.maxConversations) return;
      l = this.open(s, a, b, key, now);
      this.live.set(key, l);
    }
    this.segment(l, s, a === l.clientKey ? 'client' : 'server', now);
    if (++this.sinceSweep >= 4096) this.sweep(now);
  }

  /** Conversations closed a while ago leave the live table, so it stays small on long traces. */
  private sweep(now: number): void {
    this.sinceSweep = 0;
    for (const [key, l] of [...this.live]) if (l.closedAtMs !== undefined && now - l.closedAtMs > SWEEP_AFTER_MS) this.finish(key, l);
  }

  private open(s: TcpSegment, a: string, b: string, key: string, now: number): Live {
    const syn = (s.flags & TCP.SYN) !== 0;
    const ack = (s.flags & TCP.ACK) !== 0;
    // Who is the client: the SYN's sender; else whoever talks to a SQL Server port; else the higher port.
    let clientIsSrc: boolean;
    if (syn) clientIsSrc = !ack;
    else if (this.o.ports.has(s.dport) !== this.o.ports.has(s.sport)) clientIsSrc = this.o.ports.has(s.dport);
    else clientIsSrc = s.sport > s.dport;
    const [client, server] = clientIsSrc ? [a, b] : [b, a];
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
      clientKey: client,
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
      l.conv.fingerprint = createHash('sha1').update(data.subarray(0, 64)).digest('hex').slice(0, 16);
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
    l.dirs[side].segment(s.seq, s.payloadLen, s.payload, { fin, rst });
    if (rst) {
      if (c.end.kind === 'open' || c.end.kind === 'fin') {
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

  private finish(key: string, l: Live): void {
    this.live.delete(key);
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
    for (const [key, l] of [...this.live]) this.finish(key, l);
    this.done.sort((x, y) => x.startMs - y.startMs || x.id - y.id);
  }
}

export function splitHostPort(hp: string): [string, string] {
  const i = hp.lastIndexOf(':');
  return [hp.slice(0, i), hp.slice(i + 1)];
}

const round = (n: number) => Math.round(n * 1000) / 1000;
