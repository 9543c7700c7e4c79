/** Symbolic codes (tedious, OS, SQLSTATE) and exception class names. */
import { LINUX_ERRNO, OS_CODES, SQLSTATE_SHAPE, TEDIOUS_CODES } from '../data/codes';

const KNOWN_CODES = new Set([...TEDIOUS_CODES, ...OS_CODES]);
const SYMBOL = /\bE[A-Z_]{3,20}\b/g;

// SQLSTATE in the places drivers print it: SQLSTATE[08001], [SQLSTATE 08001], SQLState = 08001,
// SQLState: 08S01, [08001] [Microsoft], ('08001', ..., state: '28000', [SQLSTATE] => HYT00
const SQLSTATE_CONTEXTS: readonly RegExp[] = [
  /\bSQL ?STATE\]?\s{0,3}(?:=>|[:=[ ])\s{0,3}'?([0-9A-Z]{5})\b/gi,
  /\[([0-9A-Z]{5})\]\s?\[/g,
  /\('([0-9A-Z]{5})',/g,
  /\bstate:\s{0,3}'([0-9A-Z]{5})'/g,
];

// FreeTDS (pymssql, TinyTDS, PHP dblib): "DB-Lib error message 20009, severity 9:" and
// "Net-Lib error during Connection refused (111)", the number being the OS errno. No leading
// word boundary: Python reprs put a literal backslash-n right before them.
const DBLIB_MESSAGE = /DB-Lib error message (\d{5})\b/g;
const NETLIB_ERRNO = /Net-Lib error during [^()\n]{1,80}\((\d{1,3})\)/g;

// A class name ending in Exception or Error, not a method call ("OnError(").
const EXCEPTION = /(?<![\w`])([A-Z][A-Za-z0-9]{0,60}(?:Exception|Error))\b(?!\()/g;
const NOT_CLASSES = new Set(['Error', 'Exception', 'SQLError', 'OnError']);

export function extractCodes(text: string): string[] {
  const out = new Set<string>();
  if (/\bE[A-Z]/.test(text)) {
    for (const m of text.matchAll(SYMBOL)) if (KNOWN_CODES.has(m[0])) out.add(m[0]);
  }
  if (text.includes('-Lib error')) {
    for (const m of text.matchAll(DBLIB_MESSAGE)) out.add(`DBLIB-${m[1]}`);
    for (const m of text.matchAll(NETLIB_ERRNO)) {
      const symbol = LINUX_ERRNO.get(Number(m[1]));
      if (symbol) out.add(symbol);
    }
  }
  for (const pattern of SQLSTATE_CONTEXTS) {
    for (const m of text.matchAll(pattern)) {
      const state = m[1].toUpperCase();
      if (SQLSTATE_SHAPE.test(state) && /\d/.test(state)) out.add(state);
    }
  }
  return [...out];
}

export function extractExceptions(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(EXCEPTION)) {
    if (!NOT_CLASSES.has(m[1])) out.add(m[1]);
    if (out.size >= 30) break;
  }
  return [...out];
}
