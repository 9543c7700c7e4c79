/**
 * Parse + findings time for SQLCHECK reports: the largest shared fixture, and a ~1 MB synthetic
 * report made by repeating its sections (target: <= 50 ms each). Figures are medians in milliseconds.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseSqlcheck } from '../src/parse/sqlcheck';
import { sqlcheckFindings } from '../src/classify/sqlcheck';
import { knowledgeDir } from '../src/classify/sqlcheck/tables';

function fixtures(): string[] {
  const dir = resolve(realpathSync(knowledgeDir()), '../../shared/fixtures/sqlcheck');
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : n.endsWith('.txt') ? [join(d, n)] : []));
  return walk(dir);
}

/** Repeats the body between the start and end banners until the text reaches `bytes`. */
export function syntheticReport(base: string, bytes: number): string {
  const lines = base.split('\n');
  const start = lines.findIndex((l) => l.includes(' Computer Information '));
  const end = lines.findIndex((l) => l.includes(' End of Report '));
  const head = lines.slice(0, start).join('\n');
  const body = lines.slice(start, end).join('\n');
  const parts = [head];
  let size = head.length;
  while (size < bytes) {
    parts.push(body);
    size += body.length + 1;
  }
  parts.push(lines.slice(end).join('\n'));
  return parts.join('\n');
}

function median(fn: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)] * 100) / 100;
}

export async function benchSqlcheck(): Promise<Record<string, number>> {
  const files = fixtures().map((f) => readFileSync(f, 'utf8'));
  const largest = files.reduce((a, b) => (b.length > a.length ? b : a));
  const synthetic = syntheticReport(largest, 1024 * 1024);
  const run = (text: string) => () => sqlcheckFindings(parseSqlcheck(text));
  run(largest)(); // load the knowledge tables and warm up before timing
  return {
    'sqlcheck.largest_fixture_kb': Math.round(largest.length / 1024),
    'sqlcheck.largest_fixture_ms': median(run(largest), 50),
    'sqlcheck.synthetic_1mb_kb': Math.round(synthetic.length / 1024),
    'sqlcheck.synthetic_1mb_ms': median(run(synthetic), 9),
  };
}

if (require.main === module) {
  benchSqlcheck().then((r) => console.log(JSON.stringify(r, null, 2)));
}
