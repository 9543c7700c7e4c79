import fc from 'fast-check';
import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import AggressiveTokenizer = require('natural/lib/natural/tokenizers/aggressive_tokenizer');
import naturalStopWords = require('natural/lib/natural/util/stopwords');
import { stemmer } from 'stemmer';
import { eachStem, stem, STEM_MEMO_MAX, stemMemoSize } from '../../src/kb/stem';
import { textTokens } from '../../src/kb/text-model';
import { readCorpus } from '../../bench/corpus';

const STOPS = new Set(naturalStopWords.words);

const stems = (text: string): string[] => {
  const out: string[] = [];
  eachStem(text, STOPS, (s) => out.push(s) > 0);
  return out;
};

/** The same work without the memo: natural's tokenizer and stop words, the stemmer package's stems. */
const plainStems = (text: string): string[] =>
  new AggressiveTokenizer().tokenize(text.toLowerCase()).filter((w) => !STOPS.has(w)).map((w) => stemmer(w));

test('the memoised stems are exactly the un-memoised ones on every corpus text', () => {
  for (const { text } of readCorpus()) expect(stems(text)).toEqual(plainStems(text));
});

test('the memoised stems agree with natural on random words, stop words and punctuation (seed 20261129)', () => {
  const seed = 20261129;
  const piece = fc.constantFrom('connection', 'Connections', 'the', 'and', "isn't", 'pre-login', 'TLS/SSL', '18456', 'a_b', 'réseau', '  ', '.', 'generally', 'happily', 'xyz');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join(' ')), (text) => {
      expect(stems(text)).toEqual(PorterStemmer.tokenizeAndStem(text));
      expect(stems(text)).toEqual(PorterStemmer.tokenizeAndStem(text)); // second time from the memo
    }),
    { seed, numRuns: 300 },
  );
});

test('text tokens stop at the limit and are those of the un-memoised path', () => {
  const text = readCorpus().map((c) => c.text).join('\n');
  const plain = [...new Set(plainStems(text).filter((t) => t.length >= 2 && t.length <= 40))];
  expect(textTokens(text, STOPS)).toEqual(plain.slice(0, 400));
  expect(textTokens(text, STOPS, 25)).toEqual(plain.slice(0, 25));
});

test('a paste of unique made-up words keeps the memo bounded', () => {
  for (let i = 0; i < STEM_MEMO_MAX + 5000; i++) stem(`zq${i.toString(36)}ing`);
  expect(stemMemoSize()).toBeLessThanOrEqual(STEM_MEMO_MAX);
  expect(stem('connections')).toBe(PorterStemmer.stem('connections'));
});
