/**
 * Builds one Adaptive Card (schema 1.5) from a neutral message; Teams and the web page both show
 * it. Causes open short: title, confidence and one line; their checks, fixes (with risks) and
 * source sit in a folded container that a "Details" toggle opens (Action.ToggleVisibility).
 */
import type { Block, CauseView, ChoiceBlock, Message, ProgressStep } from '../../messages/model';
import { fixRisk, fixText, percent } from '../../messages/model';
import { answerValue, asButtons, CHOICE_INPUT_ID } from './choice-layout';
import { ADAPTIVE_CARD_TYPE, escapeCardMarkdown, monospaceText } from './card-markdown';
import { escalationCard } from './escalation/adaptive-card';

export { ADAPTIVE_CARD_TYPE, escapeCardMarkdown };

type Element = Record<string, unknown>;

const textBlock = (text: string, extra: Element = {}): Element => ({ type: 'TextBlock', text, wrap: true, ...extra });

function bulletList(items: string[]): string {
  // Card markdown needs one item per line, each starting with a dash.
  return items.map((item) => `- ${escapeCardMarkdown(item)}`).join('\r');
}

/** Element ids must be unique in a card and stable for the toggle that targets them. */
function elementId(prefix: string, index: number, id?: string): string {
  return `${prefix}-${index}${id ? `-${id.replace(/[^A-Za-z0-9_-]/g, '')}` : ''}`;
}

function detailElements(cause: CauseView): Element[] {
  const items: Element[] = [];
  if (cause.checks.length > 0) {
    items.push(textBlock('How to confirm', { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
    items.push(textBlock(bulletList(cause.checks), { spacing: 'None' }));
  }
  if (cause.fixes.length > 0) {
    items.push(textBlock('How to fix', { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
    for (const f of cause.fixes) {
      items.push(textBlock(`- ${escapeCardMarkdown(fixText(f))}`, { spacing: 'None' }));
      const risk = fixRisk(f);
      if (risk) items.push(textBlock(escapeCardMarkdown(risk), { spacing: 'None', color: 'Warning', size: 'Small' }));
    }
  }
  if (cause.source) {
    const section = cause.source.section ? ` (${escapeCardMarkdown(cause.source.section)})` : '';
    items.push(textBlock(`Source: [${escapeCardMarkdown(cause.source.title)}](${cause.source.url})${section}`, { size: 'Small', isSubtle: true }));
  }
  return items;
}

function causeHead(cause: CauseView, index: number): Element {
  return {
    type: 'ColumnSet',
    separator: index > 0,
    spacing: index > 0 ? 'Medium' : 'Default',
    columns: [
      { type: 'Column', width: 'stretch', items: [textBlock(escapeCardMarkdown(cause.title), { weight: 'Bolder' })] },
      { type: 'Column', width: 'auto', items: [textBlock(percent(cause.score), { color: 'Accent', weight: 'Bolder' })] },
    ],
  };
}

function causeElements(cause: CauseView, index: number): Element[] {
  const items: Element[] = [causeHead(cause, index)];
  if (cause.summary) items.push(textBlock(escapeCardMarkdown(cause.summary), { isSubtle: true, spacing: 'Small' }));
  const details = detailElements(cause);
  if (details.length > 0) {
    const id = elementId('details', index, cause.id);
    items.push({ type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.ToggleVisibility', title: 'Details: how to confirm and fix', targetElements: [id] }] });
    items.push({ type: 'Container', id, isVisible: false, spacing: 'Small', items: details });
  }
  return items;
}

function choiceElements(block: ChoiceBlock): Element[] {
  if (asButtons(block)) {
    return [{ type: 'ActionSet', actions: block.options.map((o) => ({ type: 'Action.Submit', id: `answer-${block.question}-${o.id}`, title: o.label, data: answerValue(block, o.id) })) }];
  }
  // Many options or long labels: a list shows every option whole; the submit carries the pick.
  return [
    {
      type: 'Input.ChoiceSet',
      id: CHOICE_INPUT_ID,
      label: 'Your answer',
      style: block.options.length > 5 ? 'compact' : 'expanded',
      wrap: true,
      isRequired: true,
      errorMessage: 'Pick one of the answers first.',
      placeholder: 'Pick an answer',
      choices: block.options.map((o) => ({ title: o.label, value: o.id })),
    },
    {
      type: 'ActionSet',
      actions: [{ type: 'Action.Submit', id: `answer-${block.question}`, title: 'Answer', data: { answer: { question: block.question, ...(block.case ? { case: block.case } : {}) } } }],
    },
  ];
}

const STATUS_MARK: Record<ProgressStep['status'], string> = { pending: '…', running: 'running', ok: 'ok', failed: 'FAILED', skipped: 'skipped' };

function blockElements(block: Block): Element[] {
  switch (block.kind) {
    case 'heading':
      return [textBlock(escapeCardMarkdown(block.text), { size: 'Large', weight: 'Bolder' })];
    case 'text':
      return [textBlock(escapeCardMarkdown(block.text))];
    case 'facts':
      return [{ type: 'FactSet', facts: block.facts.map((f) => ({ title: f.label, value: escapeCardMarkdown(f.value) })) }];
    case 'list': {
      const out: Element[] = [];
      if (block.title) out.push(textBlock(escapeCardMarkdown(block.title), { weight: 'Bolder' }));
      if (block.items.length > 0) out.push(textBlock(bulletList(block.items), { spacing: block.title ? 'None' : 'Default' }));
      return out;
    }
    case 'causes':
      return [{ type: 'Container', items: block.causes.flatMap(causeElements) }];
    case 'cause-details':
      return [causeHead(block.cause, 0), ...(block.cause.summary ? [textBlock(escapeCardMarkdown(block.cause.summary), { isSubtle: true })] : []), ...detailElements(block.cause)];
    case 'choice':
      return choiceElements(block);
    case 'findings':
      return [
        textBlock(escapeCardMarkdown(block.title), { weight: 'Bolder', spacing: 'Medium' }),
        ...block.findings.flatMap((f) => [
          textBlock(`**[${f.severity}] ${escapeCardMarkdown(f.id)}**: ${escapeCardMarkdown(f.summary)}`, { spacing: 'Small' }),
          ...(f.evidence.length > 0 ? [textBlock(monospaceText(f.evidence.join('\n')), { fontType: 'Monospace', size: 'Small', spacing: 'None', isSubtle: true })] : []),
        ]),
      ];
    case 'progress':
      return [{ type: 'FactSet', facts: block.steps.map((s) => ({ title: s.label, value: escapeCardMarkdown(`${STATUS_MARK[s.status]}${s.detail ? ` (${s.detail})` : ''}`) })) }];
    case 'escalation':
      return (escalationCard(block.summary).body as Element[]) ?? [];
    case 'code':
      return [textBlock(monospaceText(block.text), { fontType: 'Monospace', size: 'Small' })];
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
  }
}

export function buildAdaptiveCard(msg: Message): Element {
  const card: Element = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: msg.blocks.flatMap(blockElements),
  };
  if (msg.actions.length > 0) card.actions = msg.actions.map((a) => ({ type: 'Action.Submit', id: a.id, title: a.label, data: a.value }));
  return card;
}
