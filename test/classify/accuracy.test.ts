import * as fs from 'fs';
import { evaluate, HOLDOUT } from '../../bench/eval';
import { corpusPath, readCorpus } from '../../bench/corpus';

// The dev corpus is real text people pasted; the holdout was written by the team and never used for tuning.
describe('classification accuracy (what `npm run eval` reports)', () => {
  test('dev corpus: the right family first for at least 95% of texts, and in the top three for nearly all', () => {
    expect(fs.existsSync(corpusPath())).toBe(true);
    const { classifier, baseline } = evaluate(readCorpus());
    expect(classifier.top1).toBeGreaterThanOrEqual(0.95);
    expect(classifier.top3).toBeGreaterThanOrEqual(0.98);
    expect(classifier.top1).toBeGreaterThan(baseline.top1);
  });

  test('holdout: texts the knowledge base was not tuned on are classified nearly as well', () => {
    const { classifier } = evaluate(readCorpus(HOLDOUT));
    expect(classifier.n).toBeGreaterThanOrEqual(40);
    // An "I could not place this" answer counts as wrong.
    expect(classifier.top1).toBeGreaterThanOrEqual(0.93);
  });
});
