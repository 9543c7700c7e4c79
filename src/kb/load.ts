/** Loads the compiled knowledge base (dist/knowledge.json) once per process. */
import * as fs from 'fs';
import { COMPILED_FORMAT, CompiledFile, indexKnowledge, Knowledge } from './compiled';
import { compiledKnowledgePath } from './paths';

export type { Knowledge } from './compiled';

let cached: Knowledge | undefined;

export function loadKnowledge(file: string = compiledKnowledgePath()): Knowledge {
  if (cached && file === compiledKnowledgePath()) return cached;
  let parsed: CompiledFile;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CompiledFile;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(
      code === 'ENOENT'
        ? `compiled knowledge base not found at ${file}: run \`npm run build\``
        : `compiled knowledge base at ${file} is unreadable (${(err as Error).message}): run \`npm run build\``,
    );
  }
  if (parsed.format !== COMPILED_FORMAT) throw new Error(`compiled knowledge base at ${file} has format ${parsed.format}, expected ${COMPILED_FORMAT}: run \`npm run build\``);
  const kb = indexKnowledge(parsed);
  if (file === compiledKnowledgePath()) cached = kb;
  return kb;
}
