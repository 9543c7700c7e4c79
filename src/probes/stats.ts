/** Small statistics for repeated probes: percentiles and a Wilson interval for a failure rate. */

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

/** 95% Wilson score interval: honest for small counts and rates near 0 or 1. */
export function wilson(failures: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = failures / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}
