/**
 * A light plain-text view for the artifact readers. The error-text normaliser re-joins console-
 * wrapped lines of equal width, which would glue netstat rows together, so columnar output gets
 * only this: line ends, chat markup (HTML line breaks and tags, entities, code fences), ANSI colours.
 */
const BLOCK = /<\/?(?:div|p|br|li|tr|pre|table|tbody|ul|ol|h[1-6])(?=[\s>/])[^<>]{0,500}>/gi;
const TAG = /<\/?[a-z][a-z0-9]{0,15}(?=[\s>/])[^<>]{0,500}>/gi;
const ENTITY = /&(lt|gt|amp|quot|apos|nbsp|#\d{1,6});/gi;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };
const ANSI = /\x1b\[[0-9;?]{0,30}[A-Za-z]/g;
const FENCE = /^\s{0,3}```[\w+-]{0,20}\s*$/;

function entity(_m: string, name: string): string {
  if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? '';
  const code = Number(name.slice(1));
  return code > 31 && code < 0xd800 ? String.fromCharCode(code) : ' ';
}

const HAS_ENTITY = /&(?:lt|gt|amp|quot|apos|nbsp|#\d{1,6});/i;
const HAS_BLOCK = /<(?:div|p|br)[\s>/]/i;

/** True when plainLines would rewrite more than line ends (strip tags, decode entities, drop ANSI codes or fences). */
export function hasMarkup(text: string): boolean {
  return text.includes('\x1b') || text.includes('\u00a0') || text.includes('```') || HAS_BLOCK.test(text) || HAS_ENTITY.test(text);
}

export function plainLines(text: string): string[] {
  let t = text.replace(/\r\n?/g, '\n');
  if (t.includes('\x1b')) t = t.replace(ANSI, '');
  if (HAS_BLOCK.test(t)) t = t.replace(BLOCK, '\n').replace(TAG, '');
  if (t.includes('&')) t = t.replace(ENTITY, entity);
  t = t.replace(/\u00a0/g, ' ').replace(/```/g, (m, at: number) => (at === 0 || t[at - 1] === '\n' ? '' : m));
  return t.split('\n').filter((line) => !FENCE.test(line));
}
