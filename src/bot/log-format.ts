/**
 * The terminal form of a JSON log line: "11:02:03.456 INFO  message  key=value ...". A small
 * formatter instead of pino-pretty, so a production install can show it too.
 */
const SKIP = new Set(['time', 'level', 'msg', 'name', 'pid', 'hostname']);

function value(v: unknown): string {
  if (typeof v === 'string') return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
  return JSON.stringify(v);
}

export function humanLine(jsonLine: string, show: { time?: boolean; level?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = show.time !== false && typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = show.level !== false ? String(entry.level ?? '').toUpperCase().padEnd(5) : '';
  const err = entry.err as { stack?: string; message?: string } | undefined;
  const fields = Object.entries(entry)
    .filter(([k]) => !SKIP.has(k) && k !== 'err')
    .map(([k, v]) => `${k}=${value(v)}`);
  const head = [time, level, String(entry.msg ?? ''), ...fields].filter((s) => s !== '').join('  ');
  const stack = err ? `\n    ${(err.stack ?? err.message ?? '').split('\n').join('\n    ')}` : '';
  return `${head}${stack}\n`;
}
