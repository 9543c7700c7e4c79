#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm run build` (run on `npm ci` through `prepare`).
'use strict';
try {
  require('../dist/src/cli/main.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli/main')) {
    process.stderr.write('sqltriage: not built yet; run `npm run build` first\n');
    process.exit(2);
  }
  throw err;
}
