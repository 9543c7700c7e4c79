/**
 * Shortening for chat renderings. Whatever is cut says so and says where the full text is, so a
 * reader never mistakes a shortened summary for the whole case.
 */
export interface ClipLimits {
  /** Characters of pasted text shown per paste. */
  pasteChars: number;
  /** Items shown per list (evidence lines, findings, causes, steps). */
  listItems: number;
  /** Characters of one free-text field (summary, how-to, note). */
  fieldChars: number;
}

/** Limits for chat: a Teams card or a Slack message must stay well inside the platform limits. */
export const CHAT_LIMITS: ClipLimits = { pasteChars: 1200, listItems: 8, fieldChars: 600 };

/** No limits: ticket export and the CLI. */
export const FULL: ClipLimits = { pasteChars: Infinity, listItems: Infinity, fieldChars: Infinity };

export function morePointer(what: string, fullExport: string): string {
  return `${what} — full export: ${fullExport}`;
}

export function clipText(text: string, max: number, fullExport: string): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut}\n… [shortened: ${text.length - max} more characters; ${morePointer('the rest is in the case', fullExport)}]`;
}

/** The first `max` items and, when some were left out, a last item saying how many and where they are. */
export function clipList<T>(items: T[], max: number, fullExport: string, noun: string): { shown: T[]; more?: string } {
  if (items.length <= max) return { shown: items };
  const rest = items.length - max;
  return { shown: items.slice(0, max), more: morePointer(`… ${rest} more ${noun}${rest === 1 ? '' : 's'} not shown`, fullExport) };
}
