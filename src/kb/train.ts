/** Build-time training of the text classifier with natural's BayesClassifier (natural is a dev dependency). */
import BayesClassifier = require('natural/lib/natural/classifiers/bayes_classifier');
import naturalStopWords = require('natural/lib/natural/util/stopwords');
import type { KnowledgeBase } from './types';
import type { TextModel } from './text-model';
import { textTokens } from './text-model';

interface ApparatusBayes {
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
}
interface NaturalBayes {
  addDocument(tokens: string[], label: string): void;
  train(): void;
  features: Record<string, number>;
  classifier: ApparatusBayes;
}

export function trainTextModel(kb: KnowledgeBase): TextModel {
  const Ctor = BayesClassifier as unknown as new () => NaturalBayes;
  const nb = new Ctor();
  const stopWords = [...naturalStopWords.words];
  const stops = new Set(stopWords);
  for (const family of kb.families) {
    for (const example of family.examples) {
      const tokens = textTokens(example, stops);
      if (tokens.length > 0) nb.addDocument(tokens, family.id);
    }
  }
  nb.train();
  const vocab = Object.keys(nb.features);
  const inner = nb.classifier;
  const labels = Object.keys(inner.classTotals);
  const logPrior = labels.map((l) => Math.log(inner.classTotals[l] / inner.totalExamples));
  const logLik = labels.map((l) =>
    vocab.map((_, i) => {
      const count = inner.classFeatures[l][i] ?? inner.smoothing;
      return Math.round(Math.log(count / inner.classTotals[l]) * 1e4) / 1e4;
    }),
  );
  return { labels, vocab, logPrior, logLik, stopWords };
}
