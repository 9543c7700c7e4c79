/**
 * /api/messages throughput, latency and CPU per activity with state persisted: the real `npm start`
 * build and botbuilder's bare echo bot (the peer) run in child processes on loopback; this process
 * is the one client of both. Virtual users paste an error into a new conversation, then press the
 * first answer button the bot offers, a few times, then start a new conversation. Every turn reads
 * and writes conversation state and the case. A second figure isolates the store (see benchStore).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/kb/paths';
import { openStore } from '../src/store';
import type { Case } from '../src/triage/types';
import { readCorpus } from './corpus';
import { listeningPort, timeTurns } from './bench-process';
import { round, summarize } from './stats';

const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '1,8,32').split(',').map(Number);
const USERS = Number(process.env.BENCH_USERS ?? 16); // the store figure's writers
const DURATION_MS = Number(process.env.BENCH_BOT_MS ?? 5_000);
const WARMUP_MS = 1_000;
const ANSWERS_PER_CASE = 3;

interface Child {
  url: string;
  /** CPU time (ms) the server process has used so far. */
  cpu(): Promise<number>;
  stop(): Promise<number | null>;
}

/** Starts a server script on loopback with the CPU reporter preloaded; resolves once it prints its port. */
async function startChild(script: string, env: NodeJS.ProcessEnv): Promise<Child> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'peers', 'cpu-report.js'), script], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const port = await listeningPort(child, path.basename(script));
  return {
    url: `http://127.0.0.1:${port}`,
    cpu: () =>
      new Promise((resolve) => {
        child.once('message', (m: { cpu: number }) => resolve(m.cpu / 1000));
        child.send('cpu');
      }),
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

const startBot = (dataDir: string): Promise<Child> =>
  startChild(path.join(projectRoot(), 'dist', 'src', 'bot', 'main.js'), { SQLTRIAGE_DATA_DIR: dataDir, SQLTRIAGE_STORAGE: 'file', MicrosoftAppId: '', SQLTRIAGE_CONFIG: path.join(dataDir, 'none.json') });
const startEcho = (): Promise<Child> => startChild(path.join(__dirname, 'peers', 'echo-bot.js'), {});

/** The first `{answer: {question, option}}` payload anywhere in the replies (a card button). */
function firstAnswer(node: unknown): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const answer = (node as { answer?: { question?: unknown; option?: unknown } }).answer;
  if (answer && typeof answer.question === 'string' && typeof answer.option === 'string') return { answer };
  for (const v of Object.values(node)) {
    const found = firstAnswer(v);
    if (found) return found;
  }
  return undefined;
}


const STORE_MS = 3000;
const CASE_TEXT = 'x'.repeat(2500); // about the size of a case with one paste and a few answers
const aCase = (id: string, at: string): Case => ({ id, createdAt: at, updatedAt: at, status: 'open', evidence: [{ id: 'ev1', kind: 'note', at, text: CASE_TEXT }], history: [] });

/**
 * The writes one turn makes (case, conversation and user state, each awaited until written)
 * against a data file already holding 1,000 cases: our store, and for comparison in the same run
 * lowdb's own JSONFile adapter, which rewrites the whole file on every write.
 */
async function benchStore(): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-bench-store-'));
  const store = await openStore({ dir });
  await Promise.all(Array.from({ length: 1000 }, (_, i) => store.cases.put(aCase(`c${i}`, new Date(i).toISOString()))));
  const ours = await timeTurns(USERS, async (u, n) => {
    await store.cases.put(aCase(`c${(u * 61 + n) % 1000}`, new Date().toISOString()));
    await store.storage.write({ [`conv/${u}`]: { n, eTag: '*' } });
    await store.storage.write({ [`user/${u}`]: { n, eTag: '*' } });
  }, STORE_MS);
  await store.close();
  const fileBytes = statSync(path.join(dir, 'sqltriage.json')).size;

  const { Low } = await import('lowdb');
  const { JSONFile } = await import('lowdb/node');
  const plain = new Low<{ state: Record<string, unknown>; cases: Record<string, Case> }>(new JSONFile(path.join(dir, 'lowdb-jsonfile.json')), { state: {}, cases: {} });
  for (let i = 0; i < 1000; i++) plain.data.cases[`c${i}`] = aCase(`c${i}`, new Date(i).toISOString());
  await plain.write();
  const rewrite = await timeTurns(USERS, async (u, n) => {
    const id = `c${(u * 61 + n) % 1000}`;
    plain.data.cases[id] = aCase(id, new Date().toISOString());
    await plain.write();
    plain.data.state[`conv/${u}`] = { n };
    await plain.write();
    plain.data.state[`user/${u}`] = { n };
    await plain.write();
  }, STORE_MS);
  rmSync(dir, { recursive: true, force: true });

  const s = summarize(ours);
  const r = summarize(rewrite);
  const oursPerS = ours.length / (STORE_MS / 1000);
  const rewritePerS = rewrite.length / (STORE_MS / 1000);
  return {
    store_turns_per_s: round(oursPerS, 1),
    store_turn_p50_ms: round(s.p50, 2),
    store_turn_p99_ms: round(s.p99, 2),
    store_file_kb: Math.round(fileBytes / 1024),
    lowdb_jsonfile_turns_per_s: round(rewritePerS, 1),
    lowdb_jsonfile_turn_p50_ms: round(r.p50, 2),
    lowdb_jsonfile_turn_p99_ms: round(r.p99, 2),
    store_vs_lowdb_jsonfile_throughput_ratio: round(oursPerS / rewritePerS, 1),
  };
}

export async function benchBot(): Promise<Record<string, number>> {
  return { ...(await benchTriage()), ...(await benchStore()) };
}

interface LoadFigures {
  perS: number;
  p50: number;
  p99: number;
  cpuMsPerActivity: number;
  turns: number;
  failed: number;
}

/**
 * `users` virtual users against one server for DURATION_MS after a warm-up, all through the same
 * client: each pastes an error into a new conversation, then sends ANSWERS_PER_CASE button presses
 * (the bot's first offered answer; the echo bot offers none, so the same payload shape is sent).
 */
async function load(server: Child, users: number, texts: string[]): Promise<LoadFigures> {
  const samples: number[] = [];
  let failed = 0;
  const post = async (activity: Record<string, unknown>): Promise<{ ok: boolean; body: unknown }> => {
    const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = res.ok ? await res.json() : await res.text();
    return { ok: res.ok, body };
  };
  const start = performance.now();
  const measureFrom = start + WARMUP_MS;
  const until = measureFrom + DURATION_MS;
  let cpuFrom = 0;
  const cpuStart = new Promise<void>((resolve) => setTimeout(() => void server.cpu().then((c) => resolve(void (cpuFrom = c))), WARMUP_MS));
  const user = async (u: number) => {
    for (let n = 0; performance.now() < until; n++) {
      const conversation = { id: `bench-${users}-${u}-${n}-${Math.random().toString(36).slice(2, 8)}` };
      const base = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', conversation, from: { id: `user-${u}` }, recipient: { id: 'bot' } };
      let next: Record<string, unknown> = { ...base, text: texts[(u * 31 + n) % texts.length] };
      for (let turn = 0; turn <= ANSWERS_PER_CASE && performance.now() < until; turn++) {
        const t0 = performance.now();
        const { ok, body } = await post(next);
        if (t0 >= measureFrom) {
          samples.push(performance.now() - t0);
          if (!ok) failed++;
        }
        const value = ok ? (firstAnswer(body) ?? { answer: { question: 'frequency', option: 'unsure' } }) : undefined;
        if (!value) break;
        next = { ...base, text: '', value };
      }
    }
  };
  await Promise.all([cpuStart, ...Array.from({ length: users }, (_, u) => user(u))]);
  const cpuUsed = (await server.cpu()) - cpuFrom;
  const elapsed = (performance.now() - measureFrom) / 1000;
  const s = summarize(samples);
  return { perS: samples.length / elapsed, p50: s.p50, p99: s.p99, cpuMsPerActivity: cpuUsed / Math.max(1, samples.length), turns: samples.length, failed };
}

/**
 * /api/messages of `npm start` (state persisted in its data file) beside botbuilder's bare echo bot
 * (bench/peers/echo-bot.ts), same client, same concurrencies, measured alternately in one run:
 * throughput and CPU per activity, and their ratios.
 */
export async function benchTriage(): Promise<Record<string, number>> {
  const texts = readCorpus().map((c) => c.text).filter((t) => t.length < 4000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-bench-'));
  const bot = await startBot(dataDir);
  const echo = await startEcho();
  const out: Record<string, number> = {};
  try {
    for (const users of CONCURRENCY) {
      const e = await load(echo, users, texts);
      const b = await load(bot, users, texts);
      const k = `c${users}`;
      out[`${k}_bot_activities_per_s`] = round(b.perS, 1);
      out[`${k}_echo_activities_per_s`] = round(e.perS, 1);
      out[`${k}_throughput_ratio_bot_vs_echo`] = round(b.perS / e.perS, 2);
      out[`${k}_bot_cpu_ms_per_activity`] = round(b.cpuMsPerActivity, 3);
      out[`${k}_echo_cpu_ms_per_activity`] = round(e.cpuMsPerActivity, 3);
      out[`${k}_cpu_ratio_bot_vs_echo`] = round(b.cpuMsPerActivity / e.cpuMsPerActivity, 2);
      out[`${k}_bot_p50_ms`] = round(b.p50, 2);
      out[`${k}_bot_p99_ms`] = round(b.p99, 2);
      out[`${k}_echo_p50_ms`] = round(e.p50, 2);
      out[`${k}_echo_p99_ms`] = round(e.p99, 2);
      out[`${k}_failed_turns`] = b.failed + e.failed;
    }
  } finally {
    const [botExit] = await Promise.all([bot.stop(), echo.stop()]);
    out.data_file_kb = Math.round(statSync(path.join(dataDir, 'sqltriage.json')).size / 1024);
    out.clean_exit = botExit === 0 ? 1 : 0;
    rmSync(dataDir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  benchBot().then((r) => {
    for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
  });
}
