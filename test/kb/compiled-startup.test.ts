/**
 * Start-up work is done by `npm run build`: the knowledge base's derived data is read from dist/,
 * and a `classify` run never loads the YAML parser (the phrase automaton: test/kb/phrase-index).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compiledSqlcheckTablesPath, readSqlcheckTablesYaml } from '../../src/kb/sqlcheck-tables';
import { projectRoot } from '../../src/kb/paths';

test('the SQLCHECK tables compiled into dist/ are the YAML exactly', () => {
  expect(JSON.parse(fs.readFileSync(compiledSqlcheckTablesPath(), 'utf8'))).toEqual(readSqlcheckTablesYaml());
});

test('the CLI classifies a paste without loading the YAML parser or natural\'s classifiers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-startup-'));
  const paste = path.join(dir, 'paste.txt');
  fs.writeFileSync(paste, "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)\n");
  // Reports every module the process loads, after it exits.
  const probe = path.join(dir, 'probe.js');
  fs.writeFileSync(probe, "process.on('exit', () => process.stderr.write('\\nLOADED ' + JSON.stringify(Object.keys(require.cache))));\n");
  const run = spawnSync(process.execPath, ['-r', probe, path.join(projectRoot(), 'bin', 'sqltriage.js'), 'classify', '--json', paste], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).symptoms[0].id).toBe('login-failed');
  const loaded = JSON.parse(run.stderr.split('LOADED ')[1]) as string[];
  expect(loaded.some((f) => f.includes(`${path.sep}dist${path.sep}src${path.sep}kb${path.sep}load.js`))).toBe(true);
  expect(loaded.filter((f) => /node_modules[\\/]yaml[\\/]/.test(f))).toEqual([]);
  expect(loaded.filter((f) => /bayes|classifiers/.test(f))).toEqual([]);
});
