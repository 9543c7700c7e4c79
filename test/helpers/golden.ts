/**
 * Golden files: a rendering is compared with a file under a test's __golden__/ folder. A test run
 * never writes there. A missing or different golden fails the test and leaves the rendering in
 * <tmp>/sqltriage-golden/ (same relative path), to diff and copy over by hand once reviewed:
 *   diff -r "$(node -p "require('os').tmpdir()")/sqltriage-golden/test" test
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../src/kb/paths';

export const GOLDEN_OUT = path.join(os.tmpdir(), 'sqltriage-golden');

export function expectGoldenFile(file: string, actual: string): void {
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (expected === actual) return;
  // Always under GOLDEN_OUT: a golden outside the project must not make "../" climb back to the golden itself.
  const rel = path.relative(projectRoot(), file).split(path.sep).filter((part) => part !== '..' && part !== '').join(path.sep);
  const out = path.join(GOLDEN_OUT, rel);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, actual);
  if (expected === undefined) throw new Error(`golden file ${file} is missing; the rendering is in ${out}: review it and copy it there`);
  expect(actual).toBe(expected);
}
