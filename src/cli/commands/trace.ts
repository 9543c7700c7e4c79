/**
 * `sqltriage trace CLIENT.pcapng [SERVER.pcapng] [--port N]... [--json]`: the conversations to SQL
 * Server in one or two network traces, the patterns found, the client/server comparison, and the
 * causes those findings rank first. Big files are read as a stream with progress on stderr.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadKnowledge } from '../../kb/load';
import { openCase } from '../../triage/case';
import { addTrace } from '../../triage/evidence';
import { rankCase } from '../../triage/rank';
import { compareTraces, looksLikeCapture, readTraceFile, renderTraceText, traceEvidence, TraceReport } from '../../trace';
import { parseArgs } from '../args';
import { CliIO, Command, UsageError } from '../io';
import { statInputFile } from '../read-input';
import { percent } from '../../messages/percent';

const USAGE = `usage: sqltriage trace CLIENT.pcap[ng] [SERVER.pcap[ng]] [--port N]... [--json]

Reads one or two network traces (client side and server side of the same failure): the conversations
to SQL Server, the patterns found, the comparison, and the causes they rank first.
  --port N      SQL Server also listens on port N (repeatable; 1433 is always read)
  --json        the result as JSON
  -h, --help    this help
`;
/** Above this size progress goes to stderr. */
const PROGRESS_FROM = 16 * 1024 * 1024;

async function checkFile(file: string, io: CliIO): Promise<{ path: string; size: number }> {
  const { path, size } = await statInputFile(file, io);
  const head = Buffer.alloc(4);
  const fh = await open(path, 'r');
  try {
    await fh.read(head, 0, 4, 0);
  } finally {
    await fh.close();
  }
  if (!looksLikeCapture(head)) throw new UsageError(`${file} is not a .pcap or .pcapng capture (save it from Wireshark, tcpdump or netsh + etl2pcapng)`);
  return { path, size };
}

async function readOne(file: string, ports: number[], io: CliIO): Promise<TraceReport> {
  const { path, size } = await checkFile(file, io);
  const name = basename(file);
  const started = Date.now();
  const progress =
    size >= PROGRESS_FROM
      ? (bytes: number) => io.stderr.write(`reading ${name}: ${Math.round((bytes / size) * 100)}% (${(bytes / 1048576).toFixed(0)} of ${(size / 1048576).toFixed(0)} MB)\n`)
      : undefined;
  const report = await readTraceFile(path, { ports, progress });
  if (progress) io.stderr.write(`read ${name}: ${(size / 1048576).toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return report;
}

export const run: Command = async (args, io) => {
  const parsed = parseArgs(args, USAGE, { json: { type: 'boolean' }, port: { type: 'string', multiple: true } });
  const files = parsed.positionals;
  if (files.length === 0 || files.length > 2) throw new UsageError(USAGE.split('\n')[0]);
  const ports = (parsed.values.port ?? []).map((p) => {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--port ${p} is not a TCP port`);
    return n;
  });
  const withDefault = ports.length ? [1433, ...ports] : [];
  const reports: TraceReport[] = [];
  for (const f of files) reports.push(await readOne(f, withDefault, io));
  const comparison = reports.length === 2 ? compareTraces(reports[0], reports[1]) : undefined;
  const names = files.map((f) => basename(f));
  const evidence = traceEvidence(names, reports, comparison);
  const kb = loadKnowledge();
  const ranked = evidence.signals.length ? rankCase(addTrace(openCase(), evidence, kb), kb).causes.slice(0, 3) : [];
  if (parsed.values.json) {
    const out = {
      traces: reports.map((r, i) => ({ file: names[i], ...r })),
      ...(comparison ? { comparison } : {}),
      signals: evidence.signals,
      causes: ranked.map((c) => ({ id: c.id, family: c.family, title: c.title, score: Math.round(c.score * 1000) / 1000 })),
    };
    io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  let text = renderTraceText(names, reports, comparison);
  if (ranked.length) text += `\nLikely causes from the trace alone:\n${ranked.map((c) => `  ${percent(c.score)} ${c.title} (${c.id})`).join('\n')}\n`;
  io.stdout.write(text);
  return 0;
};
