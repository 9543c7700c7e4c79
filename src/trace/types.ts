/** The trace layer's results: JSON-serialisable, so the case can keep them as evidence. */
import type { Encryption } from './tds-parse';

export type Side = 'client' | 'server';

export interface TlsSummary {
  /** in-tds: TLS carried in TDS PRELOGIN packets (TDS 7.x); strict: TLS first (TDS 8.0). */
  mode: 'in-tds' | 'strict';
  clientHello?: { atMs: number; versions: string[]; maxVersion: string; ciphers: string[]; sni?: string; alpn?: string[] };
  serverHello?: { atMs: number; version: string; cipher: string };
  alerts: { atMs: number; from: Side; level?: 'warning' | 'fatal'; description: string }[];
  /** First application data from the client: the handshake is over. */
  doneMs?: number;
}

export interface ConversationEnd {
  kind: 'fin' | 'rst' | 'rst-ack' | 'open';
  by?: Side;
  atMs?: number;
  /** The last thing said before the end, e.g. "client-hello from client". */
  after: string;
}

/** One TCP conversation to SQL Server. Times are milliseconds from the trace's first frame. */
export interface Conversation {
  id: number;
  client: string; // address:port
  server: string;
  startMs: number;
  durationMs: number;
  frames: number;
  bytes: { client: number; server: number };
  speaksTds: boolean;
  syn?: { atMs: number; retransmits: number; ipId?: number; isn: number };
  synAck?: { atMs: number; rttMs: number };
  refused?: boolean;
  prelogin?: { atMs: number; version?: string; encryption: Encryption };
  preloginResponse?: { atMs: number; version?: string; encryption: Encryption };
  notTdsReply?: boolean;
  tls?: TlsSummary;
  login?: { login7Ms?: number; loginAckMs?: number; loginMs?: number; error?: { number: number; state: number; message: string }; firstServerDataMs?: number; afterHandshakeMs?: number };
  retransmits: { client: number; server: number };
  keepAlives: { client: number; server: number };
  zeroWindows: number;
  end: ConversationEnd;
  /** Fingerprint of the client's first payload bytes: matches the same conversation across NAT. */
  fingerprint?: string;
  /** Client port reused within TIME_WAIT of an earlier conversation on the same addresses and ports. */
  portReusedAfterMs?: number;
}

export interface TraceFinding {
  /** Stable id; the case signal is `trace:<id>`. */
  id: string;
  summary: string;
  /** Conversation ids that show it (first few). */
  conversations: number[];
  count: number;
}

export interface TraceReport {
  format: 'pcap' | 'pcapng' | 'unknown';
  linkTypes: string[];
  frames: number;
  bytesRead: number;
  startIso?: string;
  durationMs: number;
  /** TCP conversations seen in all, and how many of them were to SQL Server. */
  tcpConversations: number;
  sqlConversations: number;
  /** Conversations to SQL Server in detail (first ones when there are very many). */
  conversations: Conversation[];
  /** New connections to SQL Server per second over the trace. */
  connectionRate: number;
  findings: TraceFinding[];
  warnings: string[];
}

export interface TraceComparison {
  matched: { client: number; server: number; by: 'addresses' | 'fingerprint' | 'ip-id'; agree: boolean; story: string }[];
  unmatchedClient: number;
  unmatchedServer: number;
  findings: TraceFinding[];
}
