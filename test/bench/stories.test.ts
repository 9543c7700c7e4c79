import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { evaluateHalf, missLines, playStory, readStories, storyFigures, type StoryResult } from '../../bench/stories';
import { loadKnowledge } from '../../src/kb/load';
import { applyEvent, NEW_SESSION, type SessionState, type SessionView } from '../../src/triage/session';

const ROOT = path.join(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'stories');
const kb = loadKnowledge();
const tuning = readStories(path.join(FIXTURES, 'tuning.jsonl'))!;

describe('a story is played through the session engine', () => {
  test('the same events sent to the session end where the story ends', () => {
    const story = tuning.stories[0];
    const played = playStory(story, kb);
    let state: SessionState = NEW_SESSION;
    let view: SessionView | undefined;
    for (const event of [{ paste: story.paste }, ...played.asked.map((a) => ({ answer: a }))]) ({ state, view } = applyEvent(state, event, kb));
    expect(played.final).toEqual(view!.causes.slice(0, 3).map((c) => ({ id: c.id, score: c.score })));
  });

  test('questions are answered from the story, unsure where it says nothing, and a paste-implied question is never asked', () => {
    const story = tuning.stories[0];
    const played = playStory(story, kb);
    for (const a of played.asked) expect(a.option).toBe(story.answers[a.question] ?? 'unsure');
    // The paste names Microsoft.Data.SqlClient: the driver question is answered by it.
    expect(played.asked.map((a) => a.question)).not.toContain('driver');
  });

  test('a story answer that is no option of its question is played as unsure and reported', () => {
    // A paste that leaves several causes close, so the engine asks.
    const base = { id: 'x', cause: 'dropped-network-device', answers: {}, paste: 'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - The semaphore timeout period has expired.)' };
    const first = playStory({ ...base, answers: {} }, kb).asked[0];
    expect(first).toBeDefined();
    const played = playStory({ ...base, answers: { [first.question]: 'no-such-option' } }, kb);
    expect(played.asked[0]).toEqual({ question: first.question, option: 'unsure' });
    expect(played.badAnswers).toEqual([`${first.question}=no-such-option`]);
  });

  test('a story naming a cause the knowledge base lacks is a miss, and said so', () => {
    const played = playStory(tuning.stories.find((s) => s.id === 'fx-t-4')!, kb);
    expect(played.unknownCause).toBe(true);
    expect(missLines({ half: 'tuning', file: '', problems: [], results: [played] })[0]).toMatch(/^ {2}fx-t-4: no-such-cause-in-kb got .+cause not in the knowledge base/);
  });
});

describe('the figures', () => {
  const result = (cause: string, afterPaste: [string, number][], final: [string, number][], asked = 0): StoryResult => ({
    id: cause,
    cause,
    afterPaste: afterPaste.map(([id, score]) => ({ id, score })),
    final: final.map(([id, score]) => ({ id, score })),
    asked: Array.from({ length: asked }, (_, i) => ({ question: `q${i}`, option: 'unsure' })),
    badAnswers: [],
    unknownCause: false,
  });
  const figures = storyFigures([
    result('a', [['b', 0.5], ['a', 0.3]], [['a', 0.9]], 2), // right at 90%
    result('a', [['a', 0.5]], [['b', 0.7], ['c', 0.1], ['a', 0.1]], 1), // wrong at 70%, in the top 3
    result('a', [], [], 0), // unplaced: wrong, no confidence
    result('a', [['a', 0.3]], [['a', 0.35]], 3), // right at 35%
  ]);

  test('top-1 and top-3 after the paste and after the dialog, questions, confidently wrong', () => {
    expect(figures.paste).toEqual({ top1: 0.5, top3: 0.75 });
    expect(figures.dialog).toEqual({ top1: 0.5, top3: 0.75 });
    expect(figures.meanQuestions).toBe(1.5);
    expect(figures.askedNothing).toBe(1);
    expect(figures.confidentlyWrong).toBe(1);
    expect(figures.meanConfidence.right).toBeCloseTo(0.625);
  });

  test('the reliability table puts each story in the bucket of its final top score', () => {
    expect(figures.reliability).toEqual([
      { bucket: '0-20%', n: 1, right: 0, share: 0 },
      { bucket: '20-40%', n: 1, right: 1, share: 1 },
      { bucket: '40-60%', n: 0, right: 0, share: null },
      { bucket: '60-80%', n: 1, right: 0, share: 0 },
      { bucket: '80-100%', n: 1, right: 1, share: 1 },
    ]);
  });
});

describe('story files', () => {
  test('a missing half is reported with a clear message, not a crash', () => {
    const report = evaluateHalf('holdout', kb, path.join(FIXTURES, 'no-such-folder'));
    expect(report.missing).toMatch(/holdout\.jsonl not found/);
    expect(report.results).toEqual([]);
  });

  test('a line that is not a story is skipped and named by its line number', () => {
    expect(readStories(path.join(FIXTURES, 'holdout.jsonl'))!.problems).toEqual(['line 3: not JSON']);
  });
});

describe('npm run eval', () => {
  function evalRun(args: string[]) {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'bench', 'eval.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT });
    return spawnSync(process.execPath, [path.join(ROOT, 'dist', 'bench', 'eval.js'), ...args], { encoding: 'utf8', env: { ...process.env, SQLTRIAGE_STORIES_DIR: FIXTURES } });
  }

  test('reports both halves, lists misses of the tuning half only, and never a holdout story', () => {
    const r = evalRun(['--misses']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Triage stories, tuning half[\s\S]*cause top-1 after the dialog[\s\S]*Triage stories, holdout half[\s\S]*reliability/);
    expect(r.stdout).toContain('fx-t-4: no-such-cause-in-kb');
    expect(r.stdout).not.toMatch(/fx-h-\d/);
    expect(r.stdout).toContain('dev corpus');
  });

  test('--json gives the figures of both halves for machines', () => {
    const out = JSON.parse(evalRun(['--json']).stdout);
    expect(out.stories.tuning.figures.n).toBe(4);
    expect(out.stories.holdout.figures.n).toBe(2);
    expect(out.stories.holdout.figures.reliability).toHaveLength(5);
    expect(JSON.stringify(out.stories.holdout)).not.toMatch(/fx-h-\d/);
    expect(out.dev.classifier.n).toBeGreaterThan(0);
  });
});
