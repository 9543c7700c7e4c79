/**
 * Secret leaks over a seeded fuzz of realistic secret-bearing pastes (bench/secret-fuzz.ts), through
 * the engine's own paths: an error paste is parsed as the case stores it, a SQLCHECK report as the
 * case stores it, a note as addNote keeps it. Also counts leaks in the text the bot keeps in its
 * dialog state (the redactor at the point of entry).
 *
 *   node dist/bench/redaction.js [--count 100000] [--seed 20261129]
 */
import * as parse from '../src/parse';
import { looksLikeSqlcheck, parseSqlcheck } from '../src/parse/sqlcheck';
import { addNote, openCase } from '../src/triage';
import { fuzzCases, leaks } from './secret-fuzz';

export const DEFAULT_SEED = 20261129;

interface Tally {
  cases: number;
  leaks: number;
}

/** What the engine keeps of one input, as JSON. */
function stored(kind: string, text: string): string {
  if (kind === 'note') return JSON.stringify(addNote(openCase({ id: 'fuzz', now: new Date(0) }), 'note', text));
  return JSON.stringify(looksLikeSqlcheck(text) ? parseSqlcheck(text) : parse.parsePaste(text));
}

export function runRedactionFuzz(seed: number, count: number): Record<string, number | string> {
  // The entry-point redactor exists only from the change that added it; older builds report n/a.
  const atEntry = (parse as { redactInput?: (t: string) => { text: string } }).redactInput;
  const byForm = new Map<string, Tally>();
  const byKind = new Map<string, Tally>();
  let leaked = 0;
  let entryLeaks = 0;
  const examples: string[] = [];
  const started = process.hrtime.bigint();
  for (const c of fuzzCases(seed, count)) {
    const bad = leaks(stored(c.kind, c.text), c.canaries);
    if (atEntry && leaks(atEntry(c.text).text, c.canaries)) entryLeaks++;
    for (const [map, key] of [
      [byForm, c.form],
      [byKind, c.kind],
    ] as const) {
      const t = map.get(key) ?? { cases: 0, leaks: 0 };
      t.cases++;
      if (bad) t.leaks++;
      map.set(key, t);
    }
    if (bad) {
      leaked++;
      if (examples.length < 5) examples.push(`#${c.index} ${c.kind}/${c.form}: ${JSON.stringify(c.text.slice(0, 300))}`);
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const out: Record<string, number | string> = {
    seed,
    inputs: count,
    'leaks (stored by the engine)': leaked,
    'leaks (dialog state, redacted at entry)': atEntry ? entryLeaks : 'n/a (no redaction at entry: the raw text was kept)',
    seconds: Math.round(seconds * 10) / 10,
  };
  for (const [k, t] of [...byKind].sort()) out[`kind ${k}`] = `${t.leaks}/${t.cases}`;
  for (const [k, t] of [...byForm].sort()) if (t.leaks > 0) out[`form ${k}`] = `${t.leaks}/${t.cases}`;
  examples.forEach((e, i) => (out[`example ${i + 1}`] = e));
  return out;
}

export async function benchRedaction(): Promise<Record<string, number | string>> {
  return runRedactionFuzz(DEFAULT_SEED, 100_000);
}

if (require.main === module) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? DEFAULT_SEED);
  const count = Number(arg('--count') ?? 100_000);
  for (const [k, v] of Object.entries(runRedactionFuzz(seed, count))) process.stdout.write(`${k}: ${v}\n`);
}
