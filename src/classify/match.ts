/** Evaluates a knowledge-base condition (`Match`) against parsed facts and the phrases found in the text. */
import type { Match, NamedPart } from '../kb/types';
import type { Facts } from '../parse/types';

export interface MatchContext {
  facts: Facts;
  /** Knowledge-base phrases that occur in the normalised paste. */
  phrases: Set<string>;
  /** Signals the case holds (artifacts, probes, SQLCHECK): only where a whole case is matched (implied answers). */
  signals?: ReadonlySet<string>;
}

const anyIn = <T>(wanted: T[] | undefined, have: T[]): boolean => wanted === undefined || wanted.some((w) => have.includes(w));
const anyInCI = (wanted: string[] | undefined, have: string[]): boolean =>
  wanted === undefined || wanted.some((w) => have.some((h) => h.toLowerCase() === w.toLowerCase()));

/** Whether the paste names a part of the connection; a port only counts when written into the server name. */
function names(f: Facts, part: NamedPart): boolean {
  return part === 'port' ? f.portInServerName === true : f[part] !== undefined;
}

export function matches(m: Match, ctx: MatchContext): boolean {
  const f = ctx.facts;
  return (
    anyIn(m.sqlError, f.sqlErrors) &&
    anyIn(m.state, f.states) &&
    anyIn(m.sni, f.sniErrors) &&
    anyIn(m.win32, f.win32Errors) &&
    anyInCI(m.hresult, f.hresults) &&
    anyIn(m.provider, f.providers as string[]) &&
    anyIn(m.phase, f.phase ? [f.phase] : []) &&
    anyInCI(m.code, f.codes) &&
    anyIn(m.driver, f.driver ? [f.driver.id] : []) &&
    anyInCI(m.exception, f.exceptions) &&
    (m.phrase === undefined || m.phrase.some((p) => ctx.phrases.has(p))) &&
    (m.notPhrase === undefined || !m.notPhrase.some((p) => ctx.phrases.has(p))) &&
    anyIn(m.userKind, f.userKind ? [f.userKind] : []) &&
    (m.has === undefined || m.has.some((part) => names(f, part))) &&
    (m.signal === undefined || m.signal.some((x) => ctx.signals?.has(x) === true)) &&
    (m.anyOf === undefined || m.anyOf.some((x) => matches(x, ctx)))
  );
}
