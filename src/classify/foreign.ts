/**
 * Where a paste comes from: SQL Server (or one of its clients), another product named in
 * knowledge/foreign.yaml, or nothing that says. SQL Server signs win: a SQL Server error that names
 * Oracle (a linked server) or MySQL (an ODBC DSN) stays SQL Server's. The mechanism only; the
 * phrases and ports are knowledge.
 */
import type { ForeignKnowledge } from '../kb/types';
import type { ParsedPaste } from '../parse/types';

export interface Provenance {
  /** Why the text reads as SQL Server's (phrases and facts); empty when nothing says so. */
  sqlServerSigns: string[];
  /** The other product the text comes from, when there is no SQL Server sign. */
  foreign?: { id: string; name: string; signs: string[] };
}

/** Signs sit in the first lines of any real paste; a 1 MB log need not be scanned whole for them. */
const SCAN_CHARS = 65536;

const isWordChar = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95;

/** Phrases occurring at the start of a word ("sql server" is not found inside "mysql server"). */
export function wordStartPhrases(text: string, phrases: string[]): string[] {
  const found: string[] = [];
  for (const phrase of phrases) {
    const bounded = isWordChar(phrase.charCodeAt(0));
    for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
      if (!bounded || at === 0 || !isWordChar(text.charCodeAt(at - 1))) {
        found.push(phrase);
        break;
      }
    }
  }
  return found;
}

// host:port, "port 5432", "port=3306", "port: 3306", "host, 1433" (one optional separator each: no backtracking).
const PORT = /(?:[a-z0-9\])]:|port ?[=:]? ?|, ?)(\d{2,5})(?!\d)/g;

export function portsIn(text: string): Set<number> {
  const ports = new Set<number>();
  for (const m of text.matchAll(PORT)) ports.add(Number(m[1]));
  return ports;
}

export function provenance(parsed: ParsedPaste, k: ForeignKnowledge): Provenance {
  const text = parsed.normalized.slice(0, SCAN_CHARS);
  const f = parsed.facts;
  const ports = portsIn(text);
  if (f.port !== undefined) ports.add(Number(f.port));
  const signs = wordStartPhrases(text, k.sqlServer.phrases);
  if (f.sqlErrors.length > 0) signs.push(`SQL Server error ${f.sqlErrors[0]}`);
  if (f.providers.length > 0 || f.sniErrors.length > 0) signs.push('SQL Server network provider');
  if (f.instance) signs.push(`instance ${f.instance}`);
  for (const p of k.sqlServer.ports) if (ports.has(p)) signs.push(`port ${p}`);
  if (signs.length > 0) return { sqlServerSigns: signs };

  let best: Provenance['foreign'];
  let bestScore = 0;
  for (const product of k.products) {
    const hits = wordStartPhrases(text, product.phrases);
    const port = product.ports.find((p) => ports.has(p));
    // A phrase names the product; its default port alone is weaker evidence.
    const score = hits.length * 2 + (port !== undefined ? 1 : 0);
    if (score > bestScore) {
      bestScore = score;
      best = { id: product.id, name: product.name, signs: [...hits, ...(port !== undefined ? [`port ${port}`] : [])] };
    }
  }
  return { sqlServerSigns: [], ...(best ? { foreign: best } : {}) };
}
