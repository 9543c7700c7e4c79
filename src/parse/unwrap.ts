/**
 * Consoles wrap long lines at a fixed width (80 or 120 columns), which splits words
 * ("successfull" / "y established"). When several lines share one exact width, each line of that
 * width is joined to the next without a separator, unless it is a row of tool output (netstat's
 * columns) or the next line starts a new log record.
 */
const MIN_WIDTH = 60;
const MIN_WRAPPED = 3;
/** Three column gaps of two or more spaces: a row of tool output, not wrapped prose. */
const COLUMNAR = /(?:\S{1,200} {2,40}){3}\S/;
/** A line that starts a new log record (a date and time) is never the tail of the line before. */
const NEW_RECORD = /^\s{0,4}(?:\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4}[ ,]\d{1,2}:\d{2})/;

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
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    pending += line;
    // Rows of a table (netstat) and records of a log (ERRORLOG) often share one width without being wrapped.
    if (line.length !== width || COLUMNAR.test(line) || NEW_RECORD.test(lines[i + 1] ?? '')) {
      out.push(pending);
      pending = '';
    }
  }
  if (pending) out.push(pending);
  return out.join('\n');
}
