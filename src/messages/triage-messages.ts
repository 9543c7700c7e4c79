/**
 * Neutral messages built from what the triage engine returns. The wording of the conversation lives
 * here; the facts (causes, checks, fixes, questions) come from the knowledge base through the engine.
 * Short first: a diagnosis names the family, the leading causes with one line each and what was
 * taken from the paste; each cause's checks, fixes and source open on demand.
 */
import type { Question } from '../kb/types';
import { artifactBlocks, type ArtifactView } from './artifact-blocks';
import { localHistoryBlocks, type LocalNoteView } from './local-history';
import { Block, CauseView, ChoiceBlock, FixView, message, Message, MessageAction, percent } from './model';

/** The parts of the engine's Diagnosis that are shown (structural, so the engine may add fields). */
export interface DiagnosisView {
  unknown: boolean;
  /** Another product's error (PostgreSQL, MySQL ...), not SQL Server's. */
  foreign?: { id: string; name: string; signs: string[] };
  family?: { id: string; title: string; score: number };
  causes: {
    id: string;
    title: string;
    score: number;
    summary: string;
    checks: string[];
    fixes: FixView[];
    source: { title: string; url: string; section?: string };
  }[];
  changes: { id: string; title: string; before: number; after: number }[];
  /** Questions the paste answered (never asked), in words. */
  fromPaste?: { text: string; label: string }[];
  /** Causes shown whose prior this deployment's closed cases moved. */
  local?: LocalNoteView[];
}

export type Offer = 'probe' | 'sqlcheck' | 'escalate';
export type DoneReason = 'leader' | 'exhausted' | 'no-evidence';

/** The case a button belongs to (absent in contexts without a case, such as the CLI). */
export interface CaseTag {
  case?: string;
}

function offerAction(o: Offer, tag: CaseTag): MessageAction {
  const c = tag.case ? { case: tag.case } : {};
  switch (o) {
    case 'probe':
      return { id: 'offer-probe', label: 'Probe the server', value: { command: 'probe', ...c } };
    case 'sqlcheck':
      return { id: 'offer-sqlcheck', label: 'Run SQLCHECK on both ends', value: { command: 'sqlcheck', ...c } };
    case 'escalate':
      return { id: 'offer-escalate', label: 'Escalate', value: { command: 'escalate', ...c } };
  }
}

function causeViews(d: DiagnosisView): CauseView[] {
  return d.causes.map((c) => ({ id: c.id, title: c.title, score: c.score, summary: c.summary, checks: c.checks, fixes: c.fixes, source: c.source }));
}

export interface PasteNotes {
  kind: 'error' | 'sqlcheck' | 'unknown' | 'foreign';
  truncated?: boolean;
  redactions?: number;
  /** What was read from the paste (error numbers, provider, server, answers it implied). */
  taken?: string[];
  /** What was read from each artifact of the paste (ERRORLOG, netstat ...). */
  artifacts?: ArtifactView[];
}

/** The diagnosis blocks (without a question or next step: the caller appends one). */
export function diagnosisBlocks(d: DiagnosisView, input: PasteNotes, tag: CaseTag = {}): Block[] {
  const blocks: Block[] = [...artifactBlocks(input.artifacts)];
  if (d.foreign) {
    blocks.push({ kind: 'heading', text: `This looks like an error from ${d.foreign.name}, not from SQL Server` });
    blocks.push({
      kind: 'text',
      text: `It names ${d.foreign.signs.join(', ')} and nothing in it comes from SQL Server or a SQL Server client. I triage SQL Server connection failures only. If SQL Server is involved after all, paste the error as the SQL Server client printed it.`,
    });
  } else if (d.unknown || !d.family) {
    blocks.push({ kind: 'heading', text: 'I could not place this error yet' });
    blocks.push({
      kind: 'text',
      text: 'Paste the complete error text (with the error number and provider line), or attach the SQLCHECK report from the client and the server.',
    });
    if (d.causes.length > 0) blocks.push({ kind: 'text', text: 'Loose candidates so far:' }, { kind: 'causes', causes: causeViews(d), ...tag });
  } else {
    blocks.push({ kind: 'heading', text: d.family.title });
    const what = input.kind === 'sqlcheck' ? 'This SQLCHECK report' : input.artifacts?.length ? 'What you pasted' : 'This error';
    blocks.push({ kind: 'text', text: `${what} looks like "${d.family.title}" (${percent(d.family.score)}). Most likely causes:` });
    blocks.push({ kind: 'causes', causes: causeViews(d), ...tag });
  }
  const taken = [...(input.taken ?? []), ...(d.fromPaste ?? []).map((f) => `${f.text} ${f.label}`)];
  if (taken.length > 0) blocks.push({ kind: 'list', title: 'From your paste', items: taken });
  if (!d.unknown && d.family) blocks.push(...localHistoryBlocks(d.local));
  const notes: string[] = [];
  if (input.redactions) notes.push(`${input.redactions} secret${input.redactions === 1 ? '' : 's'} (passwords, keys) removed before storing.`);
  if (input.truncated) notes.push('The paste was longer than I read; only the first part was used.');
  if (notes.length > 0) blocks.push({ kind: 'list', items: notes });
  return blocks;
}

export function diagnosisMessage(d: DiagnosisView, input: PasteNotes, tag: CaseTag = {}): Message {
  return message(diagnosisBlocks(d, input, tag), [], 'diagnosis');
}

export function answerAction(q: Question, optionId: string, label: string, tag: CaseTag = {}): MessageAction {
  return { id: `answer-${q.id}-${optionId}`, label, value: { answer: { question: q.id, option: optionId, ...tag } } };
}

export function choiceBlock(q: Question, tag: CaseTag = {}): ChoiceBlock {
  return { kind: 'choice', question: q.id, ...tag, options: q.options.map((o) => ({ id: o.id, label: o.label })) };
}

export function questionBlocks(q: Question, tag: CaseTag = {}): Block[] {
  const blocks: Block[] = [{ kind: 'text', text: q.text }];
  if (q.why) blocks.push({ kind: 'text', text: `Why I ask: ${q.why}` });
  blocks.push(choiceBlock(q, tag));
  return blocks;
}

/** A question on its own; `before` puts the diagnosis or what changed above it, in the same reply. */
export function questionMessage(q: Question, tag: CaseTag = {}, before: Block[] = []): Message {
  return message([...before, ...questionBlocks(q, tag)], [], before.length > 0 && before[0].kind === 'heading' ? 'diagnosis' : 'question');
}

/** After an answer: what moved, then the current leaders. */
export function changesBlocks(d: DiagnosisView, said: string): Block[] {
  const moved = d.changes.filter((c) => Math.abs(c.after - c.before) >= 0.005);
  const blocks: Block[] = [{ kind: 'text', text: `You answered: ${said}.` }];
  if (moved.length === 0) {
    blocks.push({ kind: 'text', text: 'That did not change the ranking.' });
  } else {
    const items = moved.map((c) => `${c.title}: ${percent(c.before)} → ${percent(c.after)} ${c.after > c.before ? '(up)' : '(down)'}`);
    blocks.push({ kind: 'list', title: 'What changed', items });
  }
  if (d.causes.length > 0) {
    const lead = d.causes.map((c) => `${c.title} (${percent(c.score)})`);
    blocks.push({ kind: 'list', title: 'Now leading', items: lead });
  }
  return blocks;
}

export function changesMessage(d: DiagnosisView, said: string): Message {
  return message(changesBlocks(d, said), [], 'change');
}

/** "That fixed it": closes the case once the user says which cause it was. */
export function resolveAction(tag: CaseTag): MessageAction {
  return { id: 'resolve', label: 'That fixed it', value: { command: 'resolve', ...tag } };
}

/**
 * Where the loop stops. With a clear leader it says so in one line (the causes were shown above in
 * the same reply or in an earlier one) and offers "That fixed it" and the next steps.
 */
export function doneMessage(reason: DoneReason, offers: Offer[], d: DiagnosisView, tag: CaseTag = {}, before: Block[] = []): Message {
  const blocks: Block[] = [...before];
  const top = d.causes[0];
  const shown = before.some((b) => b.kind === 'causes');
  if (reason === 'leader' && top) {
    blocks.push({ kind: 'text', text: `Most likely: ${top.title} (${percent(top.score)}). Confirm it and apply the fix; say "That fixed it" when it works.` });
    if (!shown) blocks.push({ kind: 'causes', causes: [causeViews(d)[0]], ...tag });
  } else if (reason === 'exhausted') {
    blocks.push({ kind: 'text', text: 'I have no more questions that would separate the remaining causes.' });
    if (!shown && d.causes.length > 0) blocks.push({ kind: 'causes', causes: causeViews(d), ...tag });
  } else {
    blocks.push({ kind: 'text', text: 'Paste an error message or attach a SQLCHECK report to begin.' });
  }
  const actions = reason === 'no-evidence' || d.causes.length === 0 ? [] : [resolveAction(tag)];
  actions.push(...offers.map((o) => offerAction(o, tag)));
  if (offers.length > 0) blocks.push({ kind: 'text', text: 'Next step:' });
  return message(blocks, actions, before.some((b) => b.kind === 'heading') ? 'diagnosis' : 'done');
}

/** One cause in full, sent when a user asks for its details (Slack's "Details" button, the terminal). */
export function detailsMessage(cause: CauseView): Message {
  return message([{ kind: 'cause-details', cause }], [], 'details');
}

/** Which cause fixed it: the leading causes, or "something else" with a note. */
export function resolveQuestionMessage(d: DiagnosisView, caseId: string): Message {
  const options = d.causes.map((c) => ({ id: c.id, label: c.title }));
  options.push({ id: SOMETHING_ELSE, label: 'Something else' });
  return message(
    [
      { kind: 'text', text: `Good news. Which cause was it? I close case ${caseId} with it.` },
      { kind: 'choice', question: RESOLVE_QUESTION, case: caseId, options },
    ],
    [],
    'question',
  );
}

/** The pseudo-question id of the "which cause was it" choice, and its "something else" option. */
export const RESOLVE_QUESTION = 'resolve';
export const SOMETHING_ELSE = 'something-else';

export function noticeMessage(text: string, actions: MessageAction[] = []): Message {
  return message([{ kind: 'text', text }], actions, 'notice');
}
