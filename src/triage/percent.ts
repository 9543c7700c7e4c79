/**
 * The one rounding rule for beliefs, everywhere. A score is rounded once, to 4 decimals
 * (`roundScore`: what --json and the session print), and a percentage is that rounded score to the
 * nearest whole percent (`percent`: chat, cards, CLI text, case list). A belief strictly between 0
 * and 1 never reads as certain at either step: not 0 or 1 in JSON, not 0% or 100% in text. So the
 * text and the JSON of one paste agree: percent(score) === percent(roundScore(score)).
 */
export function roundScore(score: number): number {
  const r = Math.round(score * 1e4) / 1e4;
  if (r >= 1 && score < 1) return 0.9999;
  if (r <= 0 && score > 0) return 0.0001;
  return r;
}

export function percent(score: number): string {
  if (!Number.isFinite(score)) return '?';
  const s = Math.max(0, Math.min(1, roundScore(score)));
  const p = Math.round(s * 100);
  if (p === 100 && s < 1) return '99%';
  if (p === 0 && s > 0) return '<1%';
  return `${p}%`;
}
