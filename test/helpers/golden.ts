/**
 * Golden files: a rendering is compared with a file under a test's __golden__/ folder. A test run
 * never writes there. A missing or different golden fails the test and leaves the rendering in
 * <tmp>/sqltriage-golden-<checkout>/ (same relative path; one folder per checkout, so worktrees
 * tested side by side never mix their renderings), to diff and copy over by hand once reviewed.
 * The failure message names the folder.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../src/kb/paths';

const checkout = createHash('sha1').update(projectRoot()).digest('hex').slice(0, 10);
export const GOLDEN_OUT = path.join(os.tmpdir(), `sqltriage-golden-${checkout}`);

export function expectGoldenFile(file: string, actual: string): void {
  const expected = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (expected === actual) return;
  // Always under GOLDEN_OUT: a golden outside the project must not make "../" climb back to the golden itself.
  const rel = path.relative(projectRoot(), file).split(path.sep).filter((part) => part !== '..' && part !== '').join(path.sep);
  const out = path.join(GOLDEN_OUT, rel);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, actual);
  if (expected === undefined) throw new Error(`golden file ${file} is missing; the rendering is in ${out}: review it and copy it there`);
  // The diff jest prints, under the path of the new rendering to copy once reviewed.
  expect({ newRenderingIn: out, text: actual }).toEqual({ newRenderingIn: out, text: expected });
}
