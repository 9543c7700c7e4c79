/**
 * Neutral messages built from what the triage engine returns. The wording of the conversation lives
 * here; the facts (causes, checks, fixes, questions) come from the knowledge base through the engine.
 */
import { artifactBlocks, type ArtifactView } from './artifact-blocks';
import type { Fix, Question } from '../../kb/types';
import { Block, message, Message, MessageAction, percent } from './model';

/** The parts of the engine's Diagnosis that are shown (structural, so the engine may add fields). */
export interface DiagnosisView {
  unknown: boolean;
  foreign?: { id: string; name: string; signs: string[] };
  family?: { id: string; title: string; score: number };
  causes: {
    id: string;
    title: string;
    score: number;
    summary: string;
    checks: string[];
    fixes: Fix[];
    source: { title: string; url: string; section?: string };
  }[];
  changes: { id: string; title: string; before: number; after: number }[];
}

export type Offer = 'probe' | 'sqlcheck' | 'escalate';
export type DoneReason = 'leader' | 'exhausted' | 'no-evidence';

const OFFER_ACTIONS: Record<Offer, MessageAction> = {
  probe: { id: 'offer-probe', label: 'Probe the server', value: { command: 'probe' } },
  sqlcheck: { id: 'offer-sqlcheck', label: 'Run SQLCHECK on both ends', value: { command: 'sqlcheck' } },
  escalate: { id: 'offer-escalate', label: 'Escalate', value: { command: 'escalate' } },
};

function causeBlocks(d: DiagnosisView): Block[] {
  return [{ kind: 'causes', causes: d.causes.map((c) => ({ title: c.title, score: c.score, summary: c.summary, checks: c.checks, fixes: c.fixes, source: c.source })) }];
}

export function diagnosisMessage(d: DiagnosisView, input: { kind: 'error' | 'sqlcheck' | 'unknown' | 'foreign'; truncated?: boolean; redactions?: number; artifacts?: ArtifactView[] }): Message {
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
    if (d.causes.length > 0) blocks.push({ kind: 'text', text: 'Loose candidates so far:' }, ...causeBlocks(d));
  } else {
    blocks.push({ kind: 'heading', text: d.family.title });
    const what = input.kind === 'sqlcheck' ? 'this SQLCHECK report' : input.artifacts?.length ? 'what you pasted' : 'this error';
    blocks.push({ kind: 'text', text: `${what[0].toUpperCase()}${what.slice(1)} looks like "${d.family.title}" (${percent(d.family.score)}). Most likely causes:` });
    blocks.push(...causeBlocks(d));
  }
  const notes: string[] = [];
  if (input.redactions) notes.push(`${input.redactions} secret${input.redactions === 1 ? '' : 's'} (passwords, keys) removed before storing.`);
  if (input.truncated) notes.push('The paste was longer than I read; only the first part was used.');
  if (notes.length > 0) blocks.push({ kind: 'list', items: notes });
  return message(blocks);
}

export function answerAction(q: Question, optionId: string, label: string): MessageAction {
  return { id: `answer-${q.id}-${optionId}`, label, value: { answer: { question: q.id, option: optionId } } };
}

export function questionMessage(q: Question): Message {
  const blocks: Block[] = [{ kind: 'text', text: q.text }];
  if (q.why) blocks.push({ kind: 'text', text: `Why I ask: ${q.why}` });
  return message(blocks, q.options.map((o) => answerAction(q, o.id, o.label)));
}

/** After an answer: what moved, then the current leaders. */
export function changesMessage(d: DiagnosisView, said: string): Message {
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
  return message(blocks);
}

export function doneMessage(reason: DoneReason, offers: Offer[], d: DiagnosisView): Message {
  const blocks: Block[] = [];
  const top = d.causes[0];
  if (reason === 'leader' && top) {
    blocks.push({ kind: 'heading', text: `Most likely: ${top.title}` });
    blocks.push({ kind: 'text', text: `This cause now clearly leads (${percent(top.score)}). Confirm it and apply the fix:` });
    blocks.push({ kind: 'causes', causes: [{ title: top.title, score: top.score, summary: top.summary, checks: top.checks, fixes: top.fixes, source: top.source }] });
  } else if (reason === 'exhausted') {
    blocks.push({ kind: 'text', text: 'I have no more questions that would separate the remaining causes.' });
  } else {
    blocks.push({ kind: 'text', text: 'Paste an error message or attach a SQLCHECK report to begin.' });
  }
  if (offers.length > 0) blocks.push({ kind: 'text', text: 'Next step:' });
  return message(blocks, offers.map((o) => OFFER_ACTIONS[o]));
}

export function noticeMessage(text: string, actions: MessageAction[] = []): Message {
  return message([{ kind: 'text', text }], actions);
}
