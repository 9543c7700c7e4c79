/**
 * Cipher-suite lists: `Get-TlsCipherSuite` (its list format, with Protocols per suite), the registry
 * `Functions` value of ...\Cryptography\Configuration\Local\SSL\00010002 (Get-ItemPropertyValue one
 * per line, REG_SZ comma-separated, `reg query` output) or a bare list of names. Order is kept: it is
 * the order of preference.
 */
import { fact, lineAt, listOf, uniq } from './common';
import type { ArtifactFact, CipherSuiteData, ReadResult } from './types';

const SUITE = /\b(?:TLS|SSL)_[A-Z0-9]{1,20}_[A-Z0-9_]{2,80}/g;
const NAME_FIELD = /^\s{0,8}Name\s{0,30}:\s{0,4}((?:TLS|SSL)_[A-Z0-9_]{4,80})\s*$/;
const PROTOCOLS_FIELD = /^\s{0,8}Protocols\s{0,30}:\s{0,4}\{([\d, ]{0,80})\}/;
const MAX_SUITES = 200;
// The other fields of Get-TlsCipherSuite's list format (KeyType first, so a block starts before its Name).
const SUITE_FIELD = /^\s{0,8}(?:KeyType|Certificate|MaximumExchangeLength|MinimumExchangeLength|Exchange|HashLength|Hash|CipherBlockLength|CipherLength|BaseCipherSuite|CipherSuite|Cipher)\s{0,30}:/;

export const TLS12 = 771;
export const TLS13 = 772;

export function readCipherSuites(lines: string[]): ReadResult | undefined {
  const suites: string[] = [];
  const protocols: Record<string, number[]> = {};
  const used: number[] = [];
  let source: CipherSuiteData['source'] = 'list';
  let last: string | undefined;
  let explicit = false; // the paste says what it is (a Get-TlsCipherSuite field, the registry value name)
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    if (/^\s{0,8}KeyType\s{0,30}:/.test(line)) {
      source = 'get-tlsciphersuite';
      used.push(i);
      continue;
    }
    let m = NAME_FIELD.exec(line);
    if (m) {
      source = 'get-tlsciphersuite';
      explicit = true;
      last = m[1];
      suites.push(m[1]);
      used.push(i);
      continue;
    }
    if (source === 'get-tlsciphersuite' && SUITE_FIELD.test(line)) {
      used.push(i);
      continue;
    }
    m = PROTOCOLS_FIELD.exec(line);
    if (m && last) {
      protocols[last] = m[1].split(',').map((x) => Number(x.trim())).filter((x) => Number.isInteger(x) && x > 0 && x < 70000);
      used.push(i);
      continue;
    }
    if (/\b(?:Functions|00010002)\b/.test(line)) (explicit = true), (source = source === 'list' ? 'registry' : source), used.push(i);
    if (/^\s{0,4}(?:Name|-{4,})\s*$/.test(line)) used.push(i); // the header of Format-Table Name
    if (!line.includes('_')) continue;
    const found = line.match(SUITE);
    if (!found) continue;
    // A list line holds suite names and separators only; prose that names a suite is not a list.
    const rest = line.replace(SUITE, '').replace(/\b(?:Functions|REG_SZ|REG_MULTI_SZ|Name)\b|\\0|[\s,;:{}"'-]/g, '');
    if (rest.length > 8) continue;
    suites.push(...found);
    if (used[used.length - 1] !== i) used.push(i);
  }
  const list = uniq(suites).slice(0, MAX_SUITES);
  if (list.length === 0 || (!explicit && list.length < 2)) return undefined;
  const data: CipherSuiteData = { source, suites: list, ...(Object.keys(protocols).length ? { protocols } : {}) };
  const title = source === 'get-tlsciphersuite' ? 'Get-TlsCipherSuite' : source === 'registry' ? 'SSL cipher-suite order (registry Functions value)' : 'Cipher-suite list';
  return { artifact: { kind: 'cipher-suites', title, facts: cipherFacts(data), data }, lines: used };
}

export function isDhe(suite: string): boolean {
  return /^TLS_DHE_/.test(suite);
}

export function isTls13(suite: string): boolean {
  return /^TLS_(?:AES|CHACHA20)_/.test(suite);
}

function cipherFacts(d: CipherSuiteData): ArtifactFact[] {
  const out: ArtifactFact[] = [fact('Suites', `${d.suites.length} enabled; first: ${listOf(d.suites, 3)}`)];
  if (d.protocols) {
    const tls12 = d.suites.filter((s) => d.protocols?.[s]?.includes(TLS12)).length;
    const tls13 = d.suites.filter((s) => d.protocols?.[s]?.includes(TLS13)).length;
    out.push(fact('Protocols', `${tls12} suite${tls12 === 1 ? '' : 's'} for TLS 1.2, ${tls13} for TLS 1.3`));
  }
  const dhe = d.suites.findIndex(isDhe);
  if (dhe >= 0) out.push(fact('TLS_DHE suites', `${d.suites.filter(isDhe).length}, the first at position ${dhe + 1}`));
  return out;
}
