/** Builds one Adaptive Card (schema 1.5) from a neutral message; Teams and the web page both show it. */
import type { Block, CauseView, Message } from '../messages/model';
import { percent } from '../messages/model';
import { fixLine } from '../../kb/fix';

export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

type Element = Record<string, unknown>;

const textBlock = (text: string, extra: Element = {}): Element => ({ type: 'TextBlock', text, wrap: true, ...extra });

/** Adaptive Card markdown treats these as formatting; pasted error text must show as typed. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/([\\*_[\]`])/g, '\\$1');
}

function bulletList(items: string[]): string {
  // Card markdown needs one item per line, each starting with a dash.
  return items.map((item) => `- ${escapeCardMarkdown(item)}`).join('\r');
}

function causeElements(cause: CauseView, index: number): Element[] {
  const items: Element[] = [
    {
      type: 'ColumnSet',
      separator: index > 0,
      spacing: index > 0 ? 'Medium' : 'Default',
      columns: [
        { type: 'Column', width: 'stretch', items: [textBlock(escapeCardMarkdown(cause.title), { weight: 'Bolder' })] },
        { type: 'Column', width: 'auto', items: [textBlock(percent(cause.score), { color: 'Accent', weight: 'Bolder' })] },
      ],
    },
  ];
  if (cause.summary) items.push(textBlock(escapeCardMarkdown(cause.summary), { isSubtle: true, spacing: 'Small' }));
  if (cause.checks.length > 0) {
    items.push(textBlock('How to confirm', { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
    items.push(textBlock(bulletList(cause.checks), { spacing: 'None' }));
  }
  if (cause.fixes.length > 0) {
    items.push(textBlock('How to fix', { weight: 'Bolder', size: 'Small', spacing: 'Small' }));
    items.push(textBlock(bulletList(cause.fixes.map(fixLine)), { spacing: 'None' }));
  }
  if (cause.source) {
    const section = cause.source.section ? ` (${escapeCardMarkdown(cause.source.section)})` : '';
    items.push(textBlock(`Source: [${escapeCardMarkdown(cause.source.title)}](${cause.source.url})${section}`, { size: 'Small', isSubtle: true }));
  }
  return items;
}

function blockElements(block: Block): Element[] {
  switch (block.kind) {
    case 'heading':
      return [textBlock(escapeCardMarkdown(block.text), { size: 'Large', weight: 'Bolder' })];
    case 'text':
      return [textBlock(escapeCardMarkdown(block.text))];
    case 'facts':
      return [{ type: 'FactSet', facts: block.facts.map((f) => ({ title: f.label, value: f.value })) }];
    case 'list': {
      const out: Element[] = [];
      if (block.title) out.push(textBlock(escapeCardMarkdown(block.title), { weight: 'Bolder' }));
      if (block.items.length > 0) out.push(textBlock(bulletList(block.items), { spacing: block.title ? 'None' : 'Default' }));
      return out;
    }
    case 'causes':
      return [{ type: 'Container', items: block.causes.flatMap(causeElements) }];
    case 'code':
      return [textBlock(block.text, { fontType: 'Monospace', size: 'Small' })];
    case 'divider':
      return [{ type: 'Container', separator: true, spacing: 'Medium', items: [] }];
  }
}

export function buildAdaptiveCard(msg: Message): Element {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: msg.blocks.flatMap(blockElements),
    actions: msg.actions.map((a) => ({ type: 'Action.Submit', id: a.id, title: a.label, data: a.value })),
  };
}
