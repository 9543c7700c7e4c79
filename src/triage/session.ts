/**
 * The engine's conversation without a chat: events in (a paste, an answer), one view out per event.
 * `sqltriage session` and the story evaluation (bench/stories.ts) both drive triage through
 * applyEvent, so what the evaluation measures is what a script talking to the session gets.
 */
import type { Knowledge } from '../kb/compiled';
import type { Question } from '../kb/types';
import { UNSURE_OPTION } from '../kb/types';
import { openCase } from './case';
import { addAnswer, addPaste } from './evidence';
import { takenFromPaste, type TakenFromPaste } from './implied';
import { nextStep, type Offer } from './next-step';
import { rankCase } from './rank';
import { signalsOfEvidence } from './artifact-evidence';
import type { Case } from './types';
import { roundScore } from './percent';

export type SessionEvent = { paste: string; name?: string } | { answer: { question: string; option: string } };

export interface SessionView {
  /** 'foreign': the pastes come from another product (named in `foreign`), not from SQL Server. */
  kind: 'error' | 'sqlcheck' | 'unknown' | 'foreign';
  foreign?: { product: string; name: string };
  families: { id: string; score: number }[];
  /** Every cause, best first. */
  causes: { id: string; title: string; score: number }[];
  /** Questions the pastes answered, so they are never asked. */
  implied: TakenFromPaste[];
  /** Artifacts the pastes held (ERRORLOG, netstat ...): what was read from each, and the signals it gives in this case. */
  artifacts: { kind: string; title: string; facts: { label: string; value: string }[]; signals: string[] }[];
  next: { question: { id: string; text: string; options: { id: string; label: string }[] } } | { done: { reason: string; offers: Offer[] } };
}

export interface SessionState {
  /** Absent until the first paste. */
  case?: Case;
  /** What the last accepted input was. */
  input: 'error' | 'sqlcheck';
}

/** An event the session refuses (bad shape, unknown question, answer before a paste ...): the session goes on. */
export class SessionEventError extends Error {}

export const NEW_SESSION: SessionState = { input: 'error' };

/** Scores in views are rounded by the one rule (src/triage/percent.ts), as classify --json rounds them. */
const round = roundScore;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape of one decoded JSON line. */
export function toSessionEvent(value: unknown): SessionEvent {
  if (!isRecord(value)) throw new SessionEventError('expected a JSON object: {"paste": TEXT} or {"answer": {"question": ID, "option": ID}}');
  const keys = Object.keys(value);
  if ('paste' in value) {
    const extra = keys.filter((k) => k !== 'paste' && k !== 'name');
    if (extra.length) throw new SessionEventError(`unexpected field '${extra[0]}' in a paste (allowed: paste, name)`);
    if (typeof value.paste !== 'string') throw new SessionEventError('"paste" must be a string');
    if (value.name !== undefined && typeof value.name !== 'string') throw new SessionEventError('"name" must be a string');
    return value.name === undefined ? { paste: value.paste } : { paste: value.paste, name: value.name };
  }
  if ('answer' in value) {
    const extra = keys.filter((k) => k !== 'answer');
    if (extra.length) throw new SessionEventError(`unexpected field '${extra[0]}' beside "answer"`);
    const a = value.answer;
    if (!isRecord(a) || typeof a.question !== 'string' || typeof a.option !== 'string') {
      throw new SessionEventError('"answer" must be {"question": ID, "option": ID}');
    }
    return { answer: { question: a.question, option: a.option } };
  }
  throw new SessionEventError('expected "paste" or "answer"');
}

function checkAnswer(c: Case | undefined, question: string, option: string, kb: Knowledge): Case {
  if (!c) throw new SessionEventError('no case yet: send a paste before answering');
  const q = kb.question.get(question);
  if (!q) throw new SessionEventError(`unknown question '${question}'`);
  if (!q.options.some((o) => o.id === option)) throw new SessionEventError(`question '${question}' has no option '${option}' (options: ${q.options.map((o) => o.id).join(', ')})`);
  // Only the user's own answers are final; one taken from the paste may be corrected.
  const earlier = c.evidence.find((e) => e.kind === 'answer' && e.question === question && !e.implied);
  if (earlier && earlier.kind === 'answer') throw new SessionEventError(`question '${question}' is already answered ('${earlier.option}')`);
  return c;
}

export function sessionView(state: SessionState, kb: Knowledge): SessionView {
  const c = state.case ?? openCase({ id: 'session', now: new Date(0) });
  const ranking = rankCase(c, kb);
  const step = nextStep(c, kb);
  return {
    kind: ranking.foreign ? 'foreign' : ranking.unknown ? 'unknown' : state.input,
    ...(ranking.foreign ? { foreign: { product: ranking.foreign.id, name: ranking.foreign.name } } : {}),
    families: ranking.families.map((f) => ({ id: f.id, score: round(f.score) })),
    causes: ranking.causes.map((r) => ({ id: r.id, title: r.title, score: round(r.score) })),
    implied: takenFromPaste(c, kb),
    artifacts: c.evidence.flatMap((e) => (e.kind === 'artifact' ? [{ kind: e.artifact.kind, title: e.artifact.title, facts: e.artifact.facts, signals: signalsOfEvidence(c, e) }] : [])),
    next:
      step.kind === 'question'
        ? { question: { id: step.question.id, text: step.question.text, options: step.question.options.map((o) => ({ id: o.id, label: o.label })) } }
        : { done: { reason: step.reason, offers: step.offers } },
  };
}

/** Applies one event; a refused event throws SessionEventError and leaves the state as it was. */
export function applyEvent(state: SessionState, event: SessionEvent, kb: Knowledge, opts: { by?: string; now?: Date } = {}): { state: SessionState; view: SessionView } {
  const by = opts.by ?? 'session';
  let next: SessionState;
  if ('paste' in event) {
    const out = addPaste(state.case ?? openCase({ now: opts.now }), event.paste, kb, { by, now: opts.now });
    if (out.message) throw new SessionEventError(event.name ? `${event.name}: ${out.message}` : out.message);
    next = { case: out.case, input: out.kind === 'sqlcheck' ? 'sqlcheck' : 'error' };
  } else {
    const { question, option } = event.answer;
    const c = checkAnswer(state.case, question, option, kb);
    next = { ...state, case: addAnswer(c, question, option, kb, { by, now: opts.now }) };
  }
  return { state: next, view: sessionView(next, kb) };
}

export interface DialogRun {
  afterPaste: SessionView;
  /** The session at the end (its case holds every answer). */
  state: SessionState;
  final: SessionView;
  /** The questions the engine asked, in order, with the answer given. */
  asked: { question: string; option: string }[];
}

/**
 * A whole triage: the paste, then each question the engine asks answered by `answer` (an option id,
 * or undefined for "Not sure / skip"), until the engine is done.
 */
export function runDialog(kb: Knowledge, paste: { text: string; name?: string }, answer: (q: Question) => string | undefined): DialogRun {
  let { state, view } = applyEvent(NEW_SESSION, paste.name === undefined ? { paste: paste.text } : { paste: paste.text, name: paste.name }, kb);
  const afterPaste = view;
  const asked: DialogRun['asked'] = [];
  // nextStep stops by itself (STOP_RULES.maxQuestions); the bound only guards against a loop.
  while ('question' in view.next && asked.length <= kb.kb.questions.length) {
    const q = kb.question.get(view.next.question.id)!;
    const option = answer(q) ?? UNSURE_OPTION;
    ({ state, view } = applyEvent(state, { answer: { question: q.id, option } }, kb));
    asked.push({ question: q.id, option });
  }
  return { afterPaste, state, final: view, asked };
}
