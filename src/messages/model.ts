/**
 * The neutral message: everything the bot or the CLI says, before any channel shapes it. One
 * renderer per channel (src/bot/render/) turns it into an Adaptive Card, Block Kit, the web page's
 * card, terminal text or plain text. Nothing here knows a channel.
 */
import type { Fix } from '../kb/types';
import { riskNote } from '../kb/fix';
import type { EscalationSummary } from '../triage/escalation/types';
import type { SqlcheckFinding } from '../triage/types';

export type Command = 'probe' | 'escalate' | 'start over' | 'help' | 'sqlcheck' | 'details' | 'resolve';

/**
 * What a button sends back. Every channel delivers it to the bot as `activity.value`. `case` names
 * the case the button belongs to, so a button from an older card cannot change another case.
 */
export type ActionValue =
  | { answer: { question: string; option: string; case?: string } }
  | { command: Command; arg?: string; case?: string };

export interface MessageAction {
  /** Stable within the message (Slack needs unique action ids). */
  id: string;
  label: string;
  value: ActionValue;
}

/** A fix as the engine gives it: its text, and what it weakens with the risk when it is risky. */
export type FixView = Fix;

export interface CauseView {
  id?: string;
  title: string;
  /** 0..1 */
  score: number;
  summary?: string;
  checks: string[];
  fixes: FixView[];
  source?: { title: string; url: string; section?: string };
}

/** One choice among a question's options: buttons when few, a compact list when many. */
export interface ChoiceBlock {
  kind: 'choice';
  question: string;
  case?: string;
  options: { id: string; label: string }[];
}

export interface ProgressStep {
  label: string;
  status: 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
  detail?: string;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'list'; title?: string; items: string[] }
  /** Causes shown short (title, confidence, one line); checks, fixes and source open on demand. */
  | { kind: 'causes'; causes: CauseView[]; case?: string }
  /** One cause in full: checks, fixes with their risks, source. */
  | { kind: 'cause-details'; cause: CauseView; /** Its rank when shown in a list (1-based). */ rank?: number }
  | ChoiceBlock
  | { kind: 'findings'; title: string; findings: SqlcheckFinding[] }
  | { kind: 'progress'; steps: ProgressStep[] }
  | { kind: 'escalation'; summary: EscalationSummary }
  | { kind: 'code'; text: string }
  | { kind: 'divider' };

/** What the message is, for renderers that treat some kinds specially and for tests. */
export type MessageKind = 'diagnosis' | 'question' | 'change' | 'done' | 'notice' | 'progress' | 'findings' | 'escalation' | 'help' | 'details';

export interface Message {
  kind?: MessageKind;
  blocks: Block[];
  actions: MessageAction[];
}

export function message(blocks: Block[], actions: MessageAction[] = [], kind?: MessageKind): Message {
  return kind ? { kind, blocks, actions } : { blocks, actions };
}

export function fixText(f: FixView): string {
  return f.text;
}

/** The risk note shown beside a fix (the knowledge's one wording), or undefined for a safe fix. */
export function fixRisk(f: FixView): string | undefined {
  return riskNote(f);
}

export { percent } from './percent';
