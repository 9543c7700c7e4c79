/**
 * `npm run eval`: scores the classifier on the labelled dev corpus (../shared/corpus/errors-dev.jsonl):
 * top-1 and top-3 accuracy by family (counting the primary or the secondary label), the confusion
 * pairs, and the same for a plain keyword-lookup baseline. `--json` prints the figures as JSON.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../src/kb/load';
import { classifyText } from '../src/triage/classify-text';
import { CorpusItem, readCorpus } from './corpus';
import { projectRoot } from '../src/kb/paths';
import { evaluateForeign, FOREIGN_HOLDOUT, FOREIGN_TUNING, ForeignReport, readForeign } from './foreign';

interface Scored {
  item: CorpusItem;
  ranked: string[];
}

function keywordBaseline(): (text: string) => string[] {
  const table = JSON.parse(fs.readFileSync(path.join(projectRoot(), 'bench', 'baseline-keywords.json'), 'utf8')) as {
    families: [string, string[]][];
    fallback: string;
  };
  return (text) => {
    const lower = text.toLowerCase();
    const hits = table.families.filter(([, words]) => words.some((w) => lower.includes(w))).map(([f]) => f);
    return hits.length ? hits : [table.fallback];
  };
}

const ok = (item: CorpusItem, family: string | undefined): boolean => family === item.family || (!!item.secondary && family === item.secondary);

function report(name: string, scored: Scored[]) {
  const n = scored.length;
  const top1 = scored.filter((s) => ok(s.item, s.ranked[0])).length;
  const top3 = scored.filter((s) => s.ranked.slice(0, 3).some((f) => ok(s.item, f))).length;
  const byFamily = new Map<string, { n: number; top1: number; top3: number }>();
  const confusion = new Map<string, number>();
  for (const s of scored) {
    const row = byFamily.get(s.item.family) ?? { n: 0, top1: 0, top3: 0 };
    row.n++;
    if (ok(s.item, s.ranked[0])) row.top1++;
    else confusion.set(`${s.item.family} -> ${s.ranked[0] ?? 'unknown'}`, (confusion.get(`${s.item.family} -> ${s.ranked[0] ?? 'unknown'}`) ?? 0) + 1);
    if (s.ranked.slice(0, 3).some((f) => ok(s.item, f))) row.top3++;
    byFamily.set(s.item.family, row);
  }
  return {
    name,
    n,
    top1: top1 / n,
    top3: top3 / n,
    byFamily: Object.fromEntries([...byFamily.entries()].sort().map(([f, r]) => [f, { n: r.n, top1: r.top1 / r.n, top3: r.top3 / r.n }])),
    confusion: Object.fromEntries([...confusion.entries()].sort((a, b) => b[1] - a[1])),
    misses: scored.filter((s) => !ok(s.item, s.ranked[0])).map((s) => ({ id: s.item.id, label: s.item.family, secondary: s.item.secondary, got: s.ranked.slice(0, 3) })),
  };
}

export function evaluate(items: CorpusItem[] = readCorpus()) {
  const kb = loadKnowledge();
  const classifier: Scored[] = items.map((item) => {
    const r = classifyText(item.text, kb);
    return { item, ranked: r.kind === 'unknown' ? ['unknown', ...r.symptoms.map((s) => s.id)] : r.symptoms.map((s) => s.id) };
  });
  const baseline = keywordBaseline();
  const base: Scored[] = items.map((item) => ({ item, ranked: baseline(item.text) }));
  return { classifier: report('sqltriage', classifier), baseline: report('keyword baseline', base) };
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Texts the team wrote for checking generalisation; never used to tune knowledge or weights. */
export const HOLDOUT = path.join(projectRoot(), 'test', 'fixtures', 'holdout-errors.jsonl');

function printReport(title: string, result: ReturnType<typeof evaluate>): void {
  {
    const { classifier: c, baseline: b } = result;
    const out: string[] = [];
    out.push(`${title}: ${c.n} texts (primary or secondary label counts as right)`);
    out.push(`                       top-1    top-3`);
    out.push(`sqltriage            ${pct(c.top1).padStart(7)}  ${pct(c.top3).padStart(7)}`);
    out.push(`keyword baseline     ${pct(b.top1).padStart(7)}  ${pct(b.top3).padStart(7)}`);
    out.push('', 'by family (n, sqltriage top-1 / top-3, baseline top-1):');
    for (const [f, r] of Object.entries(c.byFamily)) {
      out.push(`  ${f.padEnd(24)} ${String(r.n).padStart(3)}  ${pct(r.top1).padStart(7)} / ${pct(r.top3).padStart(7)}   ${pct(b.byFamily[f]?.top1 ?? 0).padStart(7)}`);
    }
    out.push('', 'confusion (label -> ranked first):');
    for (const [pair, count] of Object.entries(c.confusion)) out.push(`  ${count}x ${pair}`);
    if (process.argv.includes('--misses')) for (const m of c.misses) out.push(`  miss ${m.id}: ${m.label}${m.secondary ? `/${m.secondary}` : ''} got ${m.got.join(', ')}`);
    process.stdout.write(`${out.join('\n')}\n\n`);
  }
}

function printForeign(title: string, r: ForeignReport): void {
  const out = [
    `${title}: ${r.n} texts from other databases and generic HTTP/OS errors`,
    `  highest SQL Server family score ${r.maxFamilyScore.toFixed(3)}; answered with a SQL Server family at >= 0.5: ${r.confident}`,
    `  recognised as not SQL Server: ${r.recognised}/${r.n}; right product named: ${r.rightProduct}/${r.n}`,
  ];
  if (process.argv.includes('--misses')) for (const m of r.misses) out.push(`  miss ${m.id}: ${m.product} got ${m.kind}${m.named ? ` (${m.named})` : ''}, top ${m.top?.id} ${m.top?.score.toFixed(3)}`);
  process.stdout.write(`${out.join('\n')}\n\n`);
}

if (require.main === module) {
  const dev = evaluate();
  const holdout = evaluate(readCorpus(HOLDOUT));
  const kb = loadKnowledge();
  const foreign = { tuning: evaluateForeign(readForeign(FOREIGN_TUNING), kb), holdout: evaluateForeign(readForeign(FOREIGN_HOLDOUT), kb) };
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify({ dev, holdout, foreign }, null, 2)}\n`);
  else {
    printReport('dev corpus (../shared/corpus/errors-dev.jsonl)', dev);
    printReport('team holdout (test/fixtures/holdout-errors.jsonl, never tuned on)', holdout);
    printForeign('foreign texts, tuning half (bench/fixtures/foreign-errors.jsonl)', foreign.tuning);
    printForeign('foreign texts, holdout half (bench/fixtures/foreign-holdout.jsonl, never tuned on)', foreign.holdout);
  }
}
