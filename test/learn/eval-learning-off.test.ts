/**
 * `npm run eval` measures the knowledge base alone: nothing it loads reads the case store or applies
 * local priors, so no deployment's closed cases can change its figures.
 */
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** Every project file bench/eval.ts loads, following relative imports. */
function reachable(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
      if (found) queue.push(found);
    }
  }
  return [...seen].map((f) => path.relative(ROOT, f));
}

test('the eval loads neither the case store nor the learning layer', () => {
  const files = reachable(path.join(ROOT, 'bench', 'eval.ts'));
  expect(files.length).toBeGreaterThan(10);
  expect(files.filter((f) => f.startsWith(path.join('src', 'store')) || f.startsWith(path.join('src', 'learn')))).toEqual([]);
});

