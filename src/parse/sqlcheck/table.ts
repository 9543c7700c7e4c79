/**
 * Fixed-width tables: the dash row under the header gives each column's start and width. Rows are
 * sliced at those starts so empty cells keep their place; when a chat client collapsed the spaces
 * (a word straddles a column edge) the row is split on runs of two spaces instead and flagged.
 */

export interface Span {
  start: number;
  end: number;
}

/** Column spans of a dash row ("----  ------  --"), or null when the line is not one. */
export function dashSpans(line: string): Span[] | null {
  const spans: Span[] = [];
  let i = 0;
  const n = line.length;
  while (i < n && line[i] === ' ') i++;
  if (i >= n) return null;
  while (i < n) {
    if (line[i] !== '-') return null;
    const start = i;
    while (i < n && line[i] === '-') i++;
    spans.push({ start, end: i });
    if (i - start < 2) return null;
    while (i < n && line[i] === ' ') i++;
  }
  return spans.length > 0 ? spans : null;
}

function sliceAt(line: string, spans: Span[]): string[] {
  return spans.map((s, i) => line.slice(s.start, i + 1 < spans.length ? spans[i + 1].start : undefined).trim());
}

/** A row is aligned when no word crosses a column edge. */
function aligned(line: string, spans: Span[]): boolean {
  for (let i = 1; i < spans.length; i++) {
    const at = spans[i].start;
    if (at >= line.length) return true;
    if (line[at - 1] !== ' ' && line[at - 1] !== undefined && line[at] !== ' ') return false;
  }
  return true;
}

export interface SlicedRow {
  cells: string[];
  lowConfidence: boolean;
}

export function sliceRow(line: string, spans: Span[]): SlicedRow {
  if (aligned(line, spans)) return { cells: sliceAt(line, spans), lowConfidence: false };
  const parts = line.trim().split(/ {2,}/);
  const cells = spans.map((_s, i) => parts[i] ?? '');
  if (parts.length > spans.length) cells[spans.length - 1] = parts.slice(spans.length - 1).join('  ');
  return { cells, lowConfidence: true };
}
