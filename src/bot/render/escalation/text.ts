/** The escalation summary as plain text for the terminal: no Markdown, so no escapes to read around. */
import type { EscalationSummary } from '../../../triage/escalation/types';
import { CHAT_LIMITS } from '../../../triage/escalation/render/clip';
import { Item, summarySections } from '../../../triage/escalation/render/sections';

function itemLines(item: Item, indent: string): string[] {
  switch (item.kind) {
    case 'facts':
      return item.facts.map((f) => `${indent}${f.label}: ${f.value}`);
    case 'list':
      return [...(item.title ? [`${indent}${item.title}`] : []), ...item.items.map((i) => `${indent}- ${i}`)];
    case 'text':
      return [`${indent}${item.text}`];
    case 'code':
      return item.text.split('\n').map((l) => `${indent}    ${l}`);
    case 'link':
      return [`${indent}Source: ${item.text}${item.after ? ` (${item.after})` : ''} <${item.url}>`];
    case 'sub':
      return [`${indent}${item.title}`, ...item.items.flatMap((i) => itemLines(i, `${indent}  `))];
  }
}

export function escalationText(s: EscalationSummary): string {
  const out = [`ESCALATION: CASE ${s.caseId}`];
  for (const section of summarySections(s, CHAT_LIMITS)) out.push('', section.title.toUpperCase(), ...section.items.flatMap((i) => itemLines(i, '  ')));
  return out.join('\n');
}
