/**
 * Benchmark pastes of the size claimed, built from the corpus's real error texts (as data): an
 * application log with time-stamped lines, ordinary request lines, several errors, each with its
 * stack trace. Seeded, so every run measures the same texts. Lines differ from one another (request
 * ids, durations, paths, connection ids, source line numbers), so the parser's de-duplication of
 * repeated lines cannot shrink the work.
 */
import { distinctLines } from '../src/parse';
import { readCorpus } from './corpus';
import { seeded } from './seeded-random';

export const BENCH_SEED = 20261129;

export { seeded };

const PATHS = ['/api/orders', '/api/invoices/export', '/health', '/api/customers/search', '/reports/daily', '/api/stock/levels', '/login', '/api/payments/settle'];
const LOGGERS = ['App.Data.OrderRepository', 'App.Web.Startup', 'com.shop.billing.InvoiceJob', 'worker.sync', 'Api.Controllers.ReportsController'];
const FRAME = /^\s*at\s/;

class LogWriter {
  private at = Date.UTC(2025, 2, 3, 8, 0, 0);
  private n = 0;
  readonly lines: string[] = [];
  private readonly seen = new Set<string>();
  bytes = 0;
  constructor(private readonly rnd: () => number) {}

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }

  private stamp(): string {
    this.at += 1 + Math.floor(this.rnd() * 900);
    return new Date(this.at).toISOString().replace('T', ' ').slice(0, 23);
  }

  push(line: string): void {
    this.seen.add(line);
    this.lines.push(line);
    this.bytes += Buffer.byteLength(line) + 1;
  }

  /** An ordinary request line: unique request id, path, status and duration. */
  info(): void {
    this.n++;
    const id = Math.floor(this.rnd() * 0xffffffff).toString(16).padStart(8, '0');
    this.push(`${this.stamp()} INFO  [${this.pick(LOGGERS)}] req=${id}-${this.n} ${this.pick(['GET', 'POST', 'PUT'])} ${this.pick(PATHS)}?page=${this.n % 97} -> ${this.pick([200, 200, 200, 204, 304, 404])} in ${Math.floor(this.rnd() * 900) + 1} ms`);
  }

  /** A real error text: its first line behind a log prefix, its other lines as printed; frames get source lines. */
  error(text: string): void {
    this.n++;
    const [first, ...rest] = text.split('\n');
    this.push(`${this.stamp()} ERROR [${this.pick(LOGGERS)}] request ${this.n} failed: ${first}`);
    for (const line of rest) {
      if (FRAME.test(line)) this.push(`${line.trimEnd()} in /src/app/Module${this.n % 41}.cs:line ${Math.floor(this.rnd() * 2000) + 1}`);
      else if (!this.seen.has(line)) this.push(line); // an error met again: its message lines once
    }
    const g = Array.from({ length: 4 }, () => Math.floor(this.rnd() * 0xffffffff).toString(16).padStart(8, '0')).join('');
    this.push(`ClientConnectionId:${g.slice(0, 8)}-${g.slice(8, 12)}-${g.slice(12, 16)}-${g.slice(16, 20)}-${g.slice(20, 32)}`);
  }

  text(maxBytes: number): string {
    // Whole lines only, within the limit.
    let bytes = 0;
    const kept: string[] = [];
    for (const l of this.lines) {
      const b = Buffer.byteLength(l) + 1;
      if (bytes + b > maxBytes) break;
      kept.push(l);
      bytes += b;
    }
    return kept.join('\n');
  }
}

/**
 * `count` pastes of 3.9-4 KB (UTF-8): two to four errors from the corpus (at least one with a stack
 * trace) among request lines, each line time-stamped as an application log writes it.
 */
export function fourKbPastes(count: number, seed = BENCH_SEED): string[] {
  const corpus = readCorpus().map((c) => c.text);
  const withStack = corpus.filter((t) => t.split('\n').some((l) => FRAME.test(l)));
  const rnd = seeded(seed);
  const out: string[] = [];
  while (out.length < count) {
    const log = new LogWriter(rnd);
    const errors = [withStack[Math.floor(rnd() * withStack.length)], ...Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => corpus[Math.floor(rnd() * corpus.length)])];
    for (const e of errors) {
      for (let i = Math.floor(rnd() * 4); i > 0; i--) log.info();
      log.error(e);
    }
    while (log.bytes < 4400) log.info();
    const text = log.text(4096);
    if (Buffer.byteLength(text) >= 3900) out.push(text);
  }
  return out;
}

/** A 1 MiB application log: every corpus error once or more among request lines, no line repeated. */
export function oneMbPaste(seed = BENCH_SEED): string {
  const corpus = readCorpus().map((c) => c.text);
  const rnd = seeded(seed);
  const log = new LogWriter(rnd);
  for (let i = 0; log.bytes < 1024 * 1024 + 4096; i++) {
    for (let k = 0; k < 8; k++) log.info();
    log.error(corpus[i % corpus.length]);
  }
  return log.text(1024 * 1024);
}

/** Share of a text's lines that remain after the parser drops repeated lines (log prefixes removed). */
export function distinctShare(text: string): number {
  return distinctLines(text).split('\n').length / text.split('\n').length;
}
