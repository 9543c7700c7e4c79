/**
 * `prepare` in a production install (`npm ci --omit=dev`): no TypeScript compiler, so it must not
 * build (and must not fail), and it says whether the prebuilt dist/ is there. The script is run from
 * a copy in a temp folder with no node_modules, as in the runtime stage.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const script = path.resolve(__dirname, '../../scripts/prepare.js');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-prepare-'));
  mkdirSync(path.join(dir, 'scripts'));
  copyFileSync(script, path.join(dir, 'scripts', 'prepare.js'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = () => spawnSync(process.execPath, [path.join(dir, 'scripts', 'prepare.js')], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });

test('without TypeScript it uses the prebuilt dist/ and exits 0', () => {
  mkdirSync(path.join(dir, 'dist', 'src', 'bot'), { recursive: true });
  writeFileSync(path.join(dir, 'dist', 'src', 'bot', 'main.js'), '');
  const r = run();
  expect(r.status).toBe(0);
  expect(r.stderr).toBe('sqltriage: TypeScript is not installed (production install); using the prebuilt dist/\n');
});

test('without TypeScript and without dist/ it says how to build, and still does not fail the install', () => {
  const r = run();
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/dist\/ is missing: build with `npm ci && npm run build` first/);
});
