/** The Adaptive Card content type and the escaping its markdown needs (shared by every card we build). */
export const ADAPTIVE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Adaptive Card markdown treats these as formatting; pasted error text must show as typed. */
export function escapeCardMarkdown(text: string): string {
  return text.replace(/([\\*_[\]`])/g, '\\$1');
}

const NBSP = '\u00a0';

/**
 * Preformatted text (an error as pasted, SQLCHECK evidence lines) as the text of one monospace
 * TextBlock. Card renderers join a paragraph's lines into one, so each line is its own paragraph
 * (a blank line between them; the renderers draw paragraphs without gaps), a line that would start
 * a list or quote has its marker escaped, and runs of spaces stay (as no-break spaces) so columns
 * and indentation still line up.
 */
export function monospaceText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => {
      if (line.trim() === '') return NBSP;
      const kept = escapeCardMarkdown(line).replace(/^ +| {2,}/g, (run) => NBSP.repeat(run.length));
      return kept.replace(/^([-+#>]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
    })
    .join('\n\n');
}
