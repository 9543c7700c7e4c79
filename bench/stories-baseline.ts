/**
 * The story figures of the knowledge base as it was at commit 735d96b (the start of the round that
 * brought triage stories), measured with today's engine and harness and kept in
 * bench/stories/baseline-735d96b.json, so `npm run eval` prints them beside today's figures.
 *
 * How: knowledge/ is taken from that commit with `git archive`, read without today's schema checks
 * (it was valid then; today's schema asks for things it predates), given the `unsure` option on each
 * question (a no-op for ranking, so the harness can skip questions), compiled with the same text-model
 * training, and both story halves are played on it. Only aggregate figures are stored.
 * Rerun when the story files change:  npm run build && node dist/bench/stories-baseline.js
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { COMPILED_FORMAT, compileKnowledgePhrases, indexKnowledge, type Knowledge } from '../src/kb/compiled';
import { projectRoot } from '../src/kb/paths';
import { trainTextModel } from '../src/kb/train';
import { UNSURE_OPTION, type KnowledgeBase } from '../src/kb/types';
import { evaluateHalf, STORY_HALVES, storiesDir, type Half, type StoryFigures } from './stories';

export const BASELINE_COMMIT = '735d96b';

export interface Baseline {
  commit: string;
  note: string;
  measuredAt: string;
  /** Which story files (by digest) the figures were measured on. */
  stories: Partial<Record<Half, { digest: string; n: number }>>;
  figures: Partial<Record<Half, StoryFigures>>;
}

export const baselineFile = (dir = storiesDir()): string => path.join(dir, `baseline-${BASELINE_COMMIT}.json`);

export function readBaseline(file = baselineFile()): Baseline | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Baseline;
  } catch {
    return undefined;
  }
}

function readYaml<T>(file: string): T {
  return parseYaml(fs.readFileSync(file, 'utf8'), { maxAliasCount: 100 }) as T;
}

/** knowledge/ as committed at `commit`, compiled for today's engine. */
export function knowledgeAt(commit: string): Knowledge {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sqltriage-kb-${commit}-`));
  try {
    const tar = execFileSync('git', ['-C', projectRoot(), 'archive', '--format=tar', commit, 'knowledge'], { maxBuffer: 64 * 1024 * 1024 });
    const untar = spawnSync('tar', ['-x', '-C', dir], { input: tar });
    if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
    const k = path.join(dir, 'knowledge');
    const listed = (sub: string) => (fs.existsSync(path.join(k, sub)) ? fs.readdirSync(path.join(k, sub)).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(k, sub, f)) : []);
    const kb: KnowledgeBase = {
      sources: readYaml<{ sources: KnowledgeBase['sources'] }>(path.join(k, 'sources.yaml')).sources,
      families: readYaml<{ families: KnowledgeBase['families'] }>(path.join(k, 'families.yaml')).families,
      causes: listed('causes').flatMap((f) => readYaml<{ causes: KnowledgeBase['causes'] }>(f).causes),
      questions: readYaml<{ questions: KnowledgeBase['questions'] }>(path.join(k, 'questions.yaml')).questions,
      collect: readYaml<{ collect: KnowledgeBase['collect'] }>(path.join(k, 'collect.yaml')).collect,
      signals: listed('signals').flatMap((f) => readYaml<{ signals: KnowledgeBase['signals'] }>(f).signals),
      // Parts added to the knowledge base since that commit start empty.
      riskyAdvice: [],
      foreign: { sqlServer: { phrases: [], ports: [] }, products: [] },
    };
    for (const q of kb.questions) if (!q.options.some((o) => o.id === UNSURE_OPTION)) q.options.push({ id: UNSURE_OPTION, label: 'Not sure / skip', effects: [] });
    return indexKnowledge({ format: COMPILED_FORMAT, builtAt: `commit ${commit}`, kb, model: trainTextModel(kb), phrases: compileKnowledgePhrases(kb) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function measureBaseline(dir = storiesDir()): Baseline {
  const kb = knowledgeAt(BASELINE_COMMIT);
  const out: Baseline = {
    commit: BASELINE_COMMIT,
    note:
      `knowledge/ of commit ${BASELINE_COMMIT} (git archive), read without today's schema checks, each question given the no-op 'unsure' option, ` +
      'compiled with the same text-model training and played with the same harness as today (bench/stories.ts over src/triage/session.ts). ' +
      'Rerun after the story files change: npm run build && node dist/bench/stories-baseline.js',
    measuredAt: new Date().toISOString(),
    stories: {},
    figures: {},
  };
  for (const half of STORY_HALVES) {
    const report = evaluateHalf(half, kb, dir);
    if (!report.figures || !report.digest) continue;
    out.stories[half] = { digest: report.digest, n: report.figures.n };
    out.figures[half] = report.figures;
  }
  return out;
}

if (require.main === module) {
  const baseline = measureBaseline();
  fs.writeFileSync(baselineFile(), `${JSON.stringify(baseline, null, 2)}\n`);
  const line = (h: Half) => {
    const f = baseline.figures[h];
    return f ? `${h}: ${f.n} stories, top-1 after the dialog ${(f.dialog.top1 * 100).toFixed(1)}%` : `${h}: no stories`;
  };
  process.stdout.write(`${path.relative(process.cwd(), baselineFile())}: ${STORY_HALVES.map(line).join('; ')}\n`);
}
