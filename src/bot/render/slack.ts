/**
 * Slack (Socket Mode or Azure Bot Service): Block Kit in channelData with a plain mrkdwn fallback in
 * `text`. Each button's value is the same JSON payload a Teams submit carries, so a click reaches
 * the dialogs as the same answer. Slack has no folding: a cause shows one line and a "Details"
 * button whose answer the bot posts in the thread.
 */
import type { Activity } from 'botbuilder';
import type { Block, CauseView, ChoiceBlock, Message, ProgressStep } from '../../messages/model';
import { fixRisk, fixText, percent } from '../../messages/model';
import { answerValue, asButtons } from './choice-layout';
import { plainText } from './plain';
import { escapeMrkdwn, mrkdwnLink } from './slack-escape';

export { escapeMrkdwn };

// Block Kit limits (api.slack.com/reference/block-kit): beyond them Slack rejects the whole message.
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  buttonText: 75,
  buttonValue: 2000,
  actionsPerBlock: 25,
  optionText: 75,
  optionValue: 150,
  selectOptions: 100,
};

type SlackBlock = Record<string, unknown>;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } });
const plain = (text: string, max: number): Record<string, unknown> => ({ type: 'plain_text', text: clip(text, max), emoji: false });

function detailLines(cause: CauseView): string[] {
  const lines: string[] = [];
  if (cause.checks.length > 0) lines.push('*How to confirm*', ...cause.checks.map((c) => `• ${escapeMrkdwn(c)}`));
  if (cause.fixes.length > 0) {
    lines.push('*How to fix*');
    for (const f of cause.fixes) {
      lines.push(`• ${escapeMrkdwn(fixText(f))}`);
      const risk = fixRisk(f);
      if (risk) lines.push(`   :warning: _${escapeMrkdwn(risk)}_`);
    }
  }
  if (cause.source) {
    const sectionName = cause.source.section ? ` (${escapeMrkdwn(cause.source.section)})` : '';
    lines.push(`Source: ${mrkdwnLink(cause.source.url, cause.source.title)}${sectionName}`);
  }
  return lines;
}

function causeHeadLines(cause: CauseView, index: number): string[] {
  const lines = [`*${index + 1}. ${escapeMrkdwn(cause.title)}* (${escapeMrkdwn(percent(cause.score))})`];
  if (cause.summary) lines.push(`_${escapeMrkdwn(cause.summary)}_`);
  return lines;
}

/** A cause in one line; its details come on request in the thread. */
function causeSection(cause: CauseView, index: number, caseId: string | undefined): SlackBlock {
  const block = section(causeHeadLines(cause, index).join('\n'));
  if (cause.id && (cause.checks.length > 0 || cause.fixes.length > 0)) {
    const value = JSON.stringify({ command: 'details', arg: cause.id, ...(caseId ? { case: caseId } : {}) });
    block.accessory = { type: 'button', action_id: `details-${index}`, text: plain('Details', SLACK_LIMITS.buttonText), value };
  }
  return block;
}

/** An option's label whole: what passes the option text limit continues in its description. */
function optionObject(label: string, value: string): Record<string, unknown> {
  if (label.length <= SLACK_LIMITS.optionText) return { text: plain(label, SLACK_LIMITS.optionText), value };
  const cut = label.lastIndexOf(' ', SLACK_LIMITS.optionText - 1);
  const at = cut > 20 ? cut : SLACK_LIMITS.optionText - 1;
  return { text: plain(label.slice(0, at), SLACK_LIMITS.optionText), description: plain(label.slice(at).trim(), SLACK_LIMITS.optionText), value };
}

function choiceBlocks(block: ChoiceBlock): SlackBlock[] {
  if (asButtons(block)) {
    return [
      {
        type: 'actions',
        block_id: `choice-${block.question}`,
        elements: block.options.map((o) => ({ type: 'button', action_id: `answer-${block.question}-${o.id}`, text: plain(o.label, SLACK_LIMITS.buttonText), value: JSON.stringify(answerValue(block, o.id)) })),
      },
    ];
  }
  return [
    {
      type: 'actions',
      block_id: `choice-${block.question}`,
      elements: [
        {
          type: 'static_select',
          action_id: `answer-${block.question}`,
          placeholder: plain('Pick an answer', SLACK_LIMITS.optionText),
          options: block.options.map((o) => optionObject(o.label, JSON.stringify(answerValue(block, o.id)))),
        },
      ],
    },
  ];
}

const STATUS_MARK: Record<ProgressStep['status'], string> = { pending: ':hourglass:', running: ':arrows_counterclockwise:', ok: ':white_check_mark:', failed: ':x:', skipped: ':fast_forward:' };

function blockToSlack(block: Block): SlackBlock[] {
  switch (block.kind) {
    case 'heading':
      return [{ type: 'header', text: plain(block.text, SLACK_LIMITS.headerText) }];
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
      return block.causes.map((c, i) => causeSection(c, i, block.case));
    case 'cause-details':
      return [section([...causeHeadLines(block.cause, 0).map((l) => l.replace(/^\*1\. /, '*')), ...detailLines(block.cause)].join('\n'))];
    case 'choice':
      return choiceBlocks(block);
    case 'findings':
      return [
        section(`*${escapeMrkdwn(block.title)}*`),
        ...block.findings.map((f) => {
          const evidence = f.evidence.length > 0 ? `\n\`\`\`${escapeMrkdwn(f.evidence.join('\n').replace(/```/g, "'''"))}\`\`\`` : '';
          return section(`*[${f.severity}] ${escapeMrkdwn(f.id)}*: ${escapeMrkdwn(f.summary)}${evidence}`);
        }),
      ];
    case 'progress':
      return [section(block.steps.map((s) => `${STATUS_MARK[s.status]} ${escapeMrkdwn(s.label)}${s.detail ? ` — ${escapeMrkdwn(s.detail)}` : ''}`).join('\n'))];
    case 'escalation':
      // Rendered whole by renderEscalationSlack (split into a thread); here only a pointer.
      return [section(escapeMrkdwn(`Escalation of case ${block.summary.caseId}`))];
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
    text: plain(a.label, SLACK_LIMITS.buttonText),
    value: JSON.stringify(a.value),
  }));
  // Keep room for the buttons and the answer controls: they are how the user answers.
  const controls = blocks.filter((b) => b.type === 'actions');
  const content = blocks.filter((b) => b.type !== 'actions');
  const room = SLACK_LIMITS.blocks - controls.length - (actions.length > 0 ? 1 : 0);
  const kept = content.length > room ? [...content.slice(0, room - 1), section('_(shortened: more in the case summary)_')] : content;
  // Controls stay where the message put them relative to the text (a question's choice after its text).
  const ordered = content.length > room ? [...kept, ...controls] : blocks;
  if (actions.length > 0) ordered.push({ type: 'actions', block_id: 'sqltriage-actions', elements: actions });
  const fallback = escapeMrkdwn(plainText(msg));
  return { type: 'message', text: fallback, channelData: { text: fallback, blocks: ordered } };
}
