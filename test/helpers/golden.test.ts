/** The golden helper itself: a test run never writes a golden file, and a missing one fails. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expectGoldenFile, GOLDEN_OUT } from './golden';

it('fails on a missing golden file, creates nothing in its place, and leaves the rendering to review', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-golden-test-'));
  const file = path.join(dir, '__golden__', 'absent.json');
  try {
    expect(() => expectGoldenFile(file, '{"rendered":true}\n')).toThrow(/golden file .*absent\.json is missing; the rendering is in .*: review it and copy it there/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(path.dirname(file))).toBe(false);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  expect(GOLDEN_OUT.startsWith(os.tmpdir())).toBe(true);
});

it('fails on a golden file that differs, and leaves it as it was', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-golden-test-'));
  const file = path.join(dir, 'differs.txt');
  fs.writeFileSync(file, 'reviewed\n');
  try {
    expect(() => expectGoldenFile(file, 'changed\n')).toThrow();
    expect(fs.readFileSync(file, 'utf8')).toBe('reviewed\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
