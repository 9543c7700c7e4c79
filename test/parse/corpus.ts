/** The labelled real-world pastes in /work/shared/corpus, read once per test file. */
import { readFileSync } from 'node:fs';

export interface CorpusItem {
  id: string;
  text: string;
  family: string;
  driver: string | null;
  phase: string | null;
}

export const CORPUS_PATH = '/work/shared/corpus/errors-dev.jsonl';

export function loadCorpus(): CorpusItem[] {
  return readFileSync(CORPUS_PATH, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusItem);
}

export function corpusItem(items: CorpusItem[], id: string): CorpusItem {
  const item = items.find((i) => i.id === id);
  if (!item) throw new Error(`corpus item ${id} missing`);
  return item;
}
