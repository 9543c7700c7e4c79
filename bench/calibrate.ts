/**
 * `node dist/bench/calibrate.js [--folds 5] [--seed 20261129]`: fits the confidence calibration of
 * knowledge/calibration.yaml on the TUNING stories only (the holdout half is never read here).
 *
 * Every tuning story is played once through the session path; calibrating changes only the scores
 * shown, never the questions asked (question choice and stop rules use the model's own probabilities),
 * so each story's final cause log-odds can be re-tempered offline. The shown temperature is
 *   T(answers) = temperature + fewAnswersTemperature / (1 + answers)
 * and the pair is chosen on a grid by the smallest log-loss of the bot's claim "the cause I name first
 * is right with probability (its score)", among the pairs whose stories at >= 60% are right at least
 * 9 times in 10 (issue #11's promise).
 * k-fold cross-validation (stories shuffled with the printed seed) reports what that fit does on
 * stories it did not see: pooled out-of-fold reliability table and confidently wrong count.
 */
import { parseArgs } from 'util';
import { loadKnowledge } from '../src/kb/load';
import { scoreCase } from '../src/triage/rank';
import { runDialog } from '../src/triage/session';
import { isObservation } from '../src/triage/rank';
import { BUCKETS, CONFIDENT, readStories, storyFile, type Story } from './stories';

interface Played {
  id: string;
  /** Final log-odds per cause (temperature 1) and the share no SQL Server cause takes. */
  logits: number[];
  truth: number;
  unknownShare: number;
  answers: number;
}

interface Params {
  temperature: number;
  fewAnswersTemperature: number;
}

function play(stories: Story[]): Played[] {
  const kb = loadKnowledge();
  const ids = kb.kb.causes.map((c) => c.id);
  return stories.map((story) => {
    const run = runDialog(kb, { text: story.paste }, (q) => (q.options.some((o) => o.id === story.answers[q.id]) ? story.answers[q.id] : undefined));
    const c = run.state.case!;
    const scores = scoreCase(c, kb);
    const total = scores.posterior.reduce((a, r) => a + r.score, 0);
    const answers = c.evidence.filter((e) => e.kind === 'answer' && !e.implied && isObservation(kb.question.get(e.question), e.option)).length;
    return { id: story.id, logits: ids.map((id) => scores.logits.get(id)!), truth: ids.indexOf(story.cause), unknownShare: scores.ranking.unknown ? 1 : 1 - total, answers };
  });
}

/** The shown distribution of one played story under the parameters: its top score, whether right, p(truth). */
function shown(p: Played, params: Params): { top: number; right: boolean; pTruth: number } {
  const t = params.temperature + params.fewAnswersTemperature / (1 + p.answers);
  const max = Math.max(...p.logits);
  const e = p.logits.map((l) => Math.exp((l - max) / t));
  const sum = e.reduce((a, b) => a + b, 0);
  let best = 0;
  e.forEach((x, i) => {
    if (x > e[best]) best = i;
  });
  const k = (1 - p.unknownShare) / sum;
  return { top: e[best] * k, right: best === p.truth && p.unknownShare < 1, pTruth: p.truth >= 0 ? e[p.truth] * k : 0 };
}

function figures(played: Played[], params: Params) {
  const s = played.map((p) => shown(p, params));
  // Log-loss of the claim the bot makes: "the cause I name first is right with probability top".
  const clamp = (x: number) => Math.min(Math.max(x, 1e-4), 1 - 1e-4);
  const nll = s.reduce((a, x) => a - Math.log(x.right ? clamp(x.top) : 1 - clamp(x.top)), 0) / Math.max(s.length, 1);
  const confident = s.filter((x) => x.top >= CONFIDENT);
  return {
    nll,
    confident: confident.length,
    confidentRight: confident.filter((x) => x.right).length,
    confidentlyWrong: confident.filter((x) => !x.right).length,
    shown: s,
  };
}

/** The grid never sharpens the knowledge weights (temperature >= 1): on about 100 stories a fit that makes
 *  the bot sound surer than its weights is more likely noise than signal. */
const GRID: Params[] = [];
for (let t = 1; t <= 3.001; t += 0.05) for (let f = 0; f <= 3.001; f += 0.1) GRID.push({ temperature: +t.toFixed(2), fewAnswersTemperature: +f.toFixed(2) });

/** The smallest log-loss among the grid points keeping >= 60% right 9 in 10 (if none does, the smallest log-loss). */
function fit(played: Played[]): Params {
  let best: { params: Params; nll: number; honest: boolean } | undefined;
  for (const params of GRID) {
    const f = figures(played, params);
    const honest = f.confident === 0 || f.confidentRight / f.confident >= 0.9;
    if (!best || (honest && !best.honest) || (honest === best.honest && f.nll < best.nll)) best = { params, nll: f.nll, honest };
  }
  return best!.params;
}

/** Mulberry32: a seeded shuffle, so the folds are the same run after run. */
function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function table(rows: { top: number; right: boolean }[]): string[] {
  return BUCKETS.map((lo, i) => {
    const hi = BUCKETS[i + 1] ?? Infinity;
    const inB = rows.filter((r) => r.top >= lo && r.top < hi);
    const right = inB.filter((r) => r.right).length;
    return `    ${`${lo * 100}-${(BUCKETS[i + 1] ?? 1) * 100}%`.padEnd(8)} ${String(inB.length).padStart(4)} ${inB.length ? `${((right / inB.length) * 100).toFixed(1)}%` : '—'}`;
  });
}

if (require.main === module) {
  const { values } = parseArgs({ options: { folds: { type: 'string', default: '5' }, seed: { type: 'string', default: '20261129' } } });
  const folds = Number(values.folds);
  const seed = Number(values.seed);
  const read = readStories(storyFile('tuning'));
  if (!read) throw new Error('bench/stories/tuning.jsonl not found');
  const played = play(read.stories);
  const out: string[] = [`tuning stories: ${played.length}; ${folds}-fold cross-validation, seed ${seed}`];
  const order = shuffled(played, seed);
  const oof: { top: number; right: boolean }[] = [];
  for (let k = 0; k < folds; k++) {
    const test = order.filter((_, i) => i % folds === k);
    const train = order.filter((_, i) => i % folds !== k);
    const params = fit(train);
    const f = figures(test, params);
    oof.push(...f.shown);
    out.push(`  fold ${k + 1}: fitted temperature ${params.temperature}, fewAnswersTemperature ${params.fewAnswersTemperature}; held-out log-loss ${f.nll.toFixed(3)}, >= 60%: ${f.confidentRight}/${f.confident} right`);
  }
  const conf = oof.filter((r) => r.top >= CONFIDENT);
  out.push(`  out of fold: >= 60% right ${conf.filter((r) => r.right).length}/${conf.length}, confidently wrong ${conf.filter((r) => !r.right).length}`, '  out-of-fold reliability (final top score -> stories, share right):', ...table(oof));
  const all = fit(played);
  const f = figures(played, all);
  const none = figures(played, { temperature: 1, fewAnswersTemperature: 0 });
  out.push(
    `all tuning stories: temperature ${all.temperature}, fewAnswersTemperature ${all.fewAnswersTemperature} (log-loss ${f.nll.toFixed(3)}; uncalibrated ${none.nll.toFixed(3)}); >= 60% right ${f.confidentRight}/${f.confident}`,
    '  reliability with these values:',
    ...table(f.shown),
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
