/**
 * SQLCHECK lore from knowledge/sqlcheck-tables.yaml, once, on first use: as `npm run build` compiled
 * it into dist/sqlcheck-tables.json, or from the YAML itself before a build (src/kb/sqlcheck-tables).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadSqlcheckTables } from '../../kb/sqlcheck-tables';
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

export function tables(): SqlcheckTables {
  cached ??= loadSqlcheckTables() as SqlcheckTables;
  return cached;
}
