/**
 * The classifier's tokens no longer come from natural at run time (natural is a build-time
 * dependency now); they must still be exactly what natural's tokenizeAndStem gave, or the text
 * model trained on them would score pastes differently.
 */
import fs from 'node:fs';
import path from 'node:path';
import PorterStemmer = require('natural/lib/natural/stemmers/porter_stemmer');
import naturalStopWords = require('natural/lib/natural/util/stopwords');
import { stemmer } from 'stemmer';
import { buildKnowledge } from '../../src/kb/build';
import { projectRoot, sharedDir } from '../../src/kb/paths';
import { textTokens } from '../../src/kb/text-model';

const STOPS = new Set(naturalStopWords.words);

/** What textTokens returned when it called natural directly. */
function naturalTokens(text: string): string[] {
  const seen = new Set<string>();
  for (const t of PorterStemmer.tokenizeAndStem(text)) {
    if (t.length < 2 || t.length > 40) continue;
    seen.add(t);
    if (seen.size >= 400) break;
  }
  return [...seen];
}

/** Every text the classifier learns from or is measured on here (holdout stories excepted). */
const compiled = buildKnowledge();

function corpusTexts(): string[] {
  const { kb } = compiled;
  const texts = kb.families.flatMap((f) => f.examples);
  const jsonl = (file: string, field: string) =>
    fs.existsSync(file)
      ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => String((JSON.parse(l) as Record<string, unknown>)[field] ?? ''))
      : [];
  texts.push(...jsonl(path.join(projectRoot(), 'bench', 'stories', 'tuning.jsonl'), 'paste'));
  texts.push(...jsonl(path.join(sharedDir(), 'corpus', 'errors-dev.jsonl'), 'text'));
  const seeds = path.join(sharedDir(), 'seeds');
  for (const f of fs.readdirSync(seeds)) texts.push(fs.readFileSync(path.join(seeds, f), 'utf8'));
  return texts;
}

test("the model sees the tokens natural's tokenizeAndStem gave, on every knowledge example, tuning story paste and seed article", () => {
  const texts = corpusTexts();
  expect(texts.length).toBeGreaterThan(300);
  const known = new Set(compiled.model.vocab);
  const seen = (tokens: string[]) => JSON.stringify(tokens.filter((t) => known.has(t)));
  const differing = texts.filter((t) => seen(textTokens(t, STOPS)) !== seen(naturalTokens(t)));
  expect(differing.map((t) => t.slice(0, 80))).toEqual([]);
});

// Over an English word list the two differ on 6 of 107,791 words, all by the consonant-y rule
// (myopic, dyadic, flyover, lyell, yyy); in this corpus only on 'yyy' (from "yyyy-mm-dd").
test('where the two Porter stemmers differ, neither stem is a word the model knows', () => {
  const known = new Set(compiled.model.vocab);
  const words = new Set(corpusTexts().flatMap((t) => t.toLowerCase().split(/[^a-z0-9'\-/]+/)));
  const differing = [...words].filter((w) => stemmer(w) !== PorterStemmer.stem(w));
  expect(differing.filter((w) => !w.includes('y'))).toEqual([]);
  expect(differing.filter((w) => known.has(stemmer(w)) || known.has(PorterStemmer.stem(w)))).toEqual([]);
});

test('odd input tokenizes like natural: hyphens, apostrophes, slashes, digits, case, stop words only', () => {
  const odd = ["Pre-Login handshake can't TCP/IP 10054 SQLState=08001 X-Forwarded 'quoted' --- /// the a an", 'connections CONNECTED connecting', 'the of and', ''];
  for (const text of odd) expect(textTokens(text, STOPS)).toEqual(naturalTokens(text));
  expect(textTokens('the of and', STOPS)).toEqual([]);
});

test('the compiled model carries the stop words the run time drops', () => {
  const { model } = compiled;
  expect(model.stopWords).toEqual(naturalStopWords.words);
  expect(model.vocab).not.toContain('the');
});
