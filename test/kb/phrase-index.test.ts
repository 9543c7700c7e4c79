import fc from 'fast-check';
import { compilePhrases, PhraseIndex } from '../../src/kb/phrase-index';
import { knowledgePhrases } from '../../src/kb/compiled';
import { loadKnowledge } from '../../src/kb/load';
import { parsePaste } from '../../src/parse';
import { readCorpus } from '../../bench/corpus';

test('finds every phrase that occurs, overlapping and nested ones included, and nothing else', () => {
  const idx = new PhraseIndex(['forcibly closed', 'closed', 'pre-login handshake', 'login', 'ssl provider', '连接', 'échec']);
  const found = idx.find('an error occurred during the pre-login handshake. (provider: ssl provider) forcibly closed 远程主机强迫关闭了一个现有的连接 échec');
  expect([...found].sort()).toEqual(['closed', 'forcibly closed', 'login', 'pre-login handshake', 'ssl provider', '连接', 'échec'].sort());
});

test('agrees with a plain substring search on random texts and phrases (ASCII and not)', () => {
  const alphabet = fc.constantFrom('a', 'b', 'c', ' ', 'é', '连');
  const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((a) => a.join(''));
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')), (phrases, text) => {
      const expected = new Set(phrases.filter((p) => text.includes(p)));
      expect(new PhraseIndex(phrases).find(text)).toEqual(expected);
    }),
    { numRuns: 300 },
  );
});

test('the automaton compiled at build time finds what one built from the phrases finds', () => {
  const kb = loadKnowledge();
  const fresh = new PhraseIndex(knowledgePhrases(kb.kb));
  expect(kb.phrases.phrases).toEqual(fresh.phrases);
  for (const { text } of readCorpus()) {
    const folded = parsePaste(text).normalized;
    expect(kb.phrases.find(folded)).toEqual(fresh.find(folded));
    expect(kb.phrases.find(folded)).toEqual(new Set(fresh.phrases.filter((p) => folded.includes(p))));
  }
});

test('a stored automaton round-trips: compiled, written as JSON, read back, same answers', () => {
  const phrases = ['forcibly closed', 'closed', 'login', '连接', 'échec'];
  const stored = new PhraseIndex(JSON.parse(JSON.stringify(compilePhrases(phrases))));
  const text = 'login forcibly closed 连接 échec ... closed';
  expect(stored.find(text)).toEqual(new PhraseIndex(phrases).find(text));
  expect(stored.find(text).size).toBe(5);
});
