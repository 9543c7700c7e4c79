import * as fs from 'fs';
import * as path from 'path';

/** The repository (package) root: the nearest folder above this file holding package.json. Works from src/ and dist/src/. */
export function projectRoot(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'knowledge'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the sqltriage project root above ${from}`);
    dir = up;
  }
}

export const knowledgeDir = (): string => path.join(projectRoot(), 'knowledge');
export const compiledKnowledgePath = (): string => path.join(projectRoot(), 'dist', 'knowledge.json');
/** The shared material (seeds, corpus, SQLCHECK fixtures) laid beside the repository as ../shared. */
export const sharedDir = (): string => path.join(projectRoot(), '..', 'shared');
