/**
 * /api/messages throughput and latency with state persisted: the real `npm start` build runs in a
 * child process on loopback with a fresh data file; this process is the client. Virtual users
 * paste an error into a new conversation, then press the first answer button the bot offers, a few
 * times, then start a new conversation. Every turn reads and writes conversation state and the case.
 * A second figure isolates the store (see benchStore).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/kb/paths';
import { openStore } from '../src/store';
import type { Case } from '../src/triage/types';
import { readCorpus } from './corpus';
import { round, summarize } from './stats';

const USERS = Number(process.env.BENCH_USERS ?? 16);
const DURATION_MS = 10_000;
const WARMUP_MS = 1_000;
const ANSWERS_PER_CASE = 3;

async function startChild(dataDir: string): Promise<{ url: string; stop(): Promise<number | null> }> {
  const main = path.join(projectRoot(), 'dist', 'src', 'bot', 'main.js');
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: dataDir, SQLTRIAGE_STORAGE: 'file', MicrosoftAppId: '', SQLTRIAGE_CONFIG: path.join(dataDir, 'none.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`bot exited (${code}): ${err.trim()}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

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

type Turn = (user: number, n: number) => Promise<void>;

/** Runs `turn` for every user back to back for `ms`, and returns each turn's latency. */
async function timeTurns(turn: Turn, ms: number): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      for (let n = 0; performance.now() < until; n++) {
        const t0 = performance.now();
        await turn(u, n);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
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
  const ours = await timeTurns(async (u, n) => {
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
  const rewrite = await timeTurns(async (u, n) => {
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

async function benchTriage(): Promise<Record<string, number>> {
  const texts = readCorpus().map((c) => c.text).filter((t) => t.length < 4000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-bench-'));
  const bot = await startChild(dataDir);
  const samples: number[] = [];
  let turns = 0;
  let failures = 0;
  let conversations = 0;
  const post = async (activity: Record<string, unknown>): Promise<{ ok: boolean; body: unknown }> => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const body = res.ok ? await res.json() : await res.text();
    return { ok: res.ok, body };
  };
  const start = Date.now();
  const measureFrom = start + WARMUP_MS;
  const until = measureFrom + DURATION_MS;
  const user = async (u: number) => {
    for (let n = 0; Date.now() < until; n++) {
      const conversation = { id: `bench-${u}-${n}` };
      const base = { type: 'message', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9/', deliveryMode: 'expectReplies', conversation, from: { id: `user-${u}` }, recipient: { id: 'bot' } };
      let next: Record<string, unknown> = { ...base, text: texts[(u * 31 + n) % texts.length] };
      conversations++;
      for (let turn = 0; turn <= ANSWERS_PER_CASE && Date.now() < until; turn++) {
        const t0 = performance.now();
        const { ok, body } = await post(next);
        const ms = performance.now() - t0;
        if (Date.now() >= measureFrom) {
          samples.push(ms);
          turns++;
          if (!ok) failures++;
        }
        const value = ok ? firstAnswer(body) : undefined;
        if (!value) break;
        next = { ...base, text: '', value };
      }
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, u) => user(u)));
  const elapsed = (Date.now() - measureFrom) / 1000;
  const exitCode = await bot.stop();
  const fileBytes = statSync(path.join(dataDir, 'sqltriage.json')).size;
  rmSync(dataDir, { recursive: true, force: true });
  const s = summarize(samples);
  return {
    activities_per_s: round(turns / elapsed, 1),
    p50_ms: round(s.p50, 2),
    p99_ms: round(s.p99, 2),
    max_ms: round(s.max, 2),
    turns: turns,
    failed_turns: failures,
    conversations,
    concurrent_users: USERS,
    data_file_kb: Math.round(fileBytes / 1024),
    clean_exit: exitCode === 0 ? 1 : 0,
  };
}

if (require.main === module) {
  benchBot().then((r) => {
    for (const [k, v] of Object.entries(r)) process.stdout.write(`${k}: ${v}\n`);
  });
}
