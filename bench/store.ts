/**
 * `npm run bench store`: the case store at 1k, 10k, 100k and 300k generated cases (three years of
 * history, bench/store-gen.ts) in a temporary folder. For each size, in a fresh process
 * (bench/store-probe.ts): opening the store against the bare read+parse of the same bytes, memory
 * after load, the first turn, archived lookups, and turn latency while the store is idle and while
 * it rewrites its data file and archives, with file sizes. At 100k and 300k the real bot
 * (dist/src/bot/main.js) is started on the same folder: time to its first answered turn and its
 * memory, against the same start on an empty folder. Below 100k, a one-document baseline: parsing the whole history as the store before the
 * archive had to (JSON.parse of one document).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/kb/paths';
import { dataFileOf, generatedCase, generateStore, templateMatches } from './store-gen';
import { listeningPort } from './bench-process';
import { round } from './stats';

const SIZES = (process.env.BENCH_STORE_SIZES ?? '1000,10000,100000,300000').split(',').map(Number);
const BOT_AT = new Set([100000, 300000]);
const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function dirBytes(dir: string): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const size = statSync(path.join(entry.parentPath, entry.name)).size;
    total += size;
    largest = Math.max(largest, size);
  }
  return { total, largest };
}

/** JSON.parse of the whole history as one document (what opening cost before the archive, at least). */
function oneDocumentParseMs(n: number): number {
  const cases: Record<string, unknown> = {};
  const now = Date.now();
  for (let i = 0; i < n; i++) {
    const c = generatedCase(i, now - i * 60_000, 'resolved');
    cases[c.id] = c;
  }
  const text = JSON.stringify({ format: 1, seq: 0, state: {}, cases, audit: [] });
  const t = performance.now();
  JSON.parse(text);
  return performance.now() - t;
}

function probe(dir: string, sample: string[]): Record<string, number> {
  const script = path.join(projectRoot(), 'dist', 'bench', 'store-probe.js');
  const r = spawnSync(process.execPath, ['--expose-gc', script, dir, JSON.stringify(sample)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`store probe failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(r.stdout) as Record<string, number>;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Starts the real bot on `dir`: ms until it answered its first turn, and its memory then. */
async function botStart(dir: string): Promise<{ firstTurnMs: number; rssMb: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [path.join(projectRoot(), 'dist', 'src', 'bot', 'main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_STORAGE: 'file', MicrosoftAppId: '', SQLTRIAGE_CONFIG: path.join(dir, 'none.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    const port = await listeningPort(child, 'bot');
    const activity = {
      type: 'message',
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/',
      deliveryMode: 'expectReplies',
      conversation: { id: 'bench-store-first' },
      from: { id: 'user-1' },
      recipient: { id: 'bot' },
      text: "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)",
    };
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await res.text();
    if (!res.ok) throw new Error(`first turn answered ${res.status}`);
    const firstTurnMs = performance.now() - t0;
    return { firstTurnMs, rssMb: rssMb(child.pid!) };
  } finally {
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGTERM');
    });
  }
}

export async function benchStore(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  if (!templateMatches()) throw new Error('generated case template differs from JSON.stringify of the case');
  // Baseline for the bot's start: the same start on an empty data folder.
  const empty = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-bench-store-empty-'));
  try {
    const bot = await botStart(empty);
    out.empty_bot_start_to_first_turn_ms = Math.round(bot.firstTurnMs);
    out.empty_bot_rss_mb = Math.round(bot.rssMb);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  for (const n of SIZES) {
    const dir = mkdtempSync(path.join(os.tmpdir(), `sqltriage-bench-store-${label(n)}-`));
    try {
      let t = performance.now();
      const gen = await generateStore(dir, n);
      const genS = (performance.now() - t) / 1000;
      const data = statSync(dataFileOf(dir)).size;
      const archive = dirBytes(path.join(dir, 'archive'));
      const p = probe(dir, gen.archivedSample);
      const k = label(n);
      out[`${k}_generate_s`] = round(genS, 1);
      out[`${k}_data_file_kb`] = Math.round(data / 1024);
      out[`${k}_working_set_cases`] = gen.workingCases;
      out[`${k}_archive_mb`] = round(archive.total / 1e6, 1);
      out[`${k}_archive_largest_file_mb`] = round(archive.largest / 1e6, 1);
      out[`${k}_bare_read_parse_ms`] = round(p.bareMs, 1);
      out[`${k}_open_ms`] = round(p.openMs, 1);
      out[`${k}_open_vs_bare_ratio`] = round(p.openMs / p.bareMs, 2);
      out[`${k}_first_turn_ms`] = round(p.firstTurnMs, 1);
      out[`${k}_rss_after_load_mb`] = Math.round(p.rssMb);
      out[`${k}_rss_growth_on_open_mb`] = Math.round(p.rssGrowthMb);
      out[`${k}_heap_after_load_mb`] = Math.round(p.heapMb);
      out[`${k}_archived_get_p50_ms`] = round(p.lookupP50, 2);
      out[`${k}_archived_get_p99_ms`] = round(p.lookupP99, 2);
      out[`${k}_archived_found`] = `${p.lookupsFound}/${p.lookups}`;
      out[`${k}_turn_idle_p50_ms`] = round(p.quietP50, 2);
      out[`${k}_turn_idle_p99_ms`] = round(p.quietP99, 2);
      out[`${k}_turn_compacting_p50_ms`] = round(p.busyP50, 2);
      out[`${k}_turn_compacting_p99_ms`] = round(p.busyP99, 2);
      out[`${k}_turn_compacting_max_ms`] = round(p.busyMax, 2);
      out[`${k}_turn_compacting_vs_idle_p99_ratio`] = round(p.busyP99 / p.quietP99, 2);
      out[`${k}_compactions_during_turns`] = p.compactions;
      out[`${k}_archived_during_turns`] = p.archivedDuringTurns;
      if (n <= 10000) {
        const one = oneDocumentParseMs(n);
        out[`${k}_one_document_parse_ms`] = round(one, 1);
        out[`${k}_open_vs_one_document_ratio`] = round(p.openMs / one, 3);
      }
      if (BOT_AT.has(n)) {
        t = performance.now();
        const bot = await botStart(dir);
        out[`${k}_bot_start_to_first_turn_ms`] = Math.round(bot.firstTurnMs);
        out[`${k}_bot_rss_mb`] = Math.round(bot.rssMb);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const k of ['100k', '300k']) {
    if (out[`${k}_bot_start_to_first_turn_ms`] === undefined) continue;
    out[`${k}_bot_start_vs_empty_ratio`] = round(Number(out[`${k}_bot_start_to_first_turn_ms`]) / Number(out.empty_bot_start_to_first_turn_ms), 2);
    out[`${k}_bot_rss_vs_empty_ratio`] = round(Number(out[`${k}_bot_rss_mb`]) / Number(out.empty_bot_rss_mb), 2);
  }
  return out;
}

if (require.main === module) {
  benchStore().then((r) => {
    for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
  });
}
