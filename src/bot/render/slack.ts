/**
 * Slack through Azure Bot Service: no Adaptive Cards there, so Block Kit goes in channelData with a
 * plain mrkdwn fallback in `text`. Each button's value is the same JSON payload a Teams submit
 * carries, so a click reaches the dialogs as the same answer.
 */
import type { Activity } from 'botbuilder';
import type { Block, CauseView, Message } from '../messages/model';
import { percent } from '../messages/model';
import { fixLine } from '../../kb/fix';
import { plainText } from './plain';

// Block Kit limits (api.slack.com/reference/block-kit): beyond them Slack rejects the whole message.
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, headerText: 150, fields: 10, fieldText: 2000, buttonText: 75, buttonValue: 2000, actionsPerBlock: 25 };

type SlackBlock = Record<string, unknown>;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } });

function causeSection(cause: CauseView, index: number): SlackBlock {
  const lines = [`*${index + 1}. ${escapeMrkdwn(cause.title)}* (${percent(cause.score)})`];
  if (cause.summary) lines.push(`_${escapeMrkdwn(cause.summary)}_`);
  if (cause.checks.length > 0) lines.push('*How to confirm*', ...cause.checks.map((c) => `• ${escapeMrkdwn(c)}`));
  if (cause.fixes.length > 0) lines.push('*How to fix*', ...cause.fixes.map((f) => `• ${escapeMrkdwn(fixLine(f))}`));
  if (cause.source) {
    const sectionName = cause.source.section ? ` (${escapeMrkdwn(cause.source.section)})` : '';
    lines.push(`Source: <${cause.source.url}|${escapeMrkdwn(cause.source.title).replace(/\|/g, '/')}>${sectionName}`);
  }
  return section(lines.join('\n'));
}

function blockToSlack(block: Block): SlackBlock[] {
  switch (block.kind) {
    case 'heading':
      return [{ type: 'header', text: { type: 'plain_text', text: clip(block.text, SLACK_LIMITS.headerText), emoji: false } }];
    case 'text':
      return [section(escapeMrkdwn(block.text))];
    case 'facts': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.facts.length; i += SLACK_LIMITS.fields) {
        const fields = block.facts.slice(i, i + SLACK_LIMITS.fields).map((f) => ({
          type: 'mrkdwn',
          text: clip(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_LIMITS.fieldText),
        }));
        out.push({ type: 'section', fields });
      }
      return out;
    }
    case 'list': {
      const title = block.title ? `*${escapeMrkdwn(block.title)}*\n` : '';
      return [section(title + block.items.map((i) => `• ${escapeMrkdwn(i)}`).join('\n'))];
    }
    case 'causes':
      return block.causes.map(causeSection);
    case 'code':
      // A fence inside the text would end the code block early.
      return [section('```' + escapeMrkdwn(block.text.replace(/```/g, "'''")) + '```')];
    case 'divider':
      return [{ type: 'divider' }];
  }
}

export function renderSlack(msg: Message): Partial<Activity> {
  const blocks = msg.blocks.flatMap(blockToSlack);
  const actions = msg.actions.slice(0, SLACK_LIMITS.actionsPerBlock).map((a) => ({
    type: 'button',
    action_id: a.id,
    text: { type: 'plain_text', text: clip(a.label, SLACK_LIMITS.buttonText), emoji: false },
    value: JSON.stringify(a.value),
  }));
  // Keep room for the buttons: they are how the user answers.
  const room = SLACK_LIMITS.blocks - (actions.length > 0 ? 1 : 0);
  const kept = blocks.length > room ? [...blocks.slice(0, room - 1), section('_(shortened: more in the case summary)_')] : blocks;
  if (actions.length > 0) kept.push({ type: 'actions', block_id: 'sqltriage-actions', elements: actions });
  const fallback = escapeMrkdwn(plainText(msg));
  return { type: 'message', text: fallback, channelData: { text: fallback, blocks: kept } };
}
