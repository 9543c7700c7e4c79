/**
 * Secret redaction. Every value that looks like a password, key or token is replaced by `***`.
 * Runs before any fact is extracted, and again after markup removal (HTML entities or escaped
 * quotes may hide a secret from the first pass). Values already reading `***` are not counted.
 */

const MASK = '***';

// Connection-string keys: the value runs to ';' (a password may hold '&', spaces or '=').
const STRING_KEYS = 'password|passwd|pwd|accountkey|sharedaccesskey|sharedaccesssignature';
// Token keys, seen in query strings and config: the value is one token and ends at '&'.
const TOKEN_KEYS = 'client_?secret|access_?token|refresh_?token|id_token|api_?key|x-api-key|sig|secret';

// key = value, as ADO.NET, ODBC, JDBC and URLs write it. Quoted values may hold ';' ("" and }} escape),
// bare values run to ';', a line end, a quote or a tag. A leading '&' or backslash is left for
// the second pass (an HTML entity or an escaped quote until markup is removed).
const KEY_EQUALS = new RegExp(
  `(?<![\\w-])(${STRING_KEYS})(\\s{0,3}=\\s{0,3})` +
    `("(?:[^"]|""){0,500}"|'(?:[^']|''){0,500}'|\\{(?:[^}]|\\}\\}){0,500}\\}|[^;\\r\\n"'<>&\\s\\\\][^;\\r\\n"'<>]{0,500})`,
  'gi',
);
const TOKEN_EQUALS = new RegExp(`(?<![\\w-])(${TOKEN_KEYS})(\\s{0,3}=\\s{0,3})([^&;\\s"'<>\\\\]{1,4000})`, 'gi');

// "password": "value" (JSON), password: value (YAML, logs).
const KEY_COLON = new RegExp(
  `(["']?(?<![\\w-])(?:${STRING_KEYS}|${TOKEN_KEYS})["']?\\s{0,3}:\\s{0,3})` +
    `("(?:[^"\\\\]|\\\\.){0,500}"|'[^'\\r\\n]{0,500}'|[^\\s,;"'{}\\[\\]]{1,500})`,
  'gi',
);

// PowerShell: -Password value, -Secret value.
const DASH_PASSWORD = /(?<!\S)(-(?:Password|Pwd|Secret|ClientSecret|AccessToken)\s{1,3})("[^"\r\n]{0,500}"|'[^'\r\n]{0,500}'|[^\s"']{1,500})/gi;

// sqlcmd / bcp: -P secret or -Psecret (but not -Password, handled above, or -PSxxx switches).
const DASH_P = /(?<!\S)(-P)(?!ass|wd\b|ath\b|ort\b|arallel|ipeline|rofile|ropert|rotocol|acket|S[A-Z])(\s{0,3})("[^"\r\n]{0,200}"|'[^'\r\n]{0,200}'|[^\s"']{1,200})/g;

// scheme://user:secret@host
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@'"<>]{0,200}:)([^\s@/'"<>]{1,200})(@)/gi;

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
  if (/[=:]/.test(out)) {
    out = out.replace(URL_CREDENTIALS, (_m, head: string, secret: string, at: string) => head + mask(secret) + at);
    out = out.replace(KEY_EQUALS, (_m, key: string, eq: string, value: string) => key + eq + mask(value.trimEnd()) + trailingSpace(value));
    out = out.replace(TOKEN_EQUALS, (_m, key: string, eq: string, value: string) => key + eq + mask(value));
    out = out.replace(KEY_COLON, (_m, key: string, value: string) => key + mask(value));
  }
  if (/-(?:Password|Pwd|Secret|ClientSecret|AccessToken)\b/i.test(out)) {
    out = out.replace(DASH_PASSWORD, (_m, flag: string, value: string) => flag + mask(value));
  }
  if (out.includes('-P')) out = out.replace(DASH_P, (_m, flag: string, gap: string, value: string) => flag + gap + mask(value));
  if (/bearer|authorization/i.test(out)) out = out.replace(BEARER, (_m, kind: string, gap: string, token: string) => kind + gap + mask(token));
  if (out.includes('eyJ')) out = out.replace(JWT, (token) => mask(token));
  return { text: out, count };
}

function trailingSpace(value: string): string {
  return value.slice(value.trimEnd().length);
}
