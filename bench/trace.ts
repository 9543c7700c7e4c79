/**
 * Trace reading: throughput against a bare read of the same file in the same run (through the
 * same readInChunks: the same reused buffers and read size; bytes counted and dropped; the two
 * alternated), memory over the read for two file sizes (flat = does not grow with the file), and
 * the time for a 100 MB capture. The captures are generated into a temporary folder from a
 * recorded conversation and removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTraceFile } from '../src/trace';
import { readInChunks } from '../src/trace/chunked-read';
import { generateCapture } from './trace-gen';

const MB = 1024 * 1024;

interface Timing {
  wallMs: number;
  /** Process CPU time (all threads): steadier than wall time on a shared, loaded machine. */
  cpuMs: number;
}

async function measure(run: () => Promise<unknown>): Promise<Timing> {
  const c = process.cpuUsage();
  const t = process.hrtime.bigint();
  await run();
  const used = process.cpuUsage(c);
  return { wallMs: Number(process.hrtime.bigint() - t) / 1e6, cpuMs: (used.user + used.system) / 1000 };
}

const best = (xs: Timing[]): Timing => ({ wallMs: Math.min(...xs.map((x) => x.wallMs)), cpuMs: Math.min(...xs.map((x) => x.cpuMs)) });

/** Timed runs of the bare read and the trace reader, alternated so that a change in the machine's load hits both alike. */
const ROUNDS = 5;

async function bareOnce(file: string): Promise<void> {
  let n = 0;
  await readInChunks(file, (_buf, from, to) => ((n += to - from), to));
  if (n === 0) throw new Error('empty');
}

function inUse(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

interface Pair {
  bare: Timing;
  trace: Timing;
  peak: number;
  sql: number;
  findings: string[];
}

/**
 * Best of ROUNDS alternated timed reads of each kind (page cache warm), then one untimed read
 * that samples the memory in use above the start at each progress report, after a full
 * collection when --expose-gc allows it (live memory, not garbage waiting for the collector).
 */
async function bareAndTrace(file: string): Promise<Pair> {
  const bare: Timing[] = [];
  const trace: Timing[] = [];
  let sql = 0;
  let findings: string[] = [];
  await bareOnce(file); // page cache warm for both
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(await measure(() => bareOnce(file)));
    trace.push(
      await measure(async () => {
        const r = await readTraceFile(file);
        sql = r.sqlConversations;
        findings = r.findings.map((f) => f.id);
      }),
    );
  }
  global.gc?.();
  const base = inUse();
  let peak = 0;
  await readTraceFile(file, {
    progress: () => {
      global.gc?.();
      peak = Math.max(peak, inUse() - base);
    },
  });
  return { bare: best(bare), trace: best(trace), peak, sql, findings };
}

export async function benchTrace(): Promise<Record<string, number | string>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-trace-bench-'));
  try {
    const big = path.join(dir, 'mixed-100mb.pcap');
    const small = path.join(dir, 'mixed-25mb.pcap');
    const logins = path.join(dir, 'logins-25mb.pcap');
    const g100 = await generateCapture(big, 100 * MB, 40);
    await generateCapture(small, 25 * MB, 40);
    const gLogins = await generateCapture(logins, 25 * MB, 0);
    const size = fs.statSync(big).size / MB;
    const p100 = await bareAndTrace(big);
    const [bare, t100] = [p100.bare, { ...p100.trace, sql: p100.sql, peak: p100.peak }];
    const t25 = await bareAndTrace(small);
    const pl = await bareAndTrace(logins);
    const [bareLogins, tl] = [pl.bare, { ...pl.trace, findings: pl.findings }];
    const loginsSize = fs.statSync(logins).size / MB;
    return {
      'capture_100mb (mixed: logins + 40 full-size segments each)': `${size.toFixed(1)} MB, ${g100.frames} frames, ${g100.conversations} conversations`,
      'trace_read_100mb_s (wall)': +(t100.wallMs / 1000).toFixed(2),
      'trace_mb_per_s (wall)': +(size / (t100.wallMs / 1000)).toFixed(0),
      'bare_read_mb_per_s (wall)': +(size / (bare.wallMs / 1000)).toFixed(0),
      'trace_vs_bare_ratio_wall (target >= 0.5)': +(bare.wallMs / t100.wallMs).toFixed(2),
      'trace_mb_per_cpu_s': +(size / (t100.cpuMs / 1000)).toFixed(0),
      'bare_mb_per_cpu_s': +(size / (bare.cpuMs / 1000)).toFixed(0),
      'trace_vs_bare_ratio_cpu (target >= 0.5)': +(bare.cpuMs / t100.cpuMs).toFixed(2),
      'load_average_1m': +os.loadavg()[0].toFixed(1),
      'sql_conversations_found': t100.sql,
      'peak_memory_25mb_mb': +(t25.peak / MB).toFixed(1),
      'peak_memory_100mb_mb': +(t100.peak / MB).toFixed(1),
      'memory_growth_100mb_over_25mb (flat ~ 1)': +(t100.peak / Math.max(t25.peak, 1)).toFixed(2),
      'memory_measured': global.gc ? 'live (after a full collection)' : 'in use, garbage included (run with --expose-gc for live memory)',
      'logins_only_25mb (small frames, worst case)': `${gLogins.frames} frames, ${gLogins.conversations} conversations`,
      'logins_only_frames_per_cpu_s': Math.round(gLogins.frames / (tl.cpuMs / 1000)),
      'logins_only_trace_vs_bare_ratio_cpu': +(bareLogins.cpuMs / tl.cpuMs).toFixed(2),
      'logins_only_findings': tl.findings.join(' ') || 'none',
      'logins_only_mb': +loginsSize.toFixed(1),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
