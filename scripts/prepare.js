#!/usr/bin/env node
// `prepare` (run by npm ci / npm install): build when the TypeScript compiler is installed, as in a
// development checkout. A production install (`npm ci --omit=dev`) has no compiler: it runs the dist/
// built beforehand (the Dockerfile's build stage, or scripts/production-check.sh), so there is nothing to do.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

let compiler;
try {
  compiler = require.resolve('typescript');
} catch {
  const built = existsSync(path.join(__dirname, '..', 'dist', 'src', 'bot', 'main.js'));
  process.stderr.write(
    built
      ? 'sqltriage: TypeScript is not installed (production install); using the prebuilt dist/\n'
      : 'sqltriage: TypeScript is not installed and dist/ is missing: build with `npm ci && npm run build` first, then copy dist/ here\n',
  );
  process.exit(0);
}
const npm = process.env.npm_execpath;
const run = npm ? spawnSync(process.execPath, [npm, 'run', 'build'], { stdio: 'inherit' }) : spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (run.status !== 0) {
  process.stderr.write(`sqltriage: build failed (compiler ${compiler})\n`);
  process.exit(run.status ?? 1);
}
