/**
 * The error-text parser: a pure function from a pasted text to facts. Order matters:
 * cut to size, redact, remove markup, redact again, then extract from message lines.
 */
import { WIN32_MESSAGES } from './data/win32-messages';
import { extractCodes, extractExceptions } from './extract/codes';
import { detectDriver } from './extract/driver';
import { extractEndpoint } from './extract/endpoint';
import { detectUserKind } from './extract/user-kind';
import { detectLanguage } from './extract/language';
import { detectPhase } from './extract/phase';
import { buildRecords, splitSegments } from './extract/records';
import { cutToLimit, MAX_PASTE_BYTES } from './limits';
import { analysisView, stripLogPrefix } from './lines';
import { foldForMatching, normalizeText } from './normalize';
import { isRedacted, redactInput, redactSecrets, type RedactedText } from './redact';
import { unwrapConsoleLines } from './unwrap';
import type { Facts, ParsedPaste, ProviderId } from './types';

export { MAX_PASTE_BYTES, normalizeText, redactInput, redactSecrets };
export type { Facts, ParsedPaste } from './types';

function unique<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

function win32FromMessages(folded: string): number[] {
  const out: number[] = [];
  for (const { code, phrases } of WIN32_MESSAGES) if (phrases.some((p) => folded.includes(p))) out.push(code);
  return out;
}

/** Facts from redacted, markup-free text; `folded` is its foldForMatching form (computed once by the caller). */
export function extractFacts(text: string, folded: string = foldForMatching(text)): Facts {
  const view = analysisView(text);
  const messageText = view.messages.join('\n');
  const { records, numbers } = buildRecords(splitSegments(view.messages));

  const sqlErrors: number[] = [];
  const states: number[] = [];
  const sniErrors: number[] = [];
  const win32: number[] = [];
  const hresults: string[] = [];
  const providers: ProviderId[] = [];
  for (const n of numbers) {
    if (n.number !== undefined) sqlErrors.push(n.number);
    if (n.state !== undefined) states.push(n.state);
    if (n.sniError !== undefined) sniErrors.push(n.sniError);
    if (n.provider !== undefined) providers.push(n.provider);
    win32.push(...n.win32);
    hresults.push(...n.hresults);
  }
  win32.push(...win32FromMessages(folded));

  const codes = extractCodes(messageText);
  const facts: Facts = {
    errors: records,
    sqlErrors: unique(sqlErrors),
    states: unique(states),
    sniErrors: unique(sniErrors),
    win32Errors: unique(win32),
    hresults: unique(hresults),
    providers: unique(providers),
    phase: null,
    driver: detectDriver(text),
    codes,
    exceptions: extractExceptions(messageText),
  };
  facts.phase = detectPhase({ folded, codes, sqlErrors: facts.sqlErrors, win32Errors: facts.win32Errors });
  Object.assign(facts, extractEndpoint(messageText));
  const userKind = detectUserKind(facts.user, facts.sqlErrors, folded);
  if (userKind) facts.userKind = userKind;
  const language = detectLanguage(messageText);
  if (language) facts.language = language;
  return facts;
}

/**
 * The text with each line kept once, at its first occurrence, log prefixes (timestamps, levels)
 * removed so that a log repeating one error with new timestamps counts it once.
 */
export function distinctLines(text: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = stripLogPrefix(raw);
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
  }
  return out.join('\n');
}

/**
 * Parse one paste. Pure; never throws: any failure inside yields empty facts for the same text.
 * Text marked redacted (redactOnce, or what readArtifacts left of it) is not redacted again, except
 * where removing markup changed it (or the mark asks for it): that can expose a secret the marked text hid.
 */
export function parsePaste(input: string | RedactedText): ParsedPaste {
  const already = isRedacted(input);
  const source = already ? input.text : typeof input === 'string' ? input : String(input ?? '');
  const { text: cut, truncated } = cutToLimit(source);
  // An error paste is unwrapped by normalizeText anyway: do it first, so a wrapped secret is seen whole.
  const first = already ? { text: unwrapConsoleLines(cut), count: input.count } : redactSecrets(cut, { unwrap: true });
  let normalized: string;
  try {
    normalized = normalizeText(first.text);
  } catch {
    normalized = first.text; // markup removal is a convenience; the redacted text still stands
  }
  // Markup removal can expose a secret (an entity-quoted password); when it changed nothing, the first pass stands.
  const second = normalized === first.text && !(already && input.recheck) ? { text: normalized, count: 0 } : redactSecrets(normalized);
  const text = second.text;
  // Facts are sets: a log that repeats the same lines a thousand times says nothing more than once.
  const distinct = distinctLines(text);
  const folded = foldForMatching(distinct);
  let facts: Facts;
  try {
    facts = extractFacts(distinct, folded);
  } catch {
    facts = emptyFacts();
  }
  return { text, normalized: folded, facts, redactions: first.count + second.count, truncated };
}

export function emptyFacts(): Facts {
  return { errors: [], sqlErrors: [], states: [], sniErrors: [], win32Errors: [], hresults: [], providers: [], phase: null, driver: null, codes: [], exceptions: [] };
}
