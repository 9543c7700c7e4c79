/**
 * The one rounding rule for beliefs, everywhere. A score is rounded once, to 4 decimals
 * (`roundScore`: what --json and the session print); a percentage is that rounded score to the
 * nearest whole percent (`percent`: chat, cards, CLI text, case list), except that a rounded score
 * strictly between 0 and 1 never reads 100% or 0%. So the text and the JSON of one paste agree:
 * percent(score) === percent(roundScore(score)).
 */
export function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4;
}

export function percent(score: number): string {
  if (!Number.isFinite(score)) return '?';
  const s = Math.max(0, Math.min(1, roundScore(score)));
  const p = Math.round(s * 100);
  if (p === 100 && s < 1) return '99%';
  if (p === 0 && s > 0) return '<1%';
  return `${p}%`;
}
