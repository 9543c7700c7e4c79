/** The labelled dev corpus in ../shared/corpus (beside the repository). */
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../src/kb/paths';

export interface CorpusItem {
  id: string;
  text: string;
  family: string;
  secondary: string | null;
  driver: string | null;
  phase: string | null;
}

export function corpusPath(): string {
  return process.env.SQLTRIAGE_CORPUS ?? path.join(projectRoot(), '..', 'shared', 'corpus', 'errors-dev.jsonl');
}

export function readCorpus(file = corpusPath()): CorpusItem[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusItem);
}
