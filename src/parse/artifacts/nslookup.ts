/**
 * nslookup output, Windows and Linux: the name asked for, its addresses and aliases, or why it
 * failed (Non-existent domain / NXDOMAIN, timed out, server failure). The first Server/Address pair
 * names the DNS server and is not an answer.
 */
import { fact, lineAt, listOf, uniq } from './common';
import type { NslookupData, ReadResult } from './types';

type Lookup = NslookupData['lookups'][number];

const SERVER = /^\s{0,4}Server:\s{1,20}(\S{1,255})\s*$/;
const NAME = /^\s{0,4}Name:\s{1,20}(\S{1,255})\s*$/;
const ADDRESS = /^\s{0,4}Address(?:es)?:\s{1,20}([0-9a-fA-F.:%]{2,60})(?:#\d{1,5})?\s*$/;
const CONTINUED = /^\s{4,40}([0-9a-fA-F.:%]{2,60})\s*$/;
const ALIASES = /^\s{0,4}Aliases:\s{1,20}(\S{1,255})\s*$/;
const CANNOT_FIND = /^\s{0,4}\*{2,3} (?:\S{1,255} can't find|Can't find) ([^\s:]{1,255}):? {0,2}(Non-existent domain|NXDOMAIN|Server failed|SERVFAIL|No response from server|Query refused|REFUSED)?/i;
const TIMEOUT = /(?:DNS request timed out|connection timed out; no servers could be reached|Request to \S{1,255} timed-out)/i;

export function readNslookup(lines: string[]): ReadResult | undefined {
  const lookups: Lookup[] = [];
  const used: number[] = [];
  let inServer = false; // Address lines after "Server:" belong to the DNS server
  let current: Lookup | undefined;
  let lastWasAddress = false;
  let serverSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    let m: RegExpExecArray | null;
    if ((m = SERVER.exec(line))) {
      inServer = true;
      serverSeen = true;
      current = undefined;
      used.push(i);
    } else if ((m = NAME.exec(line)) && serverSeen) {
      inServer = false;
      current = { name: m[1].replace(/\.$/, ''), addresses: [], aliases: [], outcome: 'resolved' };
      lookups.push(current);
      used.push(i);
    } else if ((m = ADDRESS.exec(line)) && serverSeen) {
      if (!inServer && current) current.addresses.push(m[1]);
      lastWasAddress = true;
      used.push(i);
      continue;
    } else if ((m = CONTINUED.exec(line)) && lastWasAddress) {
      if (!inServer && current) current.addresses.push(m[1]);
      used.push(i);
      continue;
    } else if ((m = ALIASES.exec(line)) && current) {
      current.aliases.push(m[1].replace(/\.$/, ''));
      used.push(i);
    } else if ((m = CANNOT_FIND.exec(line))) {
      const why = (m[2] ?? '').toLowerCase();
      const outcome: Lookup['outcome'] = /non-existent|nxdomain/.test(why) ? 'not-found' : /no response/.test(why) ? 'timeout' : why ? 'server-failure' : 'not-found';
      lookups.push({ name: m[1].replace(/\.$/, ''), addresses: [], aliases: [], outcome });
      current = undefined;
      used.push(i);
    } else if (TIMEOUT.test(line)) {
      if (!lookups.some((l) => l.outcome === 'timeout')) lookups.push({ name: '', addresses: [], aliases: [], outcome: 'timeout' });
      used.push(i);
    } else if (/^\s{0,8}timeout was \d{1,3} seconds?\.?\s*$/i.test(line)) {
      used.push(i);
    } else if (/^\s{0,4}Non-authoritative answer:?\s*$/i.test(line)) {
      inServer = false;
      used.push(i);
    }
    lastWasAddress = false;
  }
  // A timeout followed by an answer for the name is an answer (nslookup retries).
  const answered = lookups.filter((l) => l.outcome !== 'timeout' || !lookups.some((x) => x.outcome === 'resolved'));
  if (answered.length === 0) return undefined;
  for (const l of answered) l.addresses = uniq(l.addresses);
  const facts = answered.slice(0, 4).map((l) =>
    l.outcome === 'resolved'
      ? fact(l.name, `${l.addresses.length ? listOf(l.addresses, 4) : 'no address shown'}${l.aliases.length ? ` (alias ${listOf(l.aliases, 2)})` : ''}`)
      : fact(l.name || 'lookup', l.outcome === 'not-found' ? 'not found (NXDOMAIN)' : l.outcome === 'timeout' ? 'DNS server did not answer (timed out)' : 'DNS server failure'),
  );
  return { artifact: { kind: 'nslookup', title: 'nslookup', facts, data: { lookups: answered } }, lines: used };
}
