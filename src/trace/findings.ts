/**
 * Patterns the articles teach to look for in a trace, found in the conversation table. Each
 * finding's id is a signal (`trace:<id>`) whose effect on causes lives in knowledge/signals/
 * traces.yaml; here are only the observations and the thresholds that define them.
 */
import type { Conversation, TraceFinding } from './types';

/** Thresholds that define the patterns (what "late", "many" and "short" mean). */
export const PATTERN_THRESHOLDS = {
  /** LOGIN7 to LOGINACK (or, encrypted, the client's data to the server's answer) beyond this is late. */
  lateLoginMs: 1000,
  /** Retransmitted segments or keep-alives before a reset that point at a device dropping packets. */
  retransmitsBeforeReset: 3,
  keepAlivesBeforeReset: 3,
  /** Conversations shorter than this many frames from SYN to close are not pooled. */
  shortConversationFrames: 30,
  /** How many short ones, and what share of the conversations with a SYN, make the pattern. */
  shortConversationsMin: 10,
  shortConversationsShare: 0.5,
  /** Conversations reusing a client port within TIME_WAIT that make the pattern. */
  portReuseMin: 5,
} as const;

const OLD_TLS = new Set(['SSL 3.0', 'TLS 1.0', 'TLS 1.1']);
const CERT_ALERTS = new Set(['bad_certificate', 'unsupported_certificate', 'certificate_expired', 'certificate_unknown', 'unknown_ca', 'certificate_revoked']);

type Rule = { id: string; test: (c: Conversation) => boolean; summary: (n: number) => string };

const closed = (c: Conversation) => c.end.kind !== 'open';
const reset = (c: Conversation) => c.end.kind === 'rst' || c.end.kind === 'rst-ack';
const alertFrom = (c: Conversation, names: (d: string) => boolean, from?: 'client' | 'server') =>
  !!c.tls?.alerts.some((a) => names(a.description) && (!from || a.from === from));

const RULES: Rule[] = [
  {
    id: 'tcp.syn-unanswered',
    test: (c) => !!c.syn && !c.synAck && !c.refused && c.bytes.server === 0 && c.frames === 1 + c.syn.retransmits,
    summary: (n) => `${n} connection attempt(s) sent a SYN that got no answer at all: something on the way drops it`,
  },
  {
    id: 'tcp.syn-refused',
    test: (c) => !!c.refused,
    summary: (n) => `${n} SYN(s) answered by a reset: nothing listens on that port (or a firewall rejects)`,
  },
  {
    id: 'tds.not-sql-server',
    test: (c) => !!c.notTdsReply,
    summary: (n) => `${n} PRELOGIN(s) answered with bytes that are not TDS: something other than SQL Server owns the port`,
  },
  {
    id: 'tds.closed-after-prelogin',
    test: (c) => !!c.prelogin && !c.preloginResponse && !c.notTdsReply && closed(c) && c.end.by === 'server',
    summary: (n) => `${n} conversation(s) closed by the server right after the client's PRELOGIN, without an answer`,
  },
  {
    id: 'tds.encryption-mismatch',
    test: (c) =>
      !!c.prelogin && !!c.preloginResponse &&
      ((c.prelogin.encryption === 'not-supported' && c.preloginResponse.encryption === 'required') ||
        ((c.prelogin.encryption === 'on' || c.prelogin.encryption === 'required') && c.preloginResponse.encryption === 'not-supported')),
    summary: (n) => `${n} PRELOGIN exchange(s) where one side requires encryption the other does not support`,
  },
  {
    id: 'tls.reset-after-client-hello',
    test: (c) => !!c.tls?.clientHello && !c.tls.serverHello && closed(c) && c.end.after === 'ClientHello from client',
    summary: (n) => `${n} conversation(s) ended right after the ClientHello with no ServerHello: no TLS version or cipher suite in common`,
  },
  {
    id: 'tls.alert-protocol-version',
    test: (c) => alertFrom(c, (d) => d === 'protocol_version'),
    summary: (n) => `${n} TLS handshake(s) refused with a protocol_version alert: the two sides share no TLS version`,
  },
  {
    id: 'tls.alert-handshake-failure',
    test: (c) => alertFrom(c, (d) => d === 'handshake_failure' || d === 'insufficient_security'),
    summary: (n) => `${n} TLS handshake(s) refused with a handshake_failure alert: no cipher suite in common`,
  },
  {
    id: 'tls.client-rejected-certificate',
    test: (c) => alertFrom(c, (d) => CERT_ALERTS.has(d), 'client'),
    summary: (n) => `${n} TLS handshake(s) where the client rejected the server's certificate`,
  },
  {
    id: 'tls.client-offers-old-only',
    test: (c) => !!c.tls?.clientHello && OLD_TLS.has(c.tls.clientHello.maxVersion),
    summary: (n) => `${n} ClientHello(s) offering nothing newer than TLS 1.1: the client's driver or OS lacks TLS 1.2`,
  },
  {
    id: 'tls.old-version-chosen',
    test: (c) => !!c.tls?.serverHello && OLD_TLS.has(c.tls.serverHello.version),
    summary: (n) => `${n} handshake(s) where the server chose TLS 1.1 or older`,
  },
  {
    id: 'tls.dhe-chosen',
    test: (c) => !!c.tls?.serverHello?.cipher.startsWith('TLS_DHE_'),
    summary: (n) => `${n} ServerHello(s) chose a Diffie-Hellman suite (TLS_DHE_*): fails intermittently between Windows 2012 and older and Windows 2016 and newer`,
  },
  {
    id: 'tcp.retransmits-then-reset',
    test: (c) => reset(c) && c.retransmits.client + c.retransmits.server >= PATTERN_THRESHOLDS.retransmitsBeforeReset,
    summary: (n) => `${n} conversation(s) with retransmitted packets followed by a reset: a device on the path drops or delays packets`,
  },
  {
    id: 'tcp.keepalives-then-reset',
    test: (c) => reset(c) && c.keepAlives.client + c.keepAlives.server >= PATTERN_THRESHOLDS.keepAlivesBeforeReset,
    summary: (n) => `${n} conversation(s) with unanswered keep-alives followed by a reset: a device closed an idle connection in the middle`,
  },
  {
    id: 'tds.login-slow',
    test: (c) =>
      (c.login?.loginMs ?? 0) >= PATTERN_THRESHOLDS.lateLoginMs ||
      (c.login?.loginMs === undefined && (c.login?.afterHandshakeMs ?? 0) >= PATTERN_THRESHOLDS.lateLoginMs),
    summary: (n) => `${n} login(s) where the server's LOGINACK came late (over ${PATTERN_THRESHOLDS.lateLoginMs} ms): the server is slow to accept logins`,
  },
  {
    id: 'tds.login-error',
    test: (c) => !!c.login?.error,
    summary: (n) => `${n} login(s) answered with an error by the server`,
  },
  {
    id: 'tcp.server-reset-during-login',
    test: (c) => reset(c) && c.end.by === 'server' && !!c.synAck && !c.login?.loginAckMs && !c.login?.firstServerDataMs && !c.notTdsReply && c.end.after !== 'ClientHello from client',
    summary: (n) => `${n} conversation(s) reset by the server's side before the login finished`,
  },
  {
    id: 'tcp.client-reset-during-login',
    test: (c) => reset(c) && c.end.by === 'client' && !!c.synAck && !c.login?.loginAckMs && !c.login?.firstServerDataMs && !c.login?.error && !!c.prelogin,
    summary: (n) => `${n} conversation(s) the client reset before the login finished (a client timeout, or a filter driver on the client)`,
  },
];

export function conversationFindings(convs: Conversation[]): TraceFinding[] {
  const out: TraceFinding[] = [];
  for (const r of RULES) {
    const hits = convs.filter(r.test);
    if (hits.length) out.push({ id: r.id, summary: r.summary(hits.length), conversations: hits.slice(0, 20).map((c) => c.id), count: hits.length });
  }
  return out;
}

export interface TraceWide {
  convs: Conversation[];
  extraShort: number;
  extraReuse: number;
  durationMs: number;
}

/** Patterns only the whole trace shows: many short conversations, ports coming round again. */
export function traceFindings(t: TraceWide): TraceFinding[] {
  const out: TraceFinding[] = [];
  const opened = t.convs.filter((c) => c.syn);
  const short = opened.filter((c) => c.end.kind !== 'open' && c.frames < PATTERN_THRESHOLDS.shortConversationFrames);
  const shortCount = short.length + t.extraShort;
  const openedCount = opened.length + t.extraShort;
  if (shortCount >= PATTERN_THRESHOLDS.shortConversationsMin && shortCount >= openedCount * PATTERN_THRESHOLDS.shortConversationsShare) {
    const rate = t.durationMs > 0 ? (openedCount / (t.durationMs / 1000)).toFixed(1) : String(openedCount);
    out.push({
      id: 'tds.short-conversations',
      summary: `${shortCount} of ${openedCount} conversations were short (fewer than ${PATTERN_THRESHOLDS.shortConversationFrames} frames from SYN to close), ${rate} new connections a second: connections are not pooled`,
      conversations: short.slice(0, 20).map((c) => c.id),
      count: shortCount,
    });
  }
  const reused = t.convs.filter((c) => c.portReusedAfterMs !== undefined);
  const reuseCount = reused.length + t.extraReuse;
  if (reuseCount >= PATTERN_THRESHOLDS.portReuseMin) {
    const soonest = Math.min(...reused.map((c) => c.portReusedAfterMs!));
    out.push({
      id: 'tcp.port-reuse',
      summary: `${reuseCount} new conversations reused a client port still in TIME_WAIT (soonest after ${Math.round(soonest)} ms): the client is cycling through its ephemeral ports`,
      conversations: reused.slice(0, 20).map((c) => c.id),
      count: reuseCount,
    });
  }
  return out;
}
