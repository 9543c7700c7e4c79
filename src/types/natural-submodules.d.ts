// natural's package types cover only its index, which loads every storage backend (slow, noisy).
// We import the submodules we use directly (build time and tests only: natural is a dev dependency); these are their shapes.
declare module 'natural/lib/natural/stemmers/porter_stemmer' {
  const PorterStemmer: { stem(token: string): string; tokenizeAndStem(text: string, keepStops?: boolean): string[] };
  export = PorterStemmer;
}
declare module 'natural/lib/natural/classifiers/bayes_classifier' {
  class BayesClassifier {
    constructor(stemmer?: unknown, smoothing?: number);
    addDocument(text: string | string[], label: string): void;
    train(): void;
    classify(text: string | string[]): string;
  }
  export = BayesClassifier;
}
declare module 'natural/lib/natural/tokenizers/aggressive_tokenizer' {
  class AggressiveTokenizer {
    tokenize(text: string): string[];
  }
  export = AggressiveTokenizer;
}
declare module 'natural/lib/natural/util/stopwords' {
  export const words: string[];
}
