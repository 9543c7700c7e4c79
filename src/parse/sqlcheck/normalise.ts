/**
 * Turns what people paste into plain report lines: chat markup removed (Teams HTML, Slack entities,
 * Markdown fences, e-mail quotes), line endings unified, trailing spaces dropped, user annotations
 * set aside, secrets redacted by the one redactor every input goes through (before and after markup
 * removal, as for pastes). No regular expression here can backtrack on long input: every pattern is
 * anchored or bounded, and the input is cut at MAX_CHARS first.
 */
import { redactSecrets } from '../redact';
import type { Located } from './types';

/** Largest input we parse; a real report is 20-60 KB, the benchmark's synthetic one 1 MB. */
export const MAX_CHARS = 4 * 1024 * 1024;
/** Longest line we keep; real table lines reach ~400 characters. */
export const MAX_LINE = 8000;

export interface NormalisedText {
  lines: string[];
  annotations: Located[];
  redactions: number;
  truncated: boolean;
}

const HTML_TAG = /<\/?(?:div|p|br|span|pre|code|b|i|u|strong|em|blockquote|ul|ol|li|table|tbody|thead|tr|td|th|font|a|html|body|head|meta|img|h[1-6]|at|attachment|hr)\b[^<>]{0,500}>/gi;
const LINE_BREAK_TAG = /<(?:br\s{0,5}\/?|\/p|\/div|\/li|\/tr|\/h[1-6]|\/pre)\s{0,5}>/gi;
const ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,6}|nbsp|lt|gt|amp|quot|apos|#39);/gi;
const NAMED: Record<string, string> = { nbsp: ' ', lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ANNOTATION_MARKS = ['<--', '<==', '<<<', '<-- ', '\u2190'];

function decodeEntity(_m: string, body: string): string {
  const key = body.toLowerCase();
  if (key.startsWith('#x')) return String.fromCodePoint(parseInt(key.slice(2), 16) || 32);
  if (key.startsWith('#')) return String.fromCodePoint(parseInt(key.slice(1), 10) || 32);
  return NAMED[key] ?? _m;
}

function unwrapHtml(text: string): string {
  if (!/<\/?(?:div|p|br|pre|span|code)\b/i.test(text.slice(0, 20000))) return text;
  return text.replace(LINE_BREAK_TAG, '\n').replace(HTML_TAG, '');
}

function cutAnnotation(line: string): { kept: string; note?: string } {
  let cut = -1;
  for (const mark of ANNOTATION_MARKS) {
    const at = line.indexOf(mark);
    if (at >= 0 && (cut < 0 || at < cut)) cut = at;
  }
  if (cut < 0) return { kept: line };
  return { kept: line.slice(0, cut).trimEnd(), note: line.slice(cut).trim() };
}

/** Chat clients sometimes turn every line break into a paragraph: undo a consistently double-spaced paste. */
function undoDoubleSpacing(lines: string[]): string[] {
  let nonBlank = 0;
  let adjacent = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    nonBlank++;
    if (i + 1 < lines.length && lines[i + 1] !== '') adjacent++;
  }
  if (nonBlank < 10 || adjacent > nonBlank * 0.05) return lines;
  const out: string[] = [];
  let blanks = 0;
  for (const line of lines) {
    if (line === '') {
      blanks++;
      continue;
    }
    for (let k = 0; k < Math.floor((blanks - 1) / 2); k++) out.push('');
    blanks = 0;
    out.push(line);
  }
  return out;
}

function stripQuotePrefix(lines: string[]): string[] {
  const nonBlank = lines.filter((l) => l.trim() !== '');
  const quoted = nonBlank.filter((l) => l.startsWith('>'));
  if (nonBlank.length === 0 || quoted.length < nonBlank.length * 0.6) return lines;
  return lines.map((l) => (l.startsWith('> ') ? l.slice(2) : l.startsWith('>') ? l.slice(1) : l));
}

function isFence(line: string): boolean {
  const t = line.trim();
  return t.startsWith('```') && /^```[A-Za-z0-9_-]{0,20}$/.test(t);
}

export function normalise(input: string): NormalisedText {
  let text = typeof input === 'string' ? input : String(input ?? '');
  const truncated = text.length > MAX_CHARS;
  if (truncated) text = text.slice(0, MAX_CHARS);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Report tables are laid out by column: lines are never joined here, only values masked.
  const first = redactSecrets(text);
  const decoded = unwrapHtml(first.text).replace(ENTITY, decodeEntity);
  const second = decoded === first.text ? { text: decoded, count: 0 } : redactSecrets(decoded);
  text = second.text;
  const redactions = first.count + second.count;
  let lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => {
      let line = l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l;
      // Inline fences (```text on the first report line) and non-breaking spaces from chat clients.
      if (line.includes('```') && !isFence(line)) line = line.split('```').join('');
      return line.replace(/\t/g, '    ').replace(/\u00a0/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trimEnd();
    })
    .filter((l) => !isFence(l));
  lines = undoDoubleSpacing(stripQuotePrefix(lines));
  const annotations: Located[] = [];
  lines = lines.map((line, i) => {
    const { kept, note } = cutAnnotation(line);
    if (note !== undefined) annotations.push({ line: i + 1, raw: note });
    return kept;
  });
  return { lines, annotations, redactions, truncated };
}
