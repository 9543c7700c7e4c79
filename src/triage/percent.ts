/**
 * The one rounding rule for a belief shown as a percentage, everywhere (chat, cards, CLI text,
 * case list): nearest whole percent, except that an uncertain belief never reads 100% or 0%.
 * Machine output (--json) keeps the raw numbers.
 */
export function percent(score: number): string {
  if (!Number.isFinite(score)) return '?';
  const p = Math.round(Math.max(0, Math.min(1, score)) * 100);
  if (p === 100 && score < 1) return '99%';
  if (p === 0 && score > 0) return '<1%';
  return `${p}%`;
}
