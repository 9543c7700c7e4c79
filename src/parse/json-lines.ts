/**
 * Structured log lines ({"level":"error","msg":"...\n   at ..."}) are unpacked: each string
 * field becomes text of its own, short ones as key=value so codes and hosts stay findable.
 */
const MAX_LINE = 200_000;
const MAX_DEPTH = 8;
const SHORT = 40;

function collect(value: unknown, key: string, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (value === '') return;
    out.push(value.length <= SHORT && !/\s/.test(value) && key ? `${key}=${value}` : value);
  } else if (typeof value === 'number' || typeof value === 'boolean') {
    if (key) out.push(`${key}=${String(value)}`);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out, depth + 1);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) collect(v, k, out, depth + 1);
  }
}

function unpackLine(line: string): string {
  const trimmed = line.trim();
  if (trimmed.length > MAX_LINE || !trimmed.startsWith('{"') || !trimmed.endsWith('}')) return line;
  try {
    const out: string[] = [];
    collect(JSON.parse(trimmed), '', out, 0);
    return out.join('\n');
  } catch {
    return line; // not JSON after all: keep it as written
  }
}

export function unpackJsonLines(text: string): string {
  if (!text.includes('{"')) return text;
  return text
    .split('\n')
    .map((line) => (line.includes('{"') ? unpackLine(line) : line))
    .join('\n');
}
