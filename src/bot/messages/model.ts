/**
 * The neutral message: what the dialogs say, before any channel shapes it. One renderer per
 * channel (src/bot/render/) turns it into an Adaptive Card, Block Kit or plain text.
 */

import type { Fix } from '../../kb/types';

/** What a button sends back. Every channel delivers it to the bot as `activity.value`. */
export type ActionValue =
  | { answer: { question: string; option: string } }
  | { command: 'probe' | 'escalate' | 'start over' | 'help' | 'sqlcheck'; arg?: string };

export interface MessageAction {
  /** Stable within the message (Slack needs unique action ids). */
  id: string;
  label: string;
  value: ActionValue;
}

export interface CauseView {
  title: string;
  /** 0..1 */
  score: number;
  summary?: string;
  checks: string[];
  /** Risky fixes carry their risk: every renderer shows it beside the fix. */
  fixes: Fix[];
  source?: { title: string; url: string; section?: string };
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'facts'; facts: { label: string; value: string }[] }
  | { kind: 'list'; title?: string; items: string[] }
  | { kind: 'causes'; causes: CauseView[] }
  | { kind: 'code'; text: string }
  | { kind: 'divider' };

export interface Message {
  blocks: Block[];
  actions: MessageAction[];
}

export function message(blocks: Block[], actions: MessageAction[] = []): Message {
  return { blocks, actions };
}

/** Whole-number percentage for display; never shows 100% or 0% for a belief that is not certain. */
export function percent(score: number): string {
  const p = Math.round(Math.max(0, Math.min(1, score)) * 100);
  if (p === 100 && score < 1) return '99%';
  if (p === 0 && score > 0) return '<1%';
  return `${p}%`;
}
