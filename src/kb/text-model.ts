/**
 * The text classifier: natural's Bayes classifier, trained at build time on the knowledge base's
 * example texts and exported as a compact table of log-likelihoods. Scoring reads that table
 * directly (log space, so long pastes cannot underflow, and a hash lookup per token instead of
 * natural's scan over the whole vocabulary).
 *
 * Tokens are made the way natural's PorterStemmer.tokenizeAndStem makes them (its word split, its
 * stop words, the Porter stemmer) but without natural at run time: natural is a build-time
 * dependency (it brings database drivers), the stop words travel in the compiled model, and the
 * stems come from the `stemmer` package through a memo (stem.ts; test/kb/text-tokens.test.ts
 * checks the model sees what natural gave).
 */
import { eachStem } from './stem';

export interface TextModel {
  labels: string[];
  vocab: string[];
  logPrior: number[];
  /** logLik[label][token index] */
  logLik: number[][];
  /** Words dropped before stemming (natural's stop-word list, taken at build time). */
  stopWords: string[];
}

/** Stemmed tokens (stop words dropped), de-duplicated, as natural's tokenizeAndStem would give them. */
export function textTokens(text: string, stopWords: ReadonlySet<string>, maxTokens = 400): string[] {
  const seen = new Set<string>();
  eachStem(text, stopWords, (t) => {
    if (t.length >= 2 && t.length <= 40) seen.add(t);
    return seen.size < maxTokens;
  });
  return [...seen];
}

export interface LoadedTextModel {
  labels: string[];
  /** Per label, the log posterior (unnormalised) for the text, and how many tokens were known. */
  score(text: string): { logPost: number[]; known: number };
}

export function loadTextModel(model: TextModel): LoadedTextModel {
  const index = new Map<string, number>();
  model.vocab.forEach((t, i) => index.set(t, i));
  const stopWords = new Set(model.stopWords);
  return {
    labels: model.labels,
    score(text: string) {
      const logPost = model.logPrior.slice();
      let known = 0;
      for (const token of textTokens(text, stopWords)) {
        const i = index.get(token);
        if (i === undefined) continue;
        known++;
        for (let c = 0; c < logPost.length; c++) logPost[c] += model.logLik[c][i];
      }
      return { logPost, known };
    },
  };
}
