/**
 * Triage stories: each a paste with a known root cause and the truthful answer to every question the
 * story determines. A story is played through the same engine path as `sqltriage session`
 * (src/triage/session.ts): the paste, then every question the engine asks answered from the story
 * (`unsure` when the story does not say), until the engine is done. The figures: cause top-1 and
 * top-3 after the paste and after the dialog, questions asked, confidently wrong endings and the
 * reliability of the final confidence.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Knowledge } from '../src/kb/compiled';
import { projectRoot } from '../src/kb/paths';
import { runDialog, type SessionView } from '../src/triage/session';

export interface Story {
  id: string;
  cause: string;
  family?: string;
  source?: string;
  story?: string;
  paste: string;
  answers: Record<string, string>;
}

export const STORY_HALVES = ['tuning', 'holdout'] as const;
export type Half = (typeof STORY_HALVES)[number];

export function storiesDir(): string {
  return process.env.SQLTRIAGE_STORIES_DIR ?? path.join(projectRoot(), 'bench', 'stories');
}

export const storyFile = (half: Half, dir = storiesDir()): string => path.join(dir, `${half}.jsonl`);

/** A final top cause at or above this score that is wrong is "confidently wrong" (issue #11's target: none). */
export const CONFIDENT = 0.6;
/** Reliability buckets of the final top score (lower bound inclusive; the last includes 1). */
export const BUCKETS = [0, 0.2, 0.4, 0.6, 0.8] as const;

export interface StoryFile {
  file: string;
  /** sha256 of the file, first 12 hex digits: which stories a figure was measured on. */
  digest: string;
  stories: Story[];
  /** Lines that are not stories: "line N: reason". */
  problems: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function toStory(value: unknown): Story | string {
  if (!isRecord(value)) return 'not a JSON object';
  for (const k of ['id', 'cause', 'paste'] as const) if (typeof value[k] !== 'string' || value[k] === '') return `"${k}" must be a non-empty string`;
  const answers = value.answers ?? {};
  if (!isRecord(answers) || Object.values(answers).some((v) => typeof v !== 'string')) return '"answers" must map question ids to option ids';
  return { ...(value as unknown as Story), answers: answers as Record<string, string> };
}

/** Reads a story file; undefined when it does not exist (the caller says so). */
export function readStories(file: string): StoryFile | undefined {
  if (!fs.existsSync(file)) return undefined;
  const raw = fs.readFileSync(file, 'utf8');
  const stories: Story[] = [];
  const problems: string[] = [];
  raw.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not JSON`);
      return;
    }
    const story = toStory(value);
    if (typeof story === 'string') problems.push(`line ${i + 1}: ${story}`);
    else stories.push(story);
  });
  return { file, digest: createHash('sha256').update(raw).digest('hex').slice(0, 12), stories, problems };
}

export interface StoryResult {
  id: string;
  cause: string;
  /** Top three causes after the paste and at the end (an unplaceable paste has none). */
  afterPaste: { id: string; score: number }[];
  final: { id: string; score: number }[];
  asked: { question: string; option: string }[];
  /** Story answers naming an option the question does not have (answered `unsure` instead). */
  badAnswers: string[];
  /** The story's cause is not in the knowledge base. */
  unknownCause: boolean;
}

// A paste the bot could not place, or placed as another product, names no SQL Server cause: a miss.
const top3 = (v: SessionView) => (v.kind === 'unknown' || v.kind === 'foreign' ? [] : v.causes.slice(0, 3).map((c) => ({ id: c.id, score: c.score })));

export function playStory(story: Story, kb: Knowledge): StoryResult {
  const badAnswers: string[] = [];
  const run = runDialog(kb, { text: story.paste }, (q) => {
    const option = story.answers[q.id];
    if (option === undefined) return undefined;
    if (q.options.some((o) => o.id === option)) return option;
    badAnswers.push(`${q.id}=${option}`);
    return undefined;
  });
  return { id: story.id, cause: story.cause, afterPaste: top3(run.afterPaste), final: top3(run.final), asked: run.asked, badAnswers, unknownCause: !kb.cause.has(story.cause) };
}

export interface ReliabilityRow {
  bucket: string;
  n: number;
  right: number;
  /** Share right, or null for an empty bucket. */
  share: number | null;
}

export interface StoryFigures {
  n: number;
  paste: { top1: number; top3: number };
  dialog: { top1: number; top3: number };
  meanQuestions: number;
  /** Stories in which the engine asked nothing. */
  askedNothing: number;
  confidentlyWrong: number;
  meanConfidence: { right: number | null; wrong: number | null };
  reliability: ReliabilityRow[];
  /** Data problems: stories naming a cause the knowledge base lacks, answers naming no option. */
  unknownCauses: number;
  badAnswers: number;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

export function storyFigures(results: StoryResult[]): StoryFigures {
  const n = results.length;
  const share = (f: (r: StoryResult) => boolean) => (n ? results.filter(f).length / n : 0);
  const first = (r: StoryResult, at: 'afterPaste' | 'final') => r[at][0]?.id === r.cause;
  const inTop3 = (r: StoryResult, at: 'afterPaste' | 'final') => r[at].some((c) => c.id === r.cause);
  const confidence = (r: StoryResult) => r.final[0]?.score ?? 0;
  const reliability = BUCKETS.map((lo, i) => {
    const hi = BUCKETS[i + 1] ?? Infinity;
    const inBucket = results.filter((r) => confidence(r) >= lo && confidence(r) < hi);
    const right = inBucket.filter((r) => first(r, 'final')).length;
    return { bucket: `${lo * 100}-${(BUCKETS[i + 1] ?? 1) * 100}%`, n: inBucket.length, right, share: inBucket.length ? right / inBucket.length : null };
  });
  return {
    n,
    paste: { top1: share((r) => first(r, 'afterPaste')), top3: share((r) => inTop3(r, 'afterPaste')) },
    dialog: { top1: share((r) => first(r, 'final')), top3: share((r) => inTop3(r, 'final')) },
    meanQuestions: mean(results.map((r) => r.asked.length)) ?? 0,
    askedNothing: results.filter((r) => r.asked.length === 0).length,
    confidentlyWrong: results.filter((r) => !first(r, 'final') && confidence(r) >= CONFIDENT).length,
    meanConfidence: { right: mean(results.filter((r) => first(r, 'final')).map(confidence)), wrong: mean(results.filter((r) => !first(r, 'final')).map(confidence)) },
    reliability,
    unknownCauses: results.filter((r) => r.unknownCause).length,
    badAnswers: results.reduce((a, r) => a + r.badAnswers.length, 0),
  };
}

export interface HalfReport {
  half: Half;
  file: string;
  digest?: string;
  /** Set when the file is missing or unreadable. */
  missing?: string;
  problems: string[];
  figures?: StoryFigures;
  results: StoryResult[];
}

export function evaluateHalf(half: Half, kb: Knowledge, dir = storiesDir()): HalfReport {
  const file = storyFile(half, dir);
  const read = readStories(file);
  if (!read) return { half, file, missing: `${file} not found — write the ${half} stories there (one JSON story a line, see bench/stories/README.md)`, problems: [], results: [] };
  const results = read.stories.map((s) => playStory(s, kb));
  return { half, file, digest: read.digest, problems: read.problems, figures: storyFigures(results), results };
}

/** One line per story that did not end with its cause first (the tuning half only: holdout stays aggregate). */
export function missLines(report: HalfReport): string[] {
  return report.results
    .filter((r) => r.final[0]?.id !== r.cause)
    .map((r) => {
      const got = r.final.length ? r.final.map((c) => `${c.id} ${(c.score * 100).toFixed(0)}%`).join(', ') : 'unplaced';
      const asked = r.asked.length ? r.asked.map((a) => `${a.question}=${a.option}`).join(' ') : 'none';
      const notes = [...(r.unknownCause ? ['cause not in the knowledge base'] : []), ...r.badAnswers.map((b) => `story answer ${b} is no option`)];
      return `  ${r.id}: ${r.cause} got ${got}; asked ${asked}${notes.length ? ` (${notes.join('; ')})` : ''}`;
    });
}
