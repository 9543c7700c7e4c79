/**
 * `npm run eval`: first the triage stories (bench/stories/*.jsonl, both halves, beside the figures of
 * the knowledge base at the start of the round: bench/stories.ts, bench/stories-baseline.ts), then the
 * family-level report on the labelled dev corpus (../shared/corpus/errors-dev.jsonl): top-1 and top-3
 * by family (primary or secondary label), the confusion pairs, and a plain keyword-lookup baseline.
 * `--json` prints the figures as JSON; `--misses` lists the tuning stories (never the holdout ones)
 * and the corpus items that missed; `--temperature T` shows this run's cause scores at another temperature.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../src/kb/load';
import { classifyText } from '../src/triage/classify-text';
import { CorpusItem, readCorpus } from './corpus';
import { projectRoot } from '../src/kb/paths';
import { evaluateForeign, FOREIGN_HOLDOUT, FOREIGN_TUNING, ForeignReport, readForeign } from './foreign';
import { evaluateHalf, missLines, STORY_HALVES, type HalfReport, type StoryFigures } from './stories';
import { BASELINE_COMMIT, baselineFile, readBaseline, type Baseline } from './stories-baseline';

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
    /** Answered "I could not place this" (counted as wrong in top-1). */
    couldNotPlace: scored.filter((s) => s.ranked[0] === 'unknown').length,
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
    out.push(`answered "I could not place this" (counted wrong): ${c.couldNotPlace} of ${c.n}`);
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

const num = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : x.toFixed(digits));
const pctOrDash = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : pct(x));

function storyTable(report: HalfReport, base: StoryFigures | undefined, baseNote: string): string[] {
  const f = report.figures!;
  const b = base;
  const row = (label: string, today: string, then: string) => `  ${label.padEnd(46)} ${today.padStart(9)}  ${then.padStart(11)}`;
  const out = [row('', 'today', `at ${BASELINE_COMMIT}`)];
  out.push(row('stories', String(f.n), b ? String(b.n) : '—'));
  out.push(row('cause top-1 after the paste', pct(f.paste.top1), pctOrDash(b?.paste.top1)));
  out.push(row('cause top-3 after the paste', pct(f.paste.top3), pctOrDash(b?.paste.top3)));
  out.push(row('cause top-1 after the dialog', pct(f.dialog.top1), pctOrDash(b?.dialog.top1)));
  out.push(row('cause top-3 after the dialog', pct(f.dialog.top3), pctOrDash(b?.dialog.top3)));
  out.push(row('mean questions asked', num(f.meanQuestions, 2), num(b?.meanQuestions, 2)));
  out.push(row('stories with no question asked', String(f.askedNothing), b ? String(b.askedNothing) : '—'));
  out.push(row('confidently wrong (>= 60% on a wrong cause)', String(f.confidentlyWrong), b ? String(b.confidentlyWrong) : '—'));
  out.push(row('mean final confidence when right', pctOrDash(f.meanConfidence.right), pctOrDash(b?.meanConfidence.right)));
  out.push(row('mean final confidence when wrong', pctOrDash(f.meanConfidence.wrong), pctOrDash(b?.meanConfidence.wrong)));
  out.push('  reliability: final top score -> stories, share right (today | at ' + BASELINE_COMMIT + ')');
  f.reliability.forEach((r, i) => {
    const t = b?.reliability[i];
    out.push(`    ${r.bucket.padEnd(8)} ${String(r.n).padStart(4)} ${pctOrDash(r.share).padStart(7)}   | ${t ? String(t.n).padStart(4) : '   —'} ${pctOrDash(t?.share).padStart(7)}`);
  });
  if (f.unknownCauses || f.badAnswers) out.push(`  data: ${f.unknownCauses} stories name a cause the knowledge base lacks; ${f.badAnswers} story answers name no option (played as unsure)`);
  if (baseNote) out.push(`  note: ${baseNote}`);
  return out;
}

function printStories(reports: HalfReport[], baseline: Baseline | undefined, misses: boolean): void {
  const out: string[] = [];
  for (const r of reports) {
    const rel = path.relative(process.cwd(), r.file);
    if (r.missing) {
      out.push(`Triage stories, ${r.half} half: ${r.missing}`, '');
      continue;
    }
    out.push(`Triage stories, ${r.half} half (${rel}${r.half === 'holdout' ? ', measuring only: aggregate figures' : ''})`);
    for (const p of r.problems) out.push(`  skipped ${p}`);
    const measured = baseline?.stories[r.half];
    const baseNote = !baseline
      ? `no ${path.relative(process.cwd(), baselineFile())}: node dist/bench/stories-baseline.js measures it`
      : measured && measured.digest !== r.digest
        ? `the ${BASELINE_COMMIT} figures were measured on another version of this file (${measured.n} stories); rerun node dist/bench/stories-baseline.js`
        : '';
    out.push(...storyTable(r, baseline?.figures[r.half], baseNote));
    if (misses && r.half === 'tuning') out.push('  misses (final top cause is not the story\'s):', ...missLines(r));
    out.push('');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `--temperature T`: this run shows cause scores at temperature T (knowledge/calibration.yaml's fitted values set aside), to try a value. */
function temperatureOverride(): number | undefined {
  const i = process.argv.findIndex((a) => a === '--temperature' || a.startsWith('--temperature='));
  if (i < 0) return undefined;
  const raw = process.argv[i].includes('=') ? process.argv[i].split('=')[1] : process.argv[i + 1];
  const t = Number(raw);
  if (!(t > 0)) {
    process.stderr.write(`eval: --temperature needs a positive number, not '${raw}'\n`);
    process.exit(2);
  }
  return t;
}

/** The eval measures the knowledge base itself: no store is read, so no deployment's history changes a figure. */
const LEARNING_OFF = 'off';
const LEARNING_NOTE = "the knowledge base's own priors; local priors from closed cases (SQLTRIAGE_LEARNING) are never applied here, so these figures do not depend on any deployment's history";

if (require.main === module) {
  const t = temperatureOverride();
  if (t !== undefined) {
    process.stdout.write(`(this run: cause scores shown at temperature ${t}; the baseline column is as measured)\n\n`);
  }
  // The knowledge base alone: local priors from a deployment's closed cases (src/learn) never enter the eval.
  const kb = loadKnowledge();
  if (t !== undefined) kb.kb.calibration = { confidence: { temperature: t, fewAnswersTemperature: 0 } };
  const misses = process.argv.includes('--misses');
  const reports = STORY_HALVES.map((half) => evaluateHalf(half, kb));
  const baseline = readBaseline();
  const dev = evaluate();
  const holdout = evaluate(readCorpus(HOLDOUT));
  const foreign = { tuning: evaluateForeign(readForeign(FOREIGN_TUNING), kb), holdout: evaluateForeign(readForeign(FOREIGN_HOLDOUT), kb) };
  if (process.argv.includes('--json')) {
    const stories = Object.fromEntries(
      reports.map((r) => [
        r.half,
        {
          file: path.relative(projectRoot(), r.file),
          ...(r.missing ? { missing: r.missing } : { digest: r.digest, problems: r.problems, figures: r.figures }),
          ...(misses && r.half === 'tuning' ? { misses: r.results.filter((x) => x.final[0]?.id !== x.cause) } : {}),
        },
      ]),
    );
    process.stdout.write(`${JSON.stringify({ learning: LEARNING_OFF, stories, baseline: baseline ?? null, dev, holdout, foreign }, null, 2)}\n`);
  } else {
    process.stdout.write(`learning: ${LEARNING_OFF} (${LEARNING_NOTE})\n\n`);
    printStories(reports, baseline, misses);
    printReport('dev corpus (../shared/corpus/errors-dev.jsonl)', dev);
    printReport('team holdout (test/fixtures/holdout-errors.jsonl, never tuned on)', holdout);
    printForeign('foreign texts, tuning half (bench/fixtures/foreign-errors.jsonl)', foreign.tuning);
    printForeign('foreign texts, holdout half (bench/fixtures/foreign-holdout.jsonl, never tuned on)', foreign.holdout);
  }
}
