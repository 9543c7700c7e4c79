/**
 * `sqltriage sqlcheck FILE [FILE2] [--json]`: facts and findings of one or two SQLCHECK reports,
 * and the client/server comparison when there are two (two files, or one file holding both).
 */
import { readFile } from 'node:fs/promises';
import { looksLikeSqlcheck, parseSqlcheckReports } from '../../parse/sqlcheck';
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import { compareReports, factsSummary, isEvidenceFinding, reportRole, sqlcheckFindings } from '../../classify/sqlcheck';
import type { ComparisonItem, SqlcheckFinding } from '../../classify/sqlcheck/types';
import { parseArgs } from '../args';
import { CliIO, Command, UsageError } from '../io';
import { statInputFile } from '../read-input';

const MAX_FILE_BYTES = 8 * 1024 * 1024;
const USAGE = `usage: sqltriage sqlcheck FILE [FILE2] [--json]

Reads one or two SQLCHECK reports (client and server, as two files or one file holding both):
facts, findings, and what only shows when the two are compared.
  --json        the reports, findings and comparison as JSON
  -h, --help    this help
`;

/** SQLCHECK writes UTF-8, but a PowerShell redirect (`> file`) writes UTF-16. */
function decode(buf: Buffer, name: string): string {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  let oddNuls = 0;
  let nuls = 0;
  const sample = Math.min(buf.length, 65536);
  for (let i = 0; i < sample; i++) {
    if (buf[i] !== 0) continue;
    nuls++;
    if (i % 2 === 1) oddNuls++;
  }
  if (sample > 0 && oddNuls > sample * 0.4) return buf.toString('utf16le');
  if (nuls > 0) throw new UsageError(`${name} looks like a binary file, not a SQLCHECK report`);
  return buf.toString('utf8');
}

async function readReportFile(file: string, io: CliIO): Promise<string> {
  const { path, size } = await statInputFile(file, io);
  if (size > MAX_FILE_BYTES) throw new UsageError(`${file} is ${Math.round(size / 1048576)} MB; a SQLCHECK report is well under ${MAX_FILE_BYTES / 1048576} MB`);
  const text = decode(await readFile(path), file);
  if (text.trim() === '') throw new UsageError(`${file} is empty`);
  if (!looksLikeSqlcheck(text)) throw new UsageError(`${file} does not look like a SQLCHECK report`);
  return text;
}

interface Analysed {
  report: SqlcheckReport;
  findings: SqlcheckFinding[];
}

function toJson(items: Analysed[], comparison: ComparisonItem[]): unknown {
  return {
    reports: items.map(({ report }) => ({
      version: report.version ?? null,
      computer: report.computer.netbios ?? report.computer.fqdn ?? null,
      role: reportRole(report),
      facts: factsSummary(report),
      unparsed: report.unparsed.length,
    })),
    findings: items.flatMap(({ report, findings }) =>
      findings.map((f) => ({ id: f.id, severity: f.severity, summary: f.summary, evidence: f.evidence, computer: report.computer.netbios ?? null })),
    ),
    comparison,
  };
}

function findingLines(f: SqlcheckFinding): string[] {
  return [`  [${f.severity}] ${f.id}: ${f.summary}`, ...f.evidence.slice(0, 6).map((e) => `      > ${e.trim()}`)];
}

function toText(items: Analysed[], comparison: ComparisonItem[]): string {
  const out: string[] = [];
  for (const { report, findings } of items) {
    const c = report.computer;
    const inst = report.instances.map((i) => `${i.name ?? '?'} (tcp ${[...i.tcpPorts, ...i.dynamicPorts.map((p) => `${p} dynamic`)].join(', ') || 'none'})`);
    out.push(`SQLCHECK ${report.version ?? 'version unknown'} from ${c.netbios ?? c.fqdn ?? 'unknown computer'} (${reportRole(report)})`);
    if (c.os) out.push(`  OS: ${c.os}${c.osVersion ? ` ${c.osVersion}` : ''}`);
    if (inst.length > 0) out.push(`  Instances: ${inst.join('; ')}`);
    if (!report.complete) out.push('  Note: partial report (start or end banner missing).');
    if (report.unparsed.length > 0) out.push(`  Lines not understood: ${report.unparsed.length}`);
    const causes = findings.filter(isEvidenceFinding);
    const context = findings.filter((f) => !isEvidenceFinding(f));
    out.push(causes.length > 0 ? 'Findings:' : 'Findings: none that explain a failure.');
    for (const f of causes) out.push(...findingLines(f));
    if (context.length > 0) {
      out.push('Context (not causes):');
      for (const f of context) out.push(`  ${f.id}: ${f.summary}`);
    }
    out.push('');
  }
  if (comparison.length > 0) {
    out.push(`Comparison (client ${comparison[0].client}, server ${comparison[0].server}):`);
    for (const f of comparison) out.push(...findingLines(f));
  } else if (items.length >= 2) {
    out.push('Comparison: nothing found that only shows with both reports.');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export const run: Command = async (args, io) => {
  const { values, positionals: files } = parseArgs(args, USAGE, { json: { type: 'boolean' } });
  const json = values.json === true;
  if (files.length === 0 || files.length > 2) throw new UsageError(USAGE.split('\n')[0]);
  const texts = await Promise.all(files.map((f) => readReportFile(f, io)));
  const reports = texts.flatMap(parseSqlcheckReports).slice(0, 2);
  const items = reports.map((report) => ({ report, findings: sqlcheckFindings(report) }));
  const comparison = reports.length === 2 ? compareReports(reports[0], reports[1]) : [];
  io.stdout.write(json ? `${JSON.stringify(toJson(items, comparison), null, 2)}\n` : toText(items, comparison));
  return 0;
};
