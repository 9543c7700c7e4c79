/**
 * Parser speed: p50/p99 over the corpus pastes (typical 0.2–4 KB), a 4 KB paste, and 1 MB pastes
 * of realistic log text and of hostile shapes. Figures are microseconds (µs) or milliseconds (ms).
 */
import * as path from 'path';
import { readFileSync } from 'node:fs';
import { MAX_PASTE_BYTES, parsePaste } from '../src/parse';
import { sharedDir } from '../src/kb/paths';

const CORPUS = path.join(sharedDir(), 'corpus', 'errors-dev.jsonl');

function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timeEach(inputs: string[], rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = nowMs();
      parsePaste(input);
      times.push(nowMs() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

function bestOf(input: string, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = nowMs();
    parsePaste(input);
    best = Math.min(best, nowMs() - start);
  }
  return best;
}

function corpusTexts(): string[] {
  try {
    return readFileSync(CORPUS, 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
  } catch {
    return [];
  }
}

function fill(unit: string): string {
  return unit.repeat(Math.floor(MAX_PASTE_BYTES / Buffer.byteLength(unit)));
}

export async function benchParse(): Promise<Record<string, number>> {
  const texts = corpusTexts();
  const sample = texts.length ? texts : ["Login failed for user 'sa'. (Microsoft SQL Server, Error: 18456)"];
  const joined = sample.join('\n');
  const fourKb = joined.slice(0, 4096);
  const logMb = fill(joined + '\n');

  timeEach(sample, 20); // warm-up: let the JIT compile the extractors
  const corpus = timeEach(sample, 50);
  const four = timeEach([fourKb], 2000);
  return {
    'parse corpus paste p50 µs': Math.round(percentile(corpus, 50) * 1000),
    'parse corpus paste p99 µs': Math.round(percentile(corpus, 99) * 1000),
    'parse 4 KB paste p50 µs': Math.round(percentile(four, 50) * 1000),
    'parse 4 KB paste p99 µs': Math.round(percentile(four, 99) * 1000),
    'parse 1 MB log of real errors ms': +bestOf(logMb, 5).toFixed(1),
    'parse 1 MB one character ms': +bestOf('a'.repeat(MAX_PASTE_BYTES), 5).toFixed(1),
    'parse 1 MB short lines ms': +bestOf(fill('Error: 1\n'), 5).toFixed(1),
    'parse 1 MB Password= repeated ms': +bestOf(fill('Password='), 5).toFixed(1),
    'parse 1 MB nested <div> ms': +bestOf(fill('<div>'), 5).toFixed(1),
    'parse 1 MB escaped \\r\\n ms': +bestOf(fill('\\r\\n'), 5).toFixed(1),
  };
}

if (require.main === module) {
  benchParse().then((figures) => {
    for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(36)} ${value}`);
  });
}
