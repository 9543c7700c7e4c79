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
