import fc from 'fast-check';
import { PhraseIndex } from '../../src/kb/phrase-index';

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
