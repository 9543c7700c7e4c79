/**
 * Secret redaction. Every value that looks like a password, key or token is replaced by `***`.
 * Runs before any fact is extracted, and again after markup removal (HTML entities or escaped
 * quotes may hide a secret from the first pass). Values already reading `***` are not counted.
 */

import { normalizeText } from './normalize';

const MASK = '***';

// Connection-string keys: the value runs to ';' (a password may hold '&', spaces or '=').
const STRING_KEYS = 'password|passwd|pwd|accountkey|sharedaccesskey|sharedaccesssignature';
// Token keys, seen in query strings and config: the value is one token and ends at '&'.
const TOKEN_KEYS = 'client_?secret|access_?token|refresh_?token|id_token|api_?key|x-api-key|sig|secret';

// Starts with the key itself so the engine can skip ahead on literals; the word boundary
// before the key is checked in code.
const KEY_FINDER = new RegExp(`(${STRING_KEYS}|${TOKEN_KEYS})(["']?)\\s{0,3}([=:])\\s{0,3}`, 'gi');
const IS_STRING_KEY = new RegExp(`^(?:${STRING_KEYS})$`, 'i');

// Values after key=, as ADO.NET, ODBC and JDBC write them. Quoted values may hold ';' ("" and }}
// escape); bare values run to ';', a line end, a quote or a tag. A leading '&' or backslash is
// left for the second pass (an HTML entity or an escaped quote until markup is removed).
const STRING_VALUE = /"(?:[^"]|""){0,500}"|'(?:[^']|''){0,500}'|\{(?:[^}]|\}\}){0,500}\}|[^;\r\n"'<>&\s\\][^;\r\n"'<>]{0,500}/y;
// A token after key= is one word and ends at '&' (the next query parameter).
const TOKEN_VALUE = /[^&;\s"'<>\\]{1,4000}/y;
// After "key": (JSON) or key: (YAML, logs).
const COLON_VALUE = /"(?:[^"\\]|\\.){0,500}"|'[^'\r\n]{0,500}'|[^\s,;"'{}[\]]{1,500}/y;

// PowerShell: -Password value, -Secret value.
const DASH_PASSWORD = /(-(?:Password|Pwd|Secret|ClientSecret|AccessToken)\s{1,3})("[^"\r\n]{0,500}"|'[^'\r\n]{0,500}'|[^\s"']{1,500})/gi;

// sqlcmd / bcp: -P secret or -Psecret (but not -Password, handled above, or -PSxxx switches).
const DASH_P = /(-P)(?!ass|wd\b|ath\b|ort\b|arallel|ipeline|rofile|ropert|rotocol|acket|S[A-Z])(\s{0,3})("[^"\r\n]{0,200}"|'[^'\r\n]{0,200}'|[^\s"']{1,200})/g;

// scheme://user:secret@host (anchored on the literal "://" so long texts scan fast)
const URL_CREDENTIALS = /(:\/\/[^\s:/@'"<>]{0,200}:)([^\s@/'"<>]{1,200})(@)/g;

// Authorization: <scheme> <token>, and bearer tokens anywhere (long enough not to be a word).
const BEARER = /\b(Authorization\s{0,3}[:=]\s{0,3}(?:Bearer|Basic|Negotiate)?|Bearer)(\s{1,3})([A-Za-z0-9\-._~+/]{16,4000}=*)/gi;

// JSON web tokens anywhere.
const JWT = /\beyJ[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{8,4000}\.[A-Za-z0-9_-]{0,4000}/g;

function isMasked(value: string): boolean {
  const inner = value.replace(/^["'{]|["'}]$/g, '');
  return inner === MASK || inner === '';
}

export function redactSecrets(text: string): { text: string; count: number } {
  let count = 0;
  const mask = (value: string): string => {
    if (isMasked(value)) return value;
    count++;
    return MASK;
  };
  let out = text;
  if (out.includes('://')) out = out.replace(URL_CREDENTIALS, (_m, head: string, secret: string, at: string) => head + mask(secret) + at);
  out = redactKeyValues(out, mask);
  if (/-(?:Password|Pwd|Secret|ClientSecret|AccessToken)\b/i.test(out)) {
    out = out.replace(DASH_PASSWORD, (m: string, flag: string, value: string, at: number, all: string) =>
      startsWord(all, at) ? flag + mask(value) : m,
    );
  }
  if (out.includes('-P')) {
    out = out.replace(DASH_P, (m: string, flag: string, gap: string, value: string, at: number, all: string) =>
      startsWord(all, at) ? flag + gap + mask(value) : m,
    );
  }
  if (/bearer|authorization/i.test(out)) out = out.replace(BEARER, (_m, kind: string, gap: string, token: string) => kind + gap + mask(token));
  if (out.includes('eyJ')) out = out.replace(JWT, (token) => mask(token));
  return { text: out, count };
}

/** True when the match at `at` starts a word (start of text or after white space). */
function startsWord(text: string, at: number): boolean {
  return at === 0 || /\s/.test(text.charAt(at - 1));
}

/** One pass over the text: find each secret key, then read its value with the grammar its form uses. */
function redactKeyValues(text: string, mask: (value: string) => string): string {
  const parts: string[] = [];
  let done = 0;
  KEY_FINDER.lastIndex = 0;
  for (let m = KEY_FINDER.exec(text); m; m = KEY_FINDER.exec(text)) {
    const before = m.index > 0 ? text.charAt(m.index - 1) : '';
    const quoted = before === '"' || before === "'";
    const edge = quoted ? text.charAt(m.index - 2) : before;
    if (/[\w-]/.test(edge) || (m[2] !== '' && !quoted)) continue; // part of a longer word, or a stray quote
    const start = m.index + m[0].length;
    const grammar = m[3] === ':' ? COLON_VALUE : IS_STRING_KEY.test(m[1]) ? STRING_VALUE : TOKEN_VALUE;
    grammar.lastIndex = start;
    const value = grammar.exec(text);
    if (!value) continue;
    const raw = value[0].trimEnd(); // a bare value does not own the spaces before ';'
    parts.push(text.slice(done, start), mask(raw));
    done = start + raw.length;
    KEY_FINDER.lastIndex = done;
  }
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * The one entry point for text arriving from outside (a paste, an attached file, a note, a typed
 * answer), before it is kept anywhere: dialog state, case, log, reply or post. Markup can hide a
 * secret from the patterns (an entity-quoted or JSON-escaped value); when the markup-free view shows
 * one the raw form did not, the markup-free view is what is kept.
 */
export function redactInput(text: string): { text: string; count: number } {
  const first = redactSecrets(text);
  let view: string;
  try {
    view = normalizeText(first.text);
  } catch {
    return first;
  }
  if (view === first.text) return first;
  const second = redactSecrets(view);
  return second.count === 0 ? first : { text: second.text, count: first.count + second.count };
}
