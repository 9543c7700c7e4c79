/**
 * Porter stemming with a memo: the same words recur in every paste ("connection", "server",
 * "login"), and stemming each one again was most of the text model's time. Tokenising and stop
 * words are natural's (its aggressive tokenizer's word split; its stop-word list, carried in the
 * compiled model because natural is a build-time dependency only); the stems come from the
 * `stemmer` package, which gives natural's Porter stems on every word the model knows
 * (test/kb/text-tokens.test.ts).
 */
import { stemmer } from 'stemmer';

/** Bound on remembered stems: a hostile paste of unique made-up words cannot grow memory without limit. */
export const STEM_MEMO_MAX = 20_000;

const memo = new Map<string, string>();

/** natural's aggressive tokenizer: words are letters, digits, hyphens, apostrophes and slashes. */
const NON_WORD = /[^a-zA-Z0-9'\-/]+/;

/** The Porter stem of a lower-case word, remembered. */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = stemmer(word);
    // Full: forget the oldest entry (a Map iterates in insertion order).
    if (memo.size >= STEM_MEMO_MAX) memo.delete(memo.keys().next().value as string);
    memo.set(word, s);
  }
  return s;
}

export const stemMemoSize = (): number => memo.size;

/**
 * The stems of `text`'s words with stop words dropped, in order, as natural's tokenizeAndStem
 * gives them, fed one at a time to `take`, which returns false to stop early.
 */
export function eachStem(text: string, stopWords: ReadonlySet<string>, take: (stem: string) => boolean): void {
  for (const word of text.toLowerCase().split(NON_WORD)) {
    if (word === '' || stopWords.has(word)) continue;
    if (!take(stem(word))) return;
  }
}
