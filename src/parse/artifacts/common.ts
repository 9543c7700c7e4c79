/** Small helpers the artifact readers share: bounded line handling, endpoints, fact lists. */
import type { ArtifactFact, TcpEndpoint } from './types';

/** Longest line a reader looks at; longer lines are cut (no tool prints lines this long). */
export const MAX_LINE = 2000;
/** Facts listed per artifact: the chat shows a short list. */
export const MAX_FACTS = 12;

export function toInt(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,9}$/.test(text)) return undefined;
  return Number(text);
}

export function validPort(n: number | undefined): number | undefined {
  return n !== undefined && n >= 0 && n <= 65535 ? n : undefined;
}

/**
 * "0.0.0.0:1433", "[::]:1433", "[fe80::1%4]:1433", ":::1433" (Linux netstat), "*:1433", "127.0.0.1.1433" is not a form any
 * of the tools print. The port is what follows the last colon.
 */
export function parseEndpoint(text: string): TcpEndpoint | undefined {
  if (text.length > 80) return undefined;
  const i = text.lastIndexOf(':');
  if (i < 0) return undefined;
  const port = validPort(toInt(text.slice(i + 1)));
  if (port === undefined) return undefined;
  let address = text.slice(0, i);
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  if (address === '' || address === '::' || address === '*' || address === '0.0.0.0') address = address === '0.0.0.0' ? '0.0.0.0' : '::';
  return { address, port };
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address === 'localhost' || address.startsWith('::ffff:127.');
}

export function fact(label: string, value: string): ArtifactFact {
  return { label, value: value.length > 200 ? `${value.slice(0, 197)}...` : value };
}

/** Values listed in a fact, at most `max`, with how many more there were. */
export function listOf(values: string[], max = 6): string {
  const shown = values.slice(0, max).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

export function uniq<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Line `i` cut to MAX_LINE, trimmed at the end. */
export function lineAt(lines: string[], i: number): string {
  const line = lines[i];
  return (line.length > MAX_LINE ? line.slice(0, MAX_LINE) : line).trimEnd();
}
