/** Classify latency for chat-sized pastes and a 1 MB paste, and the CLI's cold start. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKnowledge } from '../src/kb/load';
import { projectRoot } from '../src/kb/paths';
import { classifyText } from '../src/triage/classify-text';
import { readCorpus } from './corpus';
import { round, summarize, timeMs } from './stats';

export async function benchClassify(): Promise<Record<string, number>> {
  const kb = loadKnowledge();
  const small = readCorpus()
    .map((c) => c.text)
    .filter((t) => Buffer.byteLength(t) <= 4096);
  for (const t of small) classifyText(t, kb); // warm up
  const samples: number[] = [];
  for (let round_ = 0; round_ < 20; round_++) for (const t of small) samples.push(timeMs(() => classifyText(t, kb)));
  const s = summarize(samples);

  // 1 MB: an application log, every line time-stamped, with the corpus's errors and stack traces among ordinary lines.
  const body = readCorpus().flatMap((c) => [...c.text.split('\n'), 'INFO request served in 12 ms']);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024; i++) {
    const at = new Date(Date.UTC(2025, 0, 1) + i * 137).toISOString().replace('T', ' ').slice(0, 23);
    const line = `${at} [app] ${body[i % body.length]}`;
    lines.push(line);
    size += line.length + 1;
  }
  const big = lines.join('\n').slice(0, 1024 * 1024);
  classifyText(big, kb);
  const bigSamples = Array.from({ length: 10 }, () => timeMs(() => classifyText(big, kb)));
  const b = summarize(bigSamples);

  // CLI cold start: a new node process classifying one paste, against a bare `node -e 0`.
  const root = projectRoot();
  const file = path.join(os.tmpdir(), `sqltriage-bench-${process.pid}.txt`);
  fs.writeFileSync(file, small[0]);
  const cold: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < 12; i++) {
    cold.push(timeMs(() => spawnSync(process.execPath, [path.join(root, 'bin', 'sqltriage.js'), 'classify', '--json', file], { encoding: 'utf8' })));
    bare.push(timeMs(() => spawnSync(process.execPath, ['-e', '0'])));
  }
  fs.rmSync(file, { force: true });
  const c = summarize(cold.slice(2));
  const n = summarize(bare.slice(2));
  return {
    'classify <=4KB p50 ms': round(s.p50),
    'classify <=4KB p99 ms': round(s.p99),
    'classify <=4KB samples': s.n,
    'classify 1MB median ms': round(b.p50),
    'classify 1MB max ms': round(b.max),
    'cli cold start median ms': round(c.p50, 1),
    'node bare start median ms': round(n.p50, 1),
    'cli cold start / bare node': round(c.p50 / n.p50, 2),
  };
}
