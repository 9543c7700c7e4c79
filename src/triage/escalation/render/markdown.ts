/**
 * Markdown (CommonMark/GFM) for tickets, the CLI export and Slack-bound text. Full by default;
 * with CHAT_LIMITS it shortens long evidence and says where the rest is.
 */
import type { EscalationSummary } from '../types';
import { ClipLimits, FULL } from './clip';
import { Item, summarySections } from './sections';

/** Characters Markdown would read as formatting in pasted text, error messages and names. */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/\r?\n/g, ' ')
      .replace(/[\\`*[\]<>|~]/g, '\\$&')
      // Underscores inside words (TLS_CLIENT_TLS12) are not emphasis; only those at a word edge are escaped.
      .replace(/(^|[^A-Za-z0-9])_|_(?=$|[^A-Za-z0-9])/g, (m) => m.replace('_', '\\_'))
      .replace(/^#/, '\\#')
  );
}

/** A fence longer than any run of backticks inside, so pasted text cannot close it early. */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}text\n${text}\n${fence}`;
}

function itemLines(item: Item, depth: number): string[] {
  switch (item.kind) {
    case 'facts':
      return item.facts.map((f) => `- **${escapeMarkdown(f.label)}:** ${escapeMarkdown(f.value)}`);
    case 'list':
      return [...(item.title ? [`**${escapeMarkdown(item.title)}**`, ''] : []), ...item.items.map((x) => `- ${escapeMarkdown(x)}`)];
    case 'text':
      return [item.subtle ? `_${escapeMarkdown(item.text)}_` : escapeMarkdown(item.text)];
    case 'code':
      return [fenced(item.text)];
    case 'link':
      return [`Source: [${escapeMarkdown(item.text)}](<${item.url.replace(/[<>\s]/g, encodeURIComponent)}>)${item.after ? ` — ${escapeMarkdown(item.after)}` : ''}`];
    case 'sub':
      return [`${'#'.repeat(Math.min(6, depth + 1))} ${escapeMarkdown(item.title)}`, '', ...item.items.flatMap((x) => [...itemLines(x, depth + 1), ''])];
  }
}

export function renderEscalationMarkdown(s: EscalationSummary, limits: ClipLimits = FULL): string {
  const out = [`# Escalation: case ${escapeMarkdown(s.caseId)}`, ''];
  for (const section of summarySections(s, limits)) {
    out.push(`## ${escapeMarkdown(section.title)}`, '');
    for (const item of section.items) out.push(...itemLines(item, 2), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}
