/**
 * `npm run build` step: validate knowledge/, train the text classifier, compile the phrase automaton,
 * write dist/knowledge.json (so a process starts by reading it, not by deriving it).
 * A bad file fails the build with the file, the JSON path and the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readKnowledge, formatProblem } from './read';
import { trainTextModel } from './train';
import { COMPILED_FORMAT, CompiledFile, compileKnowledgePhrases } from './compiled';
import { compiledKnowledgePath, knowledgeDir } from './paths';
import { compiledSqlcheckTablesPath, readSqlcheckTablesYaml } from './sqlcheck-tables';

export function buildKnowledge(dir: string = knowledgeDir()): CompiledFile {
  const { kb, problems } = readKnowledge(dir);
  if (problems.length > 0) {
    const err = new Error(`knowledge base is invalid:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    (err as Error & { problems: unknown }).problems = problems;
    throw err;
  }
  return { format: COMPILED_FORMAT, builtAt: new Date().toISOString(), kb, model: trainTextModel(kb), phrases: compileKnowledgePhrases(kb) };
}

if (require.main === module) {
  try {
    const compiled = buildKnowledge();
    const out = compiledKnowledgePath();
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(compiled));
    fs.writeFileSync(compiledSqlcheckTablesPath(), JSON.stringify(readSqlcheckTablesYaml()));
    const { kb } = compiled;
    process.stdout.write(
      `knowledge: ${kb.families.length} families, ${kb.causes.length} causes, ${kb.questions.length} questions, ` +
        `${kb.signals.length} signals, ${kb.sources.length} sources; text model ${compiled.model.vocab.length} tokens; ${compiled.phrases.phrases.length} phrases -> ${path.relative(process.cwd(), out)}\n`,
    );
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
}
