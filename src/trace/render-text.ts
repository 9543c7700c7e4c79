/** The trace report as plain text: what the CLI prints and the chat quotes. */
import type { Conversation, TraceComparison, TraceReport } from './types';

const ms = (n: number | undefined) => (n === undefined ? '?' : n >= 10 ? `${Math.round(n)} ms` : `${n.toFixed(2)} ms`);

export function describeConversation(c: Conversation): string {
  const parts: string[] = [];
  if (c.syn && !c.synAck) parts.push(c.refused ? 'SYN answered by RST' : `SYN unanswered (${c.syn.retransmits} retransmits)`);
  else if (c.synAck) parts.push(`handshake RTT ${ms(c.synAck.rttMs)}`);
  if (c.prelogin) parts.push(`PRELOGIN enc ${c.prelogin.encryption}${c.preloginResponse ? ` -> ${c.preloginResponse.encryption} (server ${c.preloginResponse.version ?? '?'})` : ' -> no answer'}`);
  if (c.notTdsReply) parts.push('answer is not TDS');
  const t = c.tls;
  if (t) {
    const ch = t.clientHello ? `ClientHello up to ${t.clientHello.maxVersion} (${t.clientHello.ciphers.length} suites)` : 'no ClientHello';
    const sh = t.serverHello ? `ServerHello ${t.serverHello.version} ${t.serverHello.cipher}` : 'no ServerHello';
    parts.push(`TLS ${t.mode === 'strict' ? 'first (TDS 8.0 strict)' : 'in TDS'}: ${ch}, ${sh}`);
    for (const a of t.alerts) parts.push(`alert ${a.description} from ${a.from}`);
  }
  const l = c.login;
  if (l?.loginMs !== undefined) parts.push(`LOGIN7 -> LOGINACK ${ms(l.loginMs)}`);
  else if (l?.afterHandshakeMs !== undefined) parts.push(`encrypted login: slowest server answer ${ms(l.afterHandshakeMs)}`);
  if (l?.error) parts.push(`login error ${l.error.number} state ${l.error.state}`);
  const rtx = c.retransmits.client + c.retransmits.server;
  if (rtx) parts.push(`${rtx} retransmissions`);
  const ka = c.keepAlives.client + c.keepAlives.server;
  if (ka) parts.push(`${ka} keep-alives`);
  if (c.portReusedAfterMs !== undefined) parts.push(`client port reused ${ms(c.portReusedAfterMs)} after the last close`);
  const e = c.end;
  parts.push(e.kind === 'open' ? 'still open at the end' : `${e.kind === 'fin' ? 'FIN' : e.kind === 'rst' ? 'RST' : 'ACK+RST'} from ${e.by} after ${e.after}`);
  return `#${c.id} ${c.client} -> ${c.server} at ${ms(c.startMs)}, ${c.frames} frames: ${parts.join('; ')}`;
}

export function renderTraceText(files: string[], reports: TraceReport[], comparison?: TraceComparison, maxConversations = 30): string {
  const out: string[] = [];
  reports.forEach((r, i) => {
    out.push(`${files[i] ?? `trace ${i + 1}`}: ${r.format}, ${r.linkTypes.join('/') || 'no frames'}, ${r.frames} frames over ${ms(r.durationMs)}; ${r.sqlConversations} of ${r.tcpConversations} TCP conversations to SQL Server, ${r.connectionRate} new a second`);
    for (const c of r.conversations.slice(0, maxConversations)) out.push(`  ${describeConversation(c)}`);
    if (r.conversations.length > maxConversations) out.push(`  ... ${r.conversations.length - maxConversations} more conversations (--json lists them)`);
    out.push(r.findings.length ? 'Findings:' : 'Findings: none of the known patterns.');
    for (const f of r.findings) out.push(`  ${f.id}: ${f.summary} (#${f.conversations.slice(0, 8).join(', #')})`);
    for (const w of r.warnings) out.push(`  warning: ${w}`);
    out.push('');
  });
  if (comparison) {
    out.push(`Client and server traces: ${comparison.matched.length} conversations matched, ${comparison.unmatchedClient} only in the client trace, ${comparison.unmatchedServer} only in the server trace`);
    for (const m of comparison.matched.filter((x) => !x.agree).slice(0, maxConversations)) out.push(`  client #${m.client} / server #${m.server} (by ${m.by}) disagree: ${m.story}`);
    const agree = comparison.matched.filter((x) => x.agree).length;
    if (agree) out.push(`  ${agree} matched conversation(s) tell the same story on both sides`);
    for (const f of comparison.findings) out.push(`  ${f.id}: ${f.summary}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}
