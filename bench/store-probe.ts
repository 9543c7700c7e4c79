/**
 * Run by bench/store.ts in a fresh process (node --expose-gc) on a generated data folder: the bare
 * read and parse of the data file's bytes, then opening the store and its first turn, memory after
 * load, archived lookups, and turn latency with the store idle and while it rewrites the data file
 * and archives (a turn: read a case, put it back changed, write conversation and user state).
 * Prints one JSON object.
 */
import { readFileSync } from 'node:fs';
import { openStore } from '../src/store';
import type { Case } from '../src/triage/types';
import { ARCHIVE_AFTER_DAYS, dataFileOf, generatedCase } from './store-gen';
import { timeTurns } from './bench-process';
import { summarize } from './stats';

const USERS = 16;
const PHASE_MS = Number(process.env.BENCH_STORE_PHASE_MS ?? 1500);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The baseline: reading and parsing the same bytes the store opens, nothing else. */
function bareReadParse(dir: string): { bareMs: number; recent: string[] } {
  const t = performance.now();
  const parsed = JSON.parse(readFileSync(dataFileOf(dir), 'utf8').split('\n')[0]) as { cases: Record<string, unknown> };
  const bareMs = performance.now() - t;
  return { bareMs, recent: Object.keys(parsed.cases).slice(-64) };
}

async function main(): Promise<void> {
  const [dir, sampleJson] = process.argv.slice(2);
  const archivedSample = JSON.parse(sampleJson) as string[];
  gc();
  const rssBefore = process.memoryUsage().rss;

  const { bareMs, recent } = bareReadParse(dir);
  gc();

  let t = performance.now();
  const store = await openStore({ dir, policy: { archiveAfterDays: ARCHIVE_AFTER_DAYS, stateIdleDays: 30 } });
  await store.claim();
  const openMs = performance.now() - t;
  t = performance.now();
  const first = generatedCase(9_999_999, Date.now(), 'open');
  await store.cases.put(first);
  await store.storage.write({ 'msteams/conversations/first': { n: 1, eTag: '*' }, 'msteams/users/first': { n: 1, eTag: '*' } });
  await store.cases.get(first.id);
  const firstTurnMs = performance.now() - t;
  gc();
  const mem = process.memoryUsage();

  // Archived lookups (each month's index read once, then cached for the next few).
  const lookups: number[] = [];
  let found = 0;
  for (const id of archivedSample) {
    t = performance.now();
    if (await store.cases.get(id)) found++;
    lookups.push(performance.now() - t);
  }

  const turn = async (u: number, n: number): Promise<void> => {
    const c = (await store.cases.get(recent[(u * 7 + n) % recent.length])) as Case;
    await store.cases.put({ ...c, updatedAt: new Date().toISOString() });
    await store.storage.write({ [`msteams/conversations/bench-${u}`]: { n, eTag: '*' } });
    await store.storage.write({ [`msteams/users/bench-${u}`]: { n, eTag: '*' } });
  };
  const run = (ms: number): Promise<number[]> => timeTurns(USERS, turn, ms);
  const quiet = await run(PHASE_MS);

  // Busy: the archiving pass (the two days of due cases) and back-to-back rewrites of the data file.
  let busy = true;
  let compactions = 0;
  const archiving = store.maintenance!.pass();
  const rewriting = (async () => {
    while (busy) {
      await store.maintenance!.compact();
      compactions++;
    }
  })();
  const during = await run(PHASE_MS);
  busy = false;
  const archived = await archiving;
  await rewriting;
  t = performance.now();
  await store.close();
  const closeMs = performance.now() - t;

  const q = summarize(quiet);
  const d = summarize(during);
  const l = summarize(lookups);
  process.stdout.write(
    JSON.stringify({
      bareMs,
      openMs,
      firstTurnMs,
      rssMb: mem.rss / 1e6,
      rssGrowthMb: (mem.rss - rssBefore) / 1e6,
      heapMb: mem.heapUsed / 1e6,
      lookupP50: l.p50,
      lookupP99: l.p99,
      lookupsFound: found,
      lookups: lookups.length,
      quietTurns: q.n,
      quietP50: q.p50,
      quietP99: q.p99,
      quietMax: q.max,
      busyTurns: d.n,
      busyP50: d.p50,
      busyP99: d.p99,
      busyMax: d.max,
      compactions,
      archivedDuringTurns: archived.cases,
      closeMs,
    }),
  );
}

void main();
