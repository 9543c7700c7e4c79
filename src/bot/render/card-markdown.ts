/** The Adaptive Card content type and the escaping its markdown needs (shared by every card we build). */
export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Adaptive Card markdown treats these as formatting; pasted error text must show as typed. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/([\\*_[\]`])/g, '\\$1');
}
