/**
 * Consoles wrap long lines at a fixed width (80 or 120 columns), which splits words
 * ("successfull" / "y established"). When several lines share one exact width, each line of that
 * width is joined to the next without a separator.
 */
const MIN_WIDTH = 60;
const MIN_WRAPPED = 3;

export function unwrapConsoleLines(text: string): string {
  if (text.length > 200_000) return text; // long logs are not console captures
  const lines = text.split('\n');
  if (lines.length < MIN_WRAPPED + 1) return text;
  const counts = new Map<number, number>();
  let longLines = 0;
  for (const line of lines) {
    if (line.length >= 40) longLines++;
    if (line.length >= MIN_WIDTH) counts.set(line.length, (counts.get(line.length) ?? 0) + 1);
  }
  let width = 0;
  let best = 0;
  for (const [len, n] of counts) if (n > best) [width, best] = [len, n];
  if (best < MIN_WRAPPED || best * 3 < longLines) return text;
  const out: string[] = [];
  let pending = '';
  for (const line of lines) {
    pending += line;
    if (line.length !== width) {
      out.push(pending);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out.join('\n');
}
