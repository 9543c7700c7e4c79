/**
 * SQLCHECK lore from knowledge/sqlcheck-tables.yaml, once, on first use: as `npm run build` compiled
 * it into dist/sqlcheck-tables.json, or from the YAML itself before a build (the YAML parser is then
 * loaded, and only then). The knowledge folder is found by walking up from this file, so it works
 * from src/ under jest and from dist/src/ when built.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FindingSeverity } from './types';

export interface FindingDef {
  severity: Record<string, FindingSeverity> & { default: FindingSeverity };
  summary: string;
}

export interface KnownMessage {
  contains: string;
  finding: string | null;
  why?: string;
}

export interface SqlcheckTables {
  findings: Record<string, FindingDef>;
  comparison: Record<string, FindingDef>;
  weakSignatureAlgorithms: string[];
  deprecatedSignatureAlgorithms: string[];
  dhePrefixes: string[];
  curveSuffixes: string[];
  driverDlls: Record<string, string[]>;
  encryptByDefaultDlls: string[];
  encryptByDefaultDrivers: string[];
  serverProcesses: string[];
  engineServices: string[];
  browserService: string;
  ephemeralSmallBelow: number;
  sqlFixedPorts: number[];
  tcpTimedWaitDelay: { min: number; max: number };
  tcpMaxDataRetransmissionsBelow: number;
  localNames: string[];
  knownMessages: KnownMessage[];
}

export function knowledgeDir(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'knowledge', 'sqlcheck-tables.yaml'))) return join(dir, 'knowledge');
    const up = dirname(dir);
    if (up === dir) throw new Error(`knowledge/sqlcheck-tables.yaml not found above ${from}`);
    dir = up;
  }
}

let cached: SqlcheckTables | undefined;

/** Where `npm run build` writes the tables as JSON. */
export const compiledTablesPath = (): string => join(dirname(knowledgeDir()), 'dist', 'sqlcheck-tables.json');

/** The tables parsed from the YAML (the build, and any run before one). */
export function readTablesYaml(): SqlcheckTables {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  return parse(readFileSync(join(knowledgeDir(), 'sqlcheck-tables.yaml'), 'utf8')) as SqlcheckTables;
}

export function tables(): SqlcheckTables {
  if (cached) return cached;
  const compiled = compiledTablesPath();
  cached = existsSync(compiled) ? (JSON.parse(readFileSync(compiled, 'utf8')) as SqlcheckTables) : readTablesYaml();
  return cached;
}
