/** Artifact samples in the exact formats the tools print (test/fixtures/artifacts). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ARTIFACT_DIR = resolve(__dirname, '../../fixtures/artifacts');

export function sample(name: string): string {
  return readFileSync(join(ARTIFACT_DIR, name), 'utf8');
}
