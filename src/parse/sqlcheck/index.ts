/**
 * SQLCHECK report parser: pure, tolerant, never throws. `parseSqlcheck` reads one report (or any
 * fragment of one); `parseSqlcheckReports` reads a paste that holds several (client and server).
 */
import { computerFacts, cipherFacts, domainFacts, instanceFacts, networkFacts, nicFacts, securityFacts, tlsFacts } from './facts';
import { normalise } from './normalise';
import * as rows from './rows';
import type { SqlcheckReport, Table } from './types';
import { Block, walk } from './walker';

export type * from './types';

const STRONG_MARKERS = [
  'SQL Server Connectivity Check v',
  ' Start of Report ---',
  ' Client Security and Driver Information ---',
  'Details for SQL Server Instance:',
  'Cipher Suite Protocol Order:',
  'Cipher Suite Protcol Order:',
  'SQL Client Driver SNI Settings:',
  'Certificates in the Local Computer MY Store:',
  'Diffie-Hellman algorithm version:',
  'Processes that have SQL Server (and some other) Drivers Loaded:',
];
const WEAK_MARKERS = [
  'Services of Interest:',
  'SQL Aliases:',
  'Security Settings:',
  'Suggested SPN',
  'ForceEncryption:',
  'TCP Port(s):',
  'Dynamic TCP Port(s):',
  'Min Ephemeral Port:',
  'NETBIOS Name:',
  'Effective Value',
  'Client/Server',
  'SPN Account:',
  'Lanman Compatibility Level:',
  'Domain Service Account Properties:',
  'SQL Server Instances:',
  'Alias Name',
];

/** Cheap test: does this text hold a SQLCHECK report or a recognisable piece of one? */
export function looksLikeSqlcheck(text: string): boolean {
  if (typeof text !== 'string' || text.length === 0) return false;
  let sample = text.length > 262144 ? text.slice(0, 262144) : text;
  if (sample.includes('&nbsp;') || sample.includes('\u00a0')) sample = sample.replace(/&nbsp;|\u00a0/g, ' ');
  if (STRONG_MARKERS.some((m) => sample.includes(m))) return true;
  return WEAK_MARKERS.filter((m) => sample.includes(m)).length >= 2;
}

function inferVersion(tables: Table[], blocks: Block[]): string | undefined {
  const cols = (first: string) => tables.find((t) => t.columns[0] === first)?.columns ?? [];
  if (cols('Client/Server').includes('Setting')) return '1.0.0.x';
  if (blocks.some((b) => b.items.some((i) => i.raw.startsWith('Note: UPN account names')))) return '>=1.0.1482';
  const driverCols = cols('Name');
  if (driverCols.includes('CLSID')) return '>=1.0.1409';
  if (driverCols.includes('GUID')) return '<1.0.1409';
  return undefined;
}

export function parseSqlcheck(text: string): SqlcheckReport {
  const norm = normalise(typeof text === 'string' ? text : '');
  const w = walk(norm.lines);
  const byKind = (kind: Block['kind']) => w.blocks.find((b) => b.kind === kind);
  const table = (kind: Block['kind']) => byKind(kind)?.tables[0];
  const tables = w.blocks.flatMap((b) => b.tables);
  const header = byKind('header')?.items.find((i) => i.raw.startsWith('SQL Server Connectivity Check v'));
  const head = header ? /Check v(\d+(?:\.\d+){3})(?:, run on (.*))?$/.exec(header.raw) : null;
  const runOn = head?.[2];
  const tzAt = runOn ? runOn.indexOf(' (UTC') : -1;
  const version = head?.[1] ?? inferVersion(tables, w.blocks);
  const sections = w.banners.map((b) => b.raw);
  const aliasesBlock = byKind('aliases');
  const instancesBlock = byKind('instances');
  return {
    version,
    versionSource: head?.[1] ? 'header' : version ? 'inferred' : undefined,
    runOn: tzAt > 0 ? runOn!.slice(0, tzAt) : runOn,
    timezone: tzAt > 0 ? runOn!.slice(tzAt + 1) : undefined,
    sections,
    complete: sections.includes('Start of Report') && sections.includes('End of Report'),
    computer: computerFacts(byKind('computer')),
    domain: domainFacts(byKind('domain')),
    disks: rows.disks(table('disks')),
    network: networkFacts(byKind('network'), byKind('hosts'), byKind('ips'), byKind('filters')),
    nics: w.blocks.filter((b) => b.kind === 'nic').map(nicFacts),
    security: securityFacts(byKind('security')),
    tls: tlsFacts(byKind('tls')),
    ciphers: cipherFacts(byKind('ciphers')),
    drivers: rows.drivers(table('drivers')),
    processes: rows.processes(table('processes')),
    aliases: aliasesBlock ? rows.aliases(aliasesBlock.tables[0]) : undefined,
    sni: rows.sni(table('sni')),
    certificates: rows.certificates(table('certificates')),
    certificatePermissions: rows.certPermissions(table('certPermissions')),
    services: rows.services(table('services')),
    accounts: rows.accounts(table('accounts')),
    spns: rows.spns(table('spns')),
    instanceList: instancesBlock ? rows.instanceList(instancesBlock.tables[0]) : undefined,
    instances: w.blocks.filter((b) => b.kind === 'instance').map(instanceFacts),
    messages: w.messages,
    tables,
    unparsed: w.unparsed,
    annotations: norm.annotations,
    redactions: norm.redactions,
    truncated: norm.truncated,
  };
}

/** Splits a paste holding several reports at each start banner; text before the first stays with it. */
export function splitSqlcheckReports(text: string): string[] {
  if (typeof text !== 'string') return [];
  const lines = text.split('\n');
  const starts: number[] = [];
  lines.forEach((l, i) => {
    if (l.includes(' Start of Report ') && l.trimStart().startsWith('----------')) starts.push(i);
  });
  if (starts.length < 2) return [text];
  return starts.map((s, k) => lines.slice(k === 0 ? 0 : s, starts[k + 1] ?? lines.length).join('\n'));
}

export function parseSqlcheckReports(text: string): SqlcheckReport[] {
  return splitSqlcheckReports(text).map(parseSqlcheck);
}
