/**
 * The text classifier: natural's Bayes classifier, trained at build time on the knowledge base's
 * example texts and exported as a compact table of log-likelihoods. Scoring reads that table
 * directly (log space, so long pastes cannot underflow, and a hash lookup per token instead of
 * natural's scan over the whole vocabulary).
 */
import { eachStem } from './stem';

export interface TextModel {
  labels: string[];
  vocab: string[];
  logPrior: number[];
  /** logLik[label][token index] */
  logLik: number[][];
}

/** Tokens as natural's Porter stemmer produces them (stop words dropped), de-duplicated. */
export function textTokens(text: string, maxTokens = 400): string[] {
  const seen = new Set<string>();
  eachStem(text, (t) => {
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
  return {
    labels: model.labels,
    score(text: string) {
      const logPost = model.logPrior.slice();
      let known = 0;
      for (const token of textTokens(text)) {
        const i = index.get(token);
        if (i === undefined) continue;
        known++;
        for (let c = 0; c < logPost.length; c++) logPost[c] += model.logLik[c][i];
      }
      return { logPost, known };
    },
  };
}
