/**
 * knowledge/sqlcheck-tables.yaml (the SQLCHECK lore src/classify/sqlcheck reads) as data: `npm run
 * build` compiles it to dist/sqlcheck-tables.json so a process reads JSON, not YAML.
 */
import * as fs from 'fs';
import * as path from 'path';
import { knowledgeDir, projectRoot } from './paths';

export const sqlcheckTablesYamlPath = (): string => path.join(knowledgeDir(), 'sqlcheck-tables.yaml');
export const compiledSqlcheckTablesPath = (): string => path.join(projectRoot(), 'dist', 'sqlcheck-tables.json');

/** The tables parsed from the YAML (the build, and any run before one): only then is the YAML parser loaded. */
export function readSqlcheckTablesYaml(): unknown {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  return parse(fs.readFileSync(sqlcheckTablesYamlPath(), 'utf8'));
}

/** The compiled tables when built, else the YAML. */
export function loadSqlcheckTables(): unknown {
  const compiled = compiledSqlcheckTablesPath();
  return fs.existsSync(compiled) ? JSON.parse(fs.readFileSync(compiled, 'utf8')) : readSqlcheckTablesYaml();
}
