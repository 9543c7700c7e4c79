/**
 * Secret redaction: the one redactor for every text that arrives from outside. Every value that
 * looks like a password, key or token is replaced by `***`. Where secrets sit is data
 * (data/secrets.ts); this file holds the mechanism: find each secret key, read its value with the
 * grammar its separator uses, then mask the shapes that are secret wherever they appear.
 * Values already reading `***` are neither changed nor counted, so a second pass is harmless.
 */
import { SECRET_KEYS, SECRET_SHAPES, SecretKey } from './data/secrets';
import { normalizeText } from './normalize';
import { CompiledShape, compileShapes, keyPattern, ruleProblems } from './secret-rules';
import { unwrapConsoleLines } from './unwrap';

const MASK = '***';

// HTML entities a chat client or a config file writes inside a value, escaped once or twice (Slack
// escapes the '&' of an XML file's entities again); one atom each (no quantifier, so the atom can sit
// inside a repeated group).
const ENTITY = '&(?:amp;(?:quot|amp|lt|gt|apos|#39)|quot|amp|lt|gt|apos|nbsp|#34|#38|#39|#60|#62|#x22|#x26|#x27|#x3c|#x3e);';
// Inline tags Teams wraps around a pasted value (<b>secret</b>).
const LEADING_TAG = '(?:<(?:b|i|u|s|em|strong|code|span|font|mark)>)?';
// An entity-quoted value (&quot;...&quot;, with \ escapes or doubled quotes inside), and one in
// backslash-escaped quotes (JSON inside JSON).
/** A value between two `quote` entities (no quantifier inside its repeated group). */
function entityQuoted(quote: string): string {
  const rest = quote.slice(1);
  return `${quote}(?:[^&\\\\\\r\\n]|\\\\.|${quote}${quote}|&(?!${rest})){0,1000}${quote}(?!${quote})`;
}
const ENTITY_QUOTED = ['&quot;', '&amp;quot;', '&#39;', '&apos;', '&amp;#39;', '&amp;apos;'].map(entityQuoted).join('|');
// Inside \"...\": \\\" is a quote of the value (JSON inside JSON), \\ a backslash, \"\" a doubled quote.
const ESCAPED_QUOTED = '\\\\"(?:[^\\\\\\r\\n]|\\\\\\\\\\\\"|\\\\\\\\|\\\\"\\\\"|\\\\(?!["\\\\])){0,1000}\\\\"(?!\\\\")';
// A quote that never closes: everything to the line end is taken, since where the secret ends is unknown.
const UNTERMINATED = '(?:["\'{]|&quot;|&amp;quot;|\\\\")[^\\r\\n]{0,1000}';
// A quote inside a bare value, unless it ends the value (an XML attribute or a JSON string closing).
const INNER_QUOTE = '["\'](?![\\s,;})\\]/>]|$)';
// The same for a backslash-escaped quote (a value inside a JSON string).
const ESC_INNER_QUOTE = '\\\\"(?![\\s,;})\\]/>]|\\\\[nr]|$)';
// '<' inside a value, unless it starts a tag Teams or a config file puts around or after the value.
const NOT_TAG = '<(?!/|!|\\?|(?:b|i|u|s|a|p|em|strong|code|span|font|mark|br|div|pre|td|tr|li|add|value)[\\s/>])';
// '&' inside a token, unless the next query-string parameter starts there ("&se=").
const NOT_PARAM = '&(?![a-z0-9_.-]{1,40}=)';
// A closing quote is never the first of a doubled one ("a""b" is one value, not "a" and a leftover),
// and is followed by what ends a value: otherwise the quote was part of a bare value ('a'b).
const QEND = '(?![^\\s;,.!?)}\\]>&<"\'/\\\\])';
const DOUBLE_QUOTED = `"(?:[^"\\\\\\r\\n]|""|\\\\.){0,1000}"(?!")${QEND}`;
const SINGLE_QUOTED = `'(?:[^'\\\\\\r\\n]|''|\\\\.){0,1000}'(?!')${QEND}`;
// \&quot;...\&quot;: a JSON-escaped quote that chat markup escaped again.
const ESCAPED_ENTITY_QUOTED = '\\\\&quot;(?:[^\\\\\\r\\n]|\\\\(?!&quot;)){0,1000}\\\\&quot;';
// \\\"...\\\": a JSON-escaped value inside a JSON string (a config printed in a JSON log line).
const DOUBLY_ESCAPED_QUOTED = '\\\\\\\\\\\\"(?:[^\\\\\\r\\n]|\\\\(?!\\\\\\\\\\\\")){0,1000}\\\\\\\\\\\\"';
const QUOTED = [DOUBLY_ESCAPED_QUOTED, ESCAPED_ENTITY_QUOTED, DOUBLE_QUOTED, SINGLE_QUOTED, `\\{(?:[^}\\r\\n]|\\}\\}){0,1000}\\}(?!\\})${QEND}`, ENTITY_QUOTED, ESCAPED_QUOTED, UNTERMINATED];

// What follows a quoted value in a URL-encoded connection string: the encoded ';', the next parameter, or nothing.
const URL_END = '(?=%(?:25)?3b|[&\\s"\'<>]|$)';

/** Value grammars (sticky); each ends where its form says the value ends. */
export const VALUE_GRAMMARS = {
  // After key= in ADO.NET, ODBC, JDBC, OLE DB strings and T-SQL: quoted ("" or '' escape), braced
  // (}} escape), entity- or backslash-quoted, or bare to ';' (spaces, '&', '<' and inner quotes included).
  connection: [...QUOTED, `${LEADING_TAG}(?:${ENTITY}|[^;\\s"'<]|${NOT_TAG})(?:${ENTITY}|[^;\\r\\n"'<]|${NOT_TAG}|${INNER_QUOTE}|${ESC_INNER_QUOTE}){0,1000}`].join('|'),
  // After key= for tokens and client secrets: as a connection-string value, but a query string's next
  // parameter ('&name=') ends it too.
  token: [...QUOTED, `${LEADING_TAG}(?:${ENTITY}|[^;\\s"'<]|${NOT_TAG})(?:${ENTITY}|[^;\\r\\n"'<&]|${NOT_TAG}|${NOT_PARAM}|${INNER_QUOTE}|${ESC_INNER_QUOTE}){0,8000}`].join('|'),
  // After a command-line switch (-P, --password, -Password, /SourcePassword:) or NAME= inside a shell
  // command (docker -e MSSQL_SA_PASSWORD=...): shell or PowerShell quoting, or one word.
  shell: ['"(?:[^"\\\\\\r\\n]|\\\\.){0,1000}"', "'(?:[^'\\r\\n]|''){0,1000}'(?!')", ENTITY_QUOTED, ESCAPED_QUOTED, UNTERMINATED, `(?:[^\\s"']|${INNER_QUOTE}|${ESC_INNER_QUOTE}){1,1000}`].join('|'),
  // After NAME= inside a quoted shell argument (-e "MSSQL_SA_PASSWORD=..."): to the closing quote.
  dqarg: ['(?:[^"\\\\\\r\\n]|\\\\.){1,1000}'].join('|'),
  sqarg: ["[^'\\r\\n]{1,1000}"].join('|'),
  eqarg: ['(?:[^&\\\\\\r\\n]|\\\\.|&(?!quot;)){1,1000}'].join('|'),
  // After NAME= that starts a line (an .env file, a compose list, a Java properties file): the rest of the line.
  // A tag or a JSON '\\n' escape still ends it (the line is inside chat markup or a JSON log line).
  line: [DOUBLE_QUOTED, SINGLE_QUOTED, ENTITY_QUOTED, ESCAPED_QUOTED, `(?:[^\\r\\n<\\\\]|${NOT_TAG}|\\\\(?![nr]))(?:[^\\r\\n<"\\\\]|${NOT_TAG}|\\\\(?![nr"])|${INNER_QUOTE}|${ESC_INNER_QUOTE}){0,1000}`].join('|'),
  // After "key": or key: (JSON, YAML, logs) and key => (PHP): a string with backslash escapes, or a
  // bare value to the line end, a closing bracket, or a ',' or ';' that starts the next key.
  colon: [
    `"(?:[^"\\\\\\r\\n]|\\\\.){0,8000}"${QEND}`,
    `'(?:[^'\\\\\\r\\n]|\\\\.){0,8000}'${QEND}`,
    ENTITY_QUOTED,
    ESCAPED_QUOTED,
    UNTERMINATED,
    `[^\\s"'{\\[,;](?:[^\\r\\n,;}\\]]|[,;](?!\\s{0,3}["']?[a-z0-9_.-]{1,60}["']?\\s{0,3}[:=])){0,1000}`,
  ].join('|'),
  // After key%3D (a connection string inside a URL): %22- or %27-quoted, or to the encoded ';' or '&', or a real '&'.
  urlencoded: [
    `%22(?:[^%\\s]|%22%22|%(?!22)){0,1000}%22(?!%22)${URL_END}`,
    `%27(?:[^%\\s]|%27%27|%(?!27)){0,1000}%27(?!%27)${URL_END}`,
    `%7b(?:[^%\\s]|%7d%7d|%(?!7d)){0,1000}%7d(?!%7d)${URL_END}`,
    "'(?:[^'\\s]|''){0,1000}'(?!')",
    // An encoded quote that does not close on this line (a console wrapped it): to the white space.
    "(?:%22|%27|%7b|')[^\\s]{0,1000}",
    `(?:[^%&\\s"<>]|%(?!(?:25)?3b)){1,1000}`,
  ].join('|'),
} as const;

const problems = ruleProblems(SECRET_KEYS, SECRET_SHAPES, VALUE_GRAMMARS);
if (problems.length > 0) throw new Error(`secret rules (src/parse/data/secrets.ts) are unsafe or malformed:\n${problems.join('\n')}`);

type GrammarName = keyof typeof VALUE_GRAMMARS;
const GRAMMAR = Object.fromEntries(Object.entries(VALUE_GRAMMARS).map(([k, v]) => [k, new RegExp(v, 'yi')])) as Record<GrammarName, RegExp>;

// Longer keys first, so "password" wins over "pass" at the same place.
const KEYS = [...SECRET_KEYS].sort((a, b) => keyPattern(b).length - keyPattern(a).length);
const KEY_ALTERNATIVES = KEYS.map(keyPattern).join('|');
// key, an optional closing quote (JSON, possibly backslash-escaped), then the separator.
const KEY_FINDER = new RegExp(`(${KEY_ALTERNATIVES})(?:\\\\?["'])?\\s{0,3}(=>|[=:]|%(?:25)?3d)\\s{0,3}`, 'gi');
const KEY_EXACT = KEYS.map((k) => ({ key: k, regex: new RegExp(`^(?:${keyPattern(k)})$`, 'i') }));
const SHAPES = compileShapes(SECRET_SHAPES);
// The first word of each key: a text holding none of them has no key to find (a cheap pre-check on long tool output).
const KEY_HEADS = [...new Set(SECRET_KEYS.map((k) => k.words[0]))];
// Keys and shape heads that a console may split at its width ("Bea" / "rer").
const SPLITTABLE = new RegExp(`(?:${KEY_ALTERNATIVES})(?:%(?:25)?3d)?|authori[sz]ation|bearer|configuredvalue|convertto-securestring`, 'gi');
const WRAP_MIN_LINE = 40;
const WRAP_WINDOW = 40;

function keyOf(name: string): SecretKey {
  return (KEY_EXACT.find((k) => k.regex.test(name)) ?? KEY_EXACT[0]).key;
}

/**
 * Which grammar a value after NAME= follows, from how the name is written: an upper-case name
 * longer than the key (MSSQL_SA_PASSWORD, SQLCMDPASSWORD) or a dotted one (spring.datasource.password)
 * at the start of a line is an .env, compose or properties line, whose value is the rest of the line;
 * an upper-case one inside a command (docker -e SA_PASSWORD=...) is one shell word.
 */
function nameGrammar(text: string, at: number, key: string): GrammarName | undefined {
  let from = at;
  while (from > 0 && at - from < 80 && /[\w.-]/.test(text.charAt(from - 1))) from--;
  if (from === at) return undefined;
  const name = text.slice(from, at) + key;
  const env = name === name.toUpperCase() && /[A-Z]/.test(name);
  const dotted = name.includes('.');
  if (!env && !dotted) return undefined;
  if (dotted && !env) return 'line';
  const quote = text.charAt(from - 1);
  if (quote === '"') return 'dqarg';
  if (quote === "'") return 'sqarg';
  if (text.slice(from - 6, from) === '&quot;') return 'eqarg';
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lead = text.slice(lineStart, from);
  // Markup a chat client put around the line (<div>, <p>) does not count.
  if (/^(?:<\/?[a-z][a-z0-9]{0,9}>|\s){0,10}(?:-\s{1,3}|export\s{1,3}|set\s{1,3}|ENV\s{1,3})?$/i.test(lead)) return 'line';
  return 'shell';
}

/** Inside a connection string (after ';') a value runs to ';'; in a query string (after '?' or '&') to the next parameter. */
function contextGrammar(text: string, at: number, key: SecretKey): GrammarName {
  let from = at;
  while (from > 0 && at - from < 80 && /[\w.-]/.test(text.charAt(from - 1))) from--;
  const before = text.charAt(from - 1);
  return before === ';' ? 'connection' : before === '?' || before === '&' ? 'token' : key.value;
}

// What may surround a mask: quotes, braces, entity or escaped quotes, the inline tags of LEADING_TAG.
const WRAPPERS = /<(?:b|i|u|s|em|strong|code|span|font|mark)>|&quot;|&#39;|&apos;|\\"|["'{}]/gi;

/** An empty value, or one already masked: nothing to mask and nothing to count. */
function isMasked(value: string): boolean {
  return value.replace(MASK, '').replace(WRAPPERS, '').trim() === '';
}

/** A mask already written here that ends where a value ends: the value was fully masked by an earlier rule. */
function maskedAt(text: string, at: number): boolean {
  return text.startsWith(MASK, at) && /^(?:[\s;,&}<)\]]|["'](?:[\s;,&}<)\]/>]|$)|$)/.test(text.slice(at + MASK.length, at + MASK.length + 2));
}

export interface RedactOptions {
  /**
   * Join console-wrapped lines first, as normalizeText would for an error paste (default off: tables
   * in SQLCHECK reports and tool output have many lines of one width and must keep their layout).
   */
  unwrap?: boolean;
}

type Span = [from: number, to: number];

export function redactSecrets(input: string, opts: RedactOptions = {}): { text: string; count: number } {
  let count = 0;
  let out = opts.unwrap ? unwrapConsoleLines(input) : input;
  out = joinSplitKeys(out);
  const lower = out.toLowerCase();
  const apply = (spans: Span[]): void => {
    if (spans.length === 0) return;
    const parts: string[] = [];
    let done = 0;
    for (const [from, to] of spans) {
      const value = out.slice(from, to);
      if (isMasked(value)) continue;
      count++;
      parts.push(out.slice(done, from), MASK);
      done = to;
    }
    parts.push(out.slice(done));
    out = parts.join('');
  };
  // Shapes first: a command-line switch or a URL says more exactly where its secret ends than a key does.
  for (const compiled of SHAPES) {
    if (compiled.shape.needs.some((n) => lower.includes(n))) apply(shapeSpans(out, compiled, input));
  }
  if (KEY_HEADS.some((h) => lower.includes(h))) apply(keyValueSpans(out, input));
  return { text: out, count };
}

/** Each secret key in the text with the value its separator's grammar reads after it. */
function keyValueSpans(text: string, original: string): Span[] {
  const spans: Span[] = [];
  const width = lazyWidths(text, original);
  KEY_FINDER.lastIndex = 0;
  for (let m = KEY_FINDER.exec(text); m; m = KEY_FINDER.exec(text)) {
    const key = keyOf(m[1]);
    if (!key.suffix && m.index > 0 && /[a-z0-9]/i.test(text.charAt(m.index - 1))) {
      KEY_FINDER.lastIndex = m.index + 1; // the end of an ordinary word ("design=")
      continue;
    }
    const sep = m[2].toLowerCase();
    const grammar: GrammarName =
      sep === ':' || sep === '=>' ? 'colon' : sep.startsWith('%') ? 'urlencoded' : (nameGrammar(text, m.index, m[1]) ?? contextGrammar(text, m.index, key));
    const start = m.index + m[0].length;
    if (maskedAt(text, start)) continue;
    const end = readValue(text, start, grammar, width);
    if (end === undefined) continue;
    spans.push([start, end]);
    KEY_FINDER.lastIndex = end;
  }
  return spans;
}

function shapeSpans(text: string, { shape, regex, name }: CompiledShape, original: string): Span[] {
  const spans: Span[] = [];
  const width = lazyWidths(text, original);
  let done = 0;
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0] === '') {
      regex.lastIndex++;
      continue;
    }
    if (name && !name.test(m[shape.name!.group] ?? '')) continue;
    let span: Span | undefined;
    if (shape.value) {
      const start = m.index + m[0].length;
      const end = maskedAt(text, start) ? undefined : readValue(text, start, shape.value, width);
      if (end !== undefined) span = [start, end];
    } else {
      const found = m.indices?.[shape.mask!];
      if (found) span = [found[0], continueWrapped(text, found[1], width)];
    }
    if (!span || span[0] < done) continue;
    spans.push(span);
    done = span[1];
    if (regex.lastIndex < done) regex.lastIndex = done;
  }
  return spans;
}

/** Where the value starting at `start` ends, read with `grammar`; undefined when there is none. */
function readValue(text: string, start: number, grammar: GrammarName, width: () => Set<number>): number | undefined {
  const re = GRAMMAR[grammar];
  re.lastIndex = start;
  const value = re.exec(text);
  if (!value) return undefined;
  let end = start + value[0].trimEnd().length; // a bare value does not own the spaces before ';'
  if (end === start) return undefined;
  // Spaces before a line break still belong to the value when a wrap may continue it there.
  if (/^[ \t]*(?:\r?\n)/.test(text.slice(end, end + 40))) end = start + value[0].length;
  // A quote still open at the line end: if the console wrapped there, the next line is inside it too.
  const open = OPENING.exec(value[0]);
  const opener = open?.[0].toLowerCase() ?? '';
  const closed = open !== null && value[0].length > opener.length && value[0].trimEnd().toLowerCase().endsWith(CLOSING[opener] ?? opener);
  const inArgument = (grammar === 'dqarg' || grammar === 'sqarg' || grammar === 'eqarg') && /[\r\n]/.test(text.charAt(start + value[0].length) || '\n');
  const mode: Continuation = (open !== null && !closed) || inArgument ? 'rest-of-line' : grammar === 'connection' || grammar === 'urlencoded' ? 'to-separator' : 'word';
  const continued = continueWrapped(text, end, width, mode);
  return continued > end ? continued : start + value[0].trimEnd().length;
}

/** How a value cut by a console wrap goes on: the whole next line (inside an open quote), to the next ';' (a connection string), or one word. */
type Continuation = 'rest-of-line' | 'to-separator' | 'word';

const OPENING = /^(?:["'{]|&quot;|&amp;quot;|\\"|%22|%27|%7b)/i;
const CLOSING: Record<string, string> = { '{': '}', '%7b': '%7d' };

const CONTINUATION = /[^\s;]{1,1000}/y;
const REST_OF_LINE = /[^\r\n]{1,1000}/y;
// In a connection string the value goes on to the next ';' of that line (spaces included), if there is one.
const TO_SEPARATOR = /[^;\r\n]{1,1000}(?=;)|[^%\s]{1,1000}(?=%3b)/iy;
const WRAP_WIDTH_MIN = 60;

/**
 * A console wraps a long line at its width, so a value may go on at the start of the next line.
 * When the value ends a line as long as the longest in the text (the width) and the next line
 * starts with something that is not a word of prose, that start is part of the value.
 */
function continueWrapped(text: string, end: number, width: () => Set<number>, mode: Continuation = 'word'): number {
  let e = end;
  for (let k = 0; k < 64; k++) {
    const nl = text.charAt(e) === '\r' ? e + 1 : e;
    if (text.charAt(nl) !== '\n') break;
    const lineLength = e - (text.lastIndexOf('\n', e - 1) + 1);
    if (lineLength < WRAP_WIDTH_MIN || !width().has(lineLength)) break;
    let run: RegExpExecArray | null = null;
    if (mode !== 'word') {
      const grammar = mode === 'rest-of-line' ? REST_OF_LINE : TO_SEPARATOR;
      grammar.lastIndex = nl + 1;
      run = grammar.exec(text);
    }
    if (!run) {
      CONTINUATION.lastIndex = nl + 1;
      run = CONTINUATION.exec(text);
      if (!run) break;
      const after = text.charAt(nl + 1 + run[0].length);
      if (after !== '' && after !== '\n' && after !== '\r' && /\s/.test(after) && /^[a-z]{1,40}$/i.test(run[0])) break; // a word of prose
    }
    e = nl + 1 + run[0].length;
  }
  return e;
}

/** The wrap widths of `text`, computed the first time a value ends at a line break. */
function lazyWidths(text: string, original: string): () => Set<number> {
  let widths: Set<number> | undefined;
  // Widths of the text as it came too: joining wrapped lines may have left a width on one line only.
  return () => (widths ??= new Set([...wrapWidths(text), ...(original === text ? [] : wrapWidths(original))]));
}

/**
 * Line lengths that look like a console's width: the longest line, and any length of 60 or more
 * shared by two lines or more (after unwrapping, joined lines may be longer than the width).
 */
function wrapWidths(text: string): Set<number> {
  const counts = new Map<number, number>();
  let max = 0;
  let from = 0;
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', from)) {
    const end = nl < 0 ? text.length : nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const length = end - from;
    if (length > max) max = length;
    if (length >= WRAP_WIDTH_MIN) counts.set(length, (counts.get(length) ?? 0) + 1);
    if (nl < 0) break;
    from = nl + 1;
  }
  const widths = new Set([max]);
  for (const [length, n] of counts) if (n >= 2) widths.add(length);
  return widths;
}

/**
 * A console wraps at its width and may split a key ("Authorization: Bea" / "rer ..."): where a
 * long line ends inside a key, the line break goes, so the key and its value are found whole.
 */
function joinSplitKeys(text: string): string {
  if (!text.includes('\n')) return text;
  const parts: string[] = [];
  let done = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    const end = nl > 0 && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const long = end - lineStart >= WRAP_MIN_LINE;
    const thisStart = lineStart;
    lineStart = nl + 1;
    if (!long || end === thisStart || isSpace(text.charCodeAt(end - 1)) || nl + 1 >= text.length || isSpace(text.charCodeAt(nl + 1))) continue;
    const left = text.slice(Math.max(thisStart, end - WRAP_WINDOW), end);
    const right = text.slice(nl + 1, nl + 1 + WRAP_WINDOW);
    if (!splitsKey(left, right)) continue;
    parts.push(text.slice(done, end));
    done = nl + 1;
  }
  if (done === 0) return text;
  parts.push(text.slice(done));
  return parts.join('');
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 160;
}

function splitsKey(left: string, right: string): boolean {
  const joined = left + right;
  SPLITTABLE.lastIndex = 0;
  for (let m = SPLITTABLE.exec(joined); m; m = SPLITTABLE.exec(joined)) {
    if (m.index < left.length && m.index + m[0].length > left.length) return true;
    if (m.index >= left.length) return false;
  }
  return false;
}

/**
 * Text the one redactor has already passed (see redactInput). Readers downstream (artifact readers,
 * the error-text parser) take it as it is instead of redacting the same text again; a plain string
 * is always redacted. Only redactInput and code that masks no less than it may build one.
 */
export interface RedactedText {
  readonly redacted: true;
  readonly text: string;
  /** Secrets the pass removed. */
  readonly count: number;
  /**
   * A view of redacted text that removed markup since (tags, entities): what it uncovered has not been
   * through the redactor, so a reader must redact its own final form of the text once more.
   */
  readonly recheck?: boolean;
}

export function isRedacted(input: unknown): input is RedactedText {
  return typeof input === 'object' && input !== null && (input as RedactedText).redacted === true && typeof (input as RedactedText).text === 'string';
}

/** redactInput, with the result marked so that no reader downstream redacts it again. */
export function redactOnce(text: string): RedactedText {
  const { text: out, count } = redactInput(text);
  return { redacted: true, text: out, count };
}

/**
 * The one entry point for text arriving from outside (a paste, an attached file, a note, a typed
 * answer), before it is kept anywhere: dialog state, case, log, reply or post. Markup can hide a
 * secret from the patterns (an entity-quoted or JSON-escaped value); when the markup-free view shows
 * one the raw form did not, the markup-free view is what is kept.
 */
export function redactInput(text: string, opts: RedactOptions = {}): { text: string; count: number } {
  let first = redactSecrets(text, opts);
  // A console capture: when joining its wrapped lines shows more secrets, the joined lines are kept.
  if (!opts.unwrap && unwrapConsoleLines(text) !== text) {
    const joined = redactSecrets(text, { unwrap: true });
    if (joined.count > 0 && joined.count >= first.count) first = joined;
  }
  let view: string;
  try {
    view = normalizeText(first.text);
  } catch {
    return first;
  }
  if (view === first.text) return first;
  const second = redactSecrets(view, opts);
  return second.count === 0 ? first : { text: second.text, count: first.count + second.count };
}
