/**
 * Markup removal: turns what a chat client or a log viewer delivers back into the plain error
 * text. Knows Teams HTML, Slack mrkdwn and link syntax, code fences, ANSI colours, JSON string
 * escapes and console hard-wrapping. It never drops words of the message itself.
 */
import { unpackJsonLines } from './json-lines';
import { unwrapConsoleLines } from './unwrap';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

const BLOCK_TAGS = 'div|p|br|li|ul|ol|tr|table|tbody|thead|h[1-6]|hr|pre|blockquote|section|article|header|footer|body|html|head|title|dt|dd|dl';
const INLINE_TAGS = 'span|b|i|u|s|strong|em|code|a|font|img|small|sup|sub|strike|del|ins|mark|td|th|tt|kbd|samp|emoji|meta|link|colgroup|col|caption|label|abbr|cite|q';
const BLOCK_TAG = new RegExp(`<\\/?(?:${BLOCK_TAGS})(?=[\\s>/])[^<>]{0,2000}>`, 'gi');
const INLINE_TAG = new RegExp(`<\\/?(?:${INLINE_TAGS})(?=[\\s>/])[^<>]{0,2000}>`, 'gi');
const TEAMS_MENTION = /<at(?=[\s>])[^<>]{0,200}>[^<>]{0,200}<\/at>/gi;
const HTML_COMMENT = /<!--[^]{0,2000}?-->/g;
const ENTITY = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});/g;

const SLACK_USER = /<[@!](?:[A-Z0-9]{2,30}|here|channel|everyone)(?:\|[^<>\n]{0,100})?>/g;
const SLACK_CHANNEL = /<#[A-Z0-9]{2,30}\|([^<>\n]{0,100})>/g;
const SLACK_LINK = /<((?:https?|mailto|ftp|file):[^<>|\s]{1,2000})(?:\|([^<>\n]{1,500}))?>/g;
const FENCE = /```[A-Za-z0-9_+-]{0,20}[ \t]{0,20}(?:\r?\n)?/g;
const QUOTE_PREFIX = /^(?:>|&gt;)[ \t]?/gm;

const ANSI_ESC = /\x1b(?:\[[0-9;?]{0,30}[A-Za-z]|\][^\x07\x1b]{0,500}(?:\x07|\x1b\\)|[()][A-Z0-9])/g;
// Colour codes whose ESC byte was lost on the way ("[31m", "[0m").
const ANSI_ORPHAN = /\[(?:\d{1,3};){0,6}\d{1,3}m/g;
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]/g;

// JSON string escapes. `\r\n` is unambiguous; a lone `\n` is taken as an escape when followed by
// space or another escape, or when the text is escaped as a whole (has \\ or \").
const ESCAPE = /\\(r\\n|[rnt"\\/]|u[0-9a-fA-F]{4})/g;

function decodeEntity(whole: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  }
  return ENTITIES[body.toLowerCase()] ?? whole;
}

function unescapeJson(text: string): string {
  if (!text.includes('\\')) return text;
  // Decided per line: one JSON-escaped log line must not turn Windows paths elsewhere into tabs.
  return text
    .split('\n')
    .map((line) => (line.includes('\\') ? unescapeLine(line) : line))
    .join('\n');
}

// Lines that are not escaped as a whole only lose their \r\n, \n before blanks, and \" escapes.
const LOOSE_NEWLINE = /\\r\\n|\\n(?=[ \t\\]|$)/g;

function unescapeLine(line: string): string {
  const wholeEscaped = /\\[nr]/.test(line) && /\\\\|\\"/.test(line);
  if (!wholeEscaped) return line.replace(LOOSE_NEWLINE, '\n').replaceAll('\\"', '"').replace(UNICODE_ESCAPE, decodeUnicodeEscape);
  return line.replace(ESCAPE, (seq: string, what: string, offset: number) => {
    const next = line.charAt(offset + seq.length);
    switch (what[0]) {
      case 'r':
        return what === 'r\\n' ? '\n' : wholeEscaped ? '\r' : seq;
      case 'n':
        return wholeEscaped || next === '' || next === ' ' || next === '\t' || next === '\\' ? '\n' : seq;
      case 't':
        return wholeEscaped ? '\t' : seq;
      case '"':
        return '"';
      case '\\':
      case '/':
        return wholeEscaped ? what : seq;
      default:
        return decodeUnicodeEscape(seq, what.slice(1));
    }
  });
}

const UNICODE_ESCAPE = /\\u([0-9a-fA-F]{4})/g;

function decodeUnicodeEscape(seq: string, hex: string): string {
  const code = parseInt(hex, 16);
  // Only control characters (mostly \u001b of ANSI colours) and quotes are worth decoding.
  return code < 0x20 || code === 0x22 || code === 0x27 || code === 0x3c || code === 0x3e ? String.fromCharCode(code) : seq;
}

function stripHtml(text: string): string {
  if (!text.includes('<')) return text;
  return text
    .replace(HTML_COMMENT, '')
    .replace(TEAMS_MENTION, '')
    .replace(BLOCK_TAG, '\n')
    .replace(INLINE_TAG, '');
}

function stripSlack(text: string): string {
  let out = text;
  if (out.includes('```')) out = out.replace(FENCE, '');
  if (out.includes('<')) {
    out = out
      .replace(SLACK_USER, '')
      .replace(SLACK_CHANNEL, (_m, name: string) => `#${name}`)
      .replace(SLACK_LINK, (_m, url: string, label: string | undefined) => label ?? url);
  }
  return out;
}

export function normalizeText(input: string): string {
  let text = unescapeJson(unpackJsonLines(input));
  if (text.includes('\x1b')) text = text.replace(ANSI_ESC, '');
  if (text.includes('m')) text = text.replace(ANSI_ORPHAN, '');
  text = stripSlack(text);
  text = stripHtml(text);
  text = text.replace(QUOTE_PREFIX, '');
  if (text.includes('&')) text = text.replace(ENTITY, decodeEntity);
  text = text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
    .replace(/\u00a0/g, ' ')
    .replace(CONTROL, ' ');
  return unwrapConsoleLines(tidyLines(text)).trim();
}

/** Trailing blanks cut from each line; runs of empty lines kept to one. */
function tidyLines(text: string): string {
  const out: string[] = [];
  let empty = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trimEnd();
    empty = trimmed === '' ? empty + 1 : 0;
    if (empty < 2) out.push(trimmed);
  }
  return out.join('\n');
}

/** Lower-cased, whitespace-folded text for phrase matching. */
export function foldForMatching(text: string): string {
  // Single spaces are left alone: rewriting each of them would cost more than the whole fold.
  return text.toLowerCase().replace(/\s{2,}|[^\S ]/g, ' ').trim();
}
