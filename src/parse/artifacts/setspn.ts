/**
 * setspn output: `setspn -L account` (the SPNs one account holds), `setspn -Q spn` (who holds an SPN,
 * "Existing SPN found!" or "No such SPN found.") and `setspn -X` (duplicate SPNs), plus `setspn -S`'s
 * "Duplicate SPN found, aborting operation!".
 */
import { fact, lineAt, listOf, uniq } from './common';
import type { ReadResult, SetspnData } from './types';

const REGISTERED_FOR = /^Registered ServicePrincipalNames for (.{1,300}?):?\s*$/i;
const CHECKING = /^Checking domain (.{1,300})$/i;
const SPN_LINE = /^\s{1,12}([A-Za-z][\w-]{1,40}\/[^\s/]{1,255}(?::[\w$-]{1,64})?(?:\/\S{1,100})?)\s*$/;
const DN_LINE = /^\s{0,12}(CN=[^\n]{1,300})$/i;
const DUP_HEADER = /^\s{0,4}(\S{3,300}) is registered on these accounts:/i;
const DUP_COUNT = /found (\d{1,6}) groups? of duplicate SPNs?/i;

export function readSetspn(lines: string[]): ReadResult | undefined {
  const d: SetspnData = { mode: 'list', accounts: [], spns: [], notFound: false, duplicates: [] };
  const used: number[] = [];
  let seen = false;
  let dupCount = 0;
  let holders = new Map<string, Set<string>>(); // SPN -> accounts, from -Q / -X listings
  let account: string | undefined;
  let inDuplicates: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    let m: RegExpExecArray | null;
    if ((m = REGISTERED_FOR.exec(line.trim()))) {
      seen = true;
      account = m[1];
      inDuplicates = undefined;
      d.accounts.push(account);
      used.push(i);
    } else if ((m = CHECKING.exec(line.trim()))) {
      seen = true;
      d.mode = d.mode === 'duplicates' ? 'duplicates' : 'query';
      used.push(i);
    } else if (/^\s{0,4}(?:(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>\s{0,4}setspn\b.{0,300}|Processing entry \d{1,9})\s*$/i.test(line)) {
      used.push(i); // the command line itself, and -X's progress lines
    } else if (/No such SPN found\.?/i.test(line)) {
      seen = true;
      d.mode = 'query';
      d.notFound = true;
      used.push(i);
    } else if (/Existing SPN found!?/i.test(line)) {
      seen = true;
      d.mode = 'query';
      used.push(i);
    } else if (/Duplicate SPN found, aborting operation/i.test(line)) {
      seen = true;
      dupCount = Math.max(dupCount, 1);
      used.push(i);
    } else if ((m = DUP_HEADER.exec(line))) {
      seen = true;
      d.mode = 'duplicates';
      inDuplicates = m[1];
      d.duplicates.push(m[1]);
      d.spns.push(m[1]);
      used.push(i);
    } else if ((m = DUP_COUNT.exec(line))) {
      seen = true;
      d.mode = 'duplicates';
      dupCount = Math.max(dupCount, Number(m[1]));
      used.push(i);
    } else if ((m = DN_LINE.exec(line)) && seen) {
      if (inDuplicates) holders.set(inDuplicates, (holders.get(inDuplicates) ?? new Set()).add(m[1].trim()));
      else (account = m[1].trim()), d.accounts.push(account);
      used.push(i);
    } else if ((m = SPN_LINE.exec(line)) && seen) {
      const spn = m[1];
      d.spns.push(spn);
      if (account) holders.set(spn.toLowerCase(), (holders.get(spn.toLowerCase()) ?? new Set()).add(account));
      used.push(i);
    }
  }
  if (!seen) return undefined;
  // -Q listing the same SPN under two accounts is a duplicate too.
  for (const [spn, accounts] of holders) if (accounts.size > 1 && !d.duplicates.some((x) => x.toLowerCase() === spn.toLowerCase())) d.duplicates.push(spn);
  if (dupCount > 0 && d.duplicates.length === 0) d.duplicates.push('(not named in the excerpt)');
  d.accounts = uniq(d.accounts);
  d.spns = uniq(d.spns).slice(0, 200);
  holders = new Map();
  const facts = [];
  if (d.accounts.length) facts.push(fact('Account', listOf(d.accounts, 2)));
  const sqlSpns = d.spns.filter((s) => /^MSSQLSvc\//i.test(s));
  if (d.spns.length) facts.push(fact('SQL Server SPNs', sqlSpns.length ? listOf(sqlSpns, 4) : 'none (other SPNs only)'));
  if (d.notFound) facts.push(fact('Query', 'No such SPN found'));
  if (d.duplicates.length) facts.push(fact('Duplicate SPNs', listOf(d.duplicates, 3)));
  const title = d.mode === 'duplicates' ? 'setspn -X' : d.mode === 'query' ? 'setspn -Q' : 'setspn -L';
  return { artifact: { kind: 'setspn', title, facts, data: d }, lines: used };
}
