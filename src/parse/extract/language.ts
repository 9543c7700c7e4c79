/** Language of a localized message, from script ranges and telltale words (data/languages.ts). */
import { LANGUAGE_WORDS, SCRIPT_LANGUAGES } from '../data/languages';

const SAMPLE = 65_536; // the first 64 KiB tell the language as well as the whole paste
const MIN_SCORE = 2;
const NON_ASCII = /[^\x00-\x7f]/;

// Words spelt with non-ASCII letters are distinctive enough to count inside a longer token
// ("BağlanmaConnectionError"); plain ASCII words must stand alone.
const WORD_PATTERNS = LANGUAGE_WORDS.map(({ lang, words }) => {
  const ascii = words.filter((w) => /^[\x00-\x7f]*$/.test(w));
  const accented = words.filter((w) => !/^[\x00-\x7f]*$/.test(w));
  const alternatives = [`(?:${ascii.join('|')})(?![\\p{L}])`, ...(accented.length ? [`(?:${accented.join('|')})`] : [])];
  return { lang, ascii, pattern: new RegExp(`(?<![\\p{L}])(?:${alternatives.join('|')})`, 'giu') };
});

/** ISO 639-1 code of a non-English message, or undefined for English or unknown. */
export function detectLanguage(text: string): string | undefined {
  const sample = text.slice(0, SAMPLE);
  for (const { lang, pattern } of SCRIPT_LANGUAGES) if (pattern.test(sample)) return lang;
  const folded = sample.toLowerCase();
  let best: string | undefined;
  let bestScore = MIN_SCORE - 1;
  // In ASCII text only an ASCII word can match, and only where it occurs: most pastes skip the
  // Unicode-aware patterns (and their compilation, a good part of the CLI's start) altogether.
  const asciiText = !NON_ASCII.test(folded);
  for (const { lang, ascii, pattern } of WORD_PATTERNS) {
    if (asciiText && !ascii.some((w) => folded.includes(w))) continue;
    const distinct = new Set<string>();
    for (const m of folded.matchAll(pattern)) distinct.add(m[0]);
    // A word spelt with letters English lacks ("bağlanma", "échec") counts double.
    let score = distinct.size;
    for (const word of distinct) if (/[^\x00-\x7f]/.test(word)) score++;
    if (score > bestScore) {
      best = lang;
      bestScore = score;
    }
  }
  return best;
}
