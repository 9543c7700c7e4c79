/**
 * Fixes as data: a plain string, or an object carrying what a risky fix weakens, its risk and
 * whether it is a stop-gap. The build refuses plain text that reads like risky advice
 * (knowledge/risky-advice.yaml), so a risk cannot be left out by writing the fix as a string.
 */
import type { Fix, FixEntry, RiskyAdvicePattern } from './types';

/** The fix as the engine carries it: risk fields only when the knowledge gives them. */
export function fixOf(entry: FixEntry): Fix {
  if (typeof entry === 'string') return { text: entry };
  return { text: entry.text, weakens: entry.weakens, risk: entry.risk, temporary: entry.temporary };
}

/** Lower case, one space between words, none around '=' (so "Encrypt = False" reads as "encrypt=false"). */
export function adviceText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/ ?= ?/g, '=');
}

/** The first risky-advice phrase the text contains, with its pattern; undefined when none. */
export function riskyPhraseIn(text: string, patterns: RiskyAdvicePattern[]): { pattern: RiskyAdvicePattern; phrase: string } | undefined {
  const folded = adviceText(text);
  for (const pattern of patterns) {
    for (const phrase of pattern.phrases) if (folded.includes(adviceText(phrase))) return { pattern, phrase };
  }
  return undefined;
}

/** What a risky fix costs, as every rendering shows it beside the fix; undefined for a safe fix. */
export function riskNote(fix: Fix): string | undefined {
  if (!fix.weakens || !fix.risk) return undefined;
  return `Risk: weakens ${fix.weakens}${fix.temporary ? ' (temporary: undo it once the real fix is in)' : ''}. ${fix.risk}`;
}

/** The fix as one line of text: its text, then its risk note when it has one. */
export function fixLine(fix: Fix): string {
  const note = riskNote(fix);
  return note ? `${fix.text} ⚠ ${note}` : fix.text;
}
