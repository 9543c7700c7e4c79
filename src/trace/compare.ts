/**
 * Client and server traces of the same failures, side by side, as the intermittent-connectivity
 * article asks: match each conversation (same addresses and ports; through NAT, the client's
 * first bytes or the SYN's IP id and sequence number) and say whether both tell the same story.
 */
import type { Conversation, TraceComparison, TraceFinding, TraceReport } from './types';

function story(c: Conversation): string {
  const e = c.end;
  if (e.kind === 'open') return c.synAck || !c.syn ? 'still open at the end of the trace' : 'SYN not answered';
  const how = e.kind === 'fin' ? 'closed (FIN)' : e.kind === 'rst' ? 'reset (RST)' : 'reset (ACK+RST)';
  return `${how} by the ${e.by} after ${e.after}`;
}

export function compareTraces(client: TraceReport, server: TraceReport): TraceComparison {
  const byAddr = new Map(server.conversations.map((c) => [`${c.client}|${c.server}`, c]));
  const byPrint = new Map(server.conversations.filter((c) => c.fingerprint).map((c) => [c.fingerprint!, c]));
  const bySyn = new Map(server.conversations.filter((c) => c.syn?.ipId !== undefined).map((c) => [`${c.syn!.ipId}/${c.syn!.isn}`, c]));
  const used = new Set<number>();
  const matched: TraceComparison['matched'] = [];
  const hits: Record<string, number[]> = { 'compare.reset-in-the-middle': [], 'compare.lost-between': [], 'compare.syn-never-arrived': [] };

  for (const c of client.conversations) {
    let s = byAddr.get(`${c.client}|${c.server}`);
    let by: 'addresses' | 'fingerprint' | 'ip-id' = 'addresses';
    if (!s && c.fingerprint) [s, by] = [byPrint.get(c.fingerprint), 'fingerprint'];
    if (!s && c.syn?.ipId !== undefined) [s, by] = [bySyn.get(`${c.syn.ipId}/${c.syn.isn}`), 'ip-id'];
    if (!s || used.has(s.id)) {
      if (c.syn && !c.synAck && !c.refused) hits['compare.syn-never-arrived'].push(c.id);
      continue;
    }
    used.add(s.id);
    const seenByClient = story(c);
    const seenByServer = story(s);
    // A reset each side blames on the other: neither sent it, something between did.
    const middleReset =
      (c.end.kind === 'rst' || c.end.kind === 'rst-ack') && c.end.by === 'server' && !((s.end.kind === 'rst' || s.end.kind === 'rst-ack') && s.end.by === 'server');
    const lost = c.retransmits.client >= 3 && s.retransmits.client === 0 && s.bytes.client < c.bytes.client;
    if (middleReset) hits['compare.reset-in-the-middle'].push(c.id);
    if (lost) hits['compare.lost-between'].push(c.id);
    const agree = !middleReset && !lost && c.end.kind === s.end.kind && c.end.by === s.end.by;
    matched.push({
      client: c.id,
      server: s.id,
      by,
      agree,
      story: agree ? `both: ${seenByClient}` : `client trace: ${seenByClient}; server trace: ${seenByServer}`,
    });
  }
  const SUMMARY: Record<string, (n: number) => string> = {
    'compare.reset-in-the-middle': (n) => `${n} conversation(s) the client saw reset by the server while the server's trace shows it sent no reset: a device in between closed them`,
    'compare.lost-between': (n) => `${n} conversation(s) where the client retransmitted packets the server never received: they were lost on the way`,
    'compare.syn-never-arrived': (n) => `${n} SYN(s) from the client that never reached the server's trace`,
  };
  const findings: TraceFinding[] = Object.entries(hits)
    .filter(([, ids]) => ids.length)
    .map(([id, ids]) => ({ id, summary: SUMMARY[id](ids.length), conversations: ids.slice(0, 20), count: ids.length }));
  return { matched, unmatchedClient: client.conversations.length - matched.length, unmatchedServer: server.conversations.length - used.size, findings };
}
