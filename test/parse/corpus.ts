/** The labelled real-world pastes in ../shared/corpus (beside the repository), read once per test file. */
import * as path from 'path';
import { readFileSync } from 'node:fs';
import { sharedDir } from '../../src/kb/paths';

export interface CorpusItem {
  id: string;
  text: string;
  family: string;
  driver: string | null;
  phase: string | null;
}

export const CORPUS_PATH = path.join(sharedDir(), 'corpus', 'errors-dev.jsonl');

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
