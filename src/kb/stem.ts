/**
 * natural's Porter stemming with a memo: the same words recur in every paste ("connection",
 * "server", "login"), and stemming each one again was most of the text model's time. Tokenising,
 * stop words and stems are natural's own (submodules: the package index loads everything and
 * prints); only the order of work changes, so the tokens are exactly natural's tokenizeAndStem.
 */
import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import AggressiveTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer');
import stopwords = require('natural/lib/natural/util/stopwords');

/** Bound on remembered stems: a hostile paste of unique words cannot grow memory without limit. */
export const STEM_MEMO_MAX = 20_000;

const memo = new Map<string, string>();
const tokenizer = new AggressiveTokenizer();
const stopSet = new Set(stopwords.words);

/** PorterStemmer.stem(word), remembered. */
export function stem(word: string): string {
  let s = memo.get(word);
  if (s === undefined) {
    s = PorterStemmer.stem(word);
    // Full: forget the oldest entry (a Map iterates in insertion order).
    if (memo.size >= STEM_MEMO_MAX) memo.delete(memo.keys().next().value as string);
    memo.set(word, s);
  }
  return s;
}

export const stemMemoSize = (): number => memo.size;

/**
 * The stems of `text`'s words with stop words dropped, in order, as PorterStemmer.tokenizeAndStem
 * gives them, fed one at a time to `take`, which returns false to stop early.
 */
export function eachStem(text: string, take: (stem: string) => boolean): void {
  for (const token of tokenizer.tokenize(text.toLowerCase())) {
    if (stopSet.has(token)) continue;
    if (!take(stem(token))) return;
  }
}
