/** Plain-text forms of a neutral message: the terminal, the Slack fallback and notification summaries. */
import type { Block, CauseView, Message } from '../messages/model';
import { percent } from '../messages/model';
import { fixLine } from '../../kb/fix';

function causeLines(cause: CauseView, index: number): string[] {
  const lines = [`${index + 1}. ${cause.title} (${percent(cause.score)})`];
  if (cause.summary) lines.push(`   ${cause.summary}`);
  if (cause.checks.length > 0) lines.push('   How to confirm:', ...cause.checks.map((c) => `   - ${c}`));
  if (cause.fixes.length > 0) lines.push('   How to fix:', ...cause.fixes.map((f) => `   - ${fixLine(f)}`));
  if (cause.source) {
    const section = cause.source.section ? `, ${cause.source.section}` : '';
    lines.push(`   Source: ${cause.source.title}${section} <${cause.source.url}>`);
  }
  return lines;
}

export function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [block.text.toUpperCase()];
    case 'text':
      return [block.text];
    case 'facts':
      return block.facts.map((f) => `${f.label}: ${f.value}`);
    case 'list':
      return [...(block.title ? [block.title] : []), ...block.items.map((i) => `- ${i}`)];
    case 'causes':
      return block.causes.flatMap(causeLines);
    case 'code':
      return block.text.split('\n').map((l) => `    ${l}`);
    case 'divider':
      return ['---'];
  }
}

export function plainText(msg: Message): string {
  return msg.blocks.map((b) => blockLines(b).join('\n')).join('\n\n');
}

/** First heading or text, shortened: the line a notification shows. */
export function summaryLine(msg: Message): string {
  const first = msg.blocks.find((b) => b.kind === 'heading' || b.kind === 'text') as { text: string } | undefined;
  const line = (first?.text ?? '').split('\n')[0];
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
