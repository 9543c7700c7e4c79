/** Plain-text forms of a neutral message: the terminal, the Slack fallback and notification summaries. */
import type { Block, CauseView, Message } from '../../messages/model';
import { fixRisk, fixText, percent } from '../../messages/model';
import { escalationText } from './escalation/text';

function causeHead(cause: CauseView, index: number): string[] {
  const lines = [`${index + 1}. ${cause.title} (${percent(cause.score)})`];
  if (cause.summary) lines.push(`   ${cause.summary}`);
  return lines;
}

export function causeDetailLines(cause: CauseView): string[] {
  const lines: string[] = [];
  if (cause.checks.length > 0) lines.push('   How to confirm:', ...cause.checks.map((c) => `   - ${c}`));
  if (cause.fixes.length > 0) {
    lines.push('   How to fix:');
    for (const f of cause.fixes) {
      lines.push(`   - ${fixText(f)}`);
      const risk = fixRisk(f);
      if (risk) lines.push(`     ⚠ ${risk}`);
    }
  }
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
      return [...(block.title ? [`${block.title}:`] : []), ...block.items.map((i) => `- ${i}`)];
    case 'causes':
      return block.causes.flatMap((c, i) => causeHead(c, i));
    case 'cause-details':
      return [...causeHead(block.cause, (block.rank ?? 1) - 1).map((l, i) => (i === 0 && !block.rank ? l.replace(/^1\. /, '') : l)), ...causeDetailLines(block.cause)];
    case 'choice':
      // Numbered by the text renderer, which knows the other choices of the message.
      return [];
    case 'findings':
      return [`${block.title}:`, ...block.findings.flatMap((f) => [`  [${f.severity}] ${f.id}: ${f.summary}`, ...f.evidence.map((e) => `      > ${e}`)])];
    case 'progress':
      return block.steps.map((s) => `  ${s.label}: ${s.status}${s.detail ? ` (${s.detail})` : ''}`);
    case 'escalation':
      return [escalationText(block.summary)];
    case 'code':
      return block.text.split('\n').map((l) => `    ${l}`);
    case 'divider':
      return ['---'];
  }
}

export function plainText(msg: Message): string {
  return msg.blocks
    .map((b) => blockLines(b).join('\n'))
    .filter((t) => t.length > 0)
    .join('\n\n');
}

/** First heading or text, shortened: the line a notification shows. */
export function summaryLine(msg: Message): string {
  const first = msg.blocks.find((b) => b.kind === 'heading' || b.kind === 'text') as { text: string } | undefined;
  const line = (first?.text ?? '').split('\n')[0];
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
