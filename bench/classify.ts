/** Classify latency for 4 KB pastes and a 1 MB paste (bench/pastes.ts), and the CLI's cold start against bare node. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKnowledge } from '../src/kb/load';
import { projectRoot } from '../src/kb/paths';
import { classifyText } from '../src/triage/classify-text';
import { distinctShare, fourKbPastes, oneMbPaste } from './pastes';
import { round, summarize, timeMs, timeWallCpu } from './stats';

export async function benchClassify(): Promise<Record<string, number>> {
  const kb = loadKnowledge();
  // Pastes that really are 4 KB: several real errors with stack traces among time-stamped log lines.
  const pastes = fourKbPastes(200);
  for (const t of pastes) classifyText(t, kb); // warm up
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let round_ = 0; round_ < 10; round_++) {
    for (const t of pastes) {
      const m = timeWallCpu(() => classifyText(t, kb));
      samples.push(m.wall);
      cpu.push(m.cpu);
    }
  }
  const s = summarize(samples);
  const sc = summarize(cpu);
  const meanKb = pastes.reduce((a, t) => a + Buffer.byteLength(t), 0) / pastes.length / 1024;

  // 1 MB: an application log with every corpus error among request lines, no line repeated.
  const big = oneMbPaste();
  classifyText(big, kb);
  const bigRuns = Array.from({ length: 10 }, () => timeWallCpu(() => classifyText(big, kb)));
  const b = summarize(bigRuns.map((r) => r.wall));
  const bc = summarize(bigRuns.map((r) => r.cpu));

  // CLI cold start: a new node process classifying one paste, against a bare `node -e 0`.
  const root = projectRoot();
  const file = path.join(os.tmpdir(), `sqltriage-bench-${process.pid}.txt`);
  fs.writeFileSync(file, "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)\n");
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
    'classify 4KB paste mean KB': round(meanKb, 2),
    'classify 4KB p50 ms': round(s.p50),
    'classify 4KB p99 ms': round(s.p99),
    'classify 4KB cpu p50 ms': round(sc.p50),
    'classify 4KB cpu p99 ms': round(sc.p99),
    'classify 4KB samples': s.n,
    'classify 1MB paste KB': round(Buffer.byteLength(big) / 1024, 1),
    'classify 1MB lines kept after de-duplication': round(distinctShare(big), 4),
    'classify 1MB median ms': round(b.p50),
    'classify 1MB max ms': round(b.max),
    'classify 1MB cpu median ms': round(bc.p50),
    'cli cold start median ms': round(c.p50, 1),
    'node bare start median ms': round(n.p50, 1),
    'cli cold start / bare node': round(c.p50 / n.p50, 2),
  };
}
