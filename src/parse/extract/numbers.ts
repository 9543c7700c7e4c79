/**
 * Error numbers in one message segment: SQL Server error number/state/class, SNI provider error,
 * Win32/Winsock numbers and HRESULTs, in the shapes the drivers print them.
 */
import { KNOWN_WIN32 } from '../data/win32-messages';
import type { ProviderId } from '../types';

export interface SegmentNumbers {
  number?: number;
  state?: number;
  class?: number;
  sniError?: number;
  provider?: ProviderId;
  /** True when the segment is only a number line ("Error Number:64,State:0,Class:20") with no message. */
  numbersOnly: boolean;
  win32: number[];
  hresults: string[];
}

// Msg 18456, Level 14, State 1  |  Error: 18456, Severity: 14, State: 38  (sqlcmd, errorlog)
const MSG_LEVEL_STATE = /\b(?:Msg|Error:?) (-?\d{1,6}), (?:Level|Severity):? (\d{1,2}), State:? (\d{1,3})/i;
// Error Number:18456,State:1,Class:14  (SqlException.ToString)
const ERROR_NUMBER = /\bError Number:\s?(-?\d{1,10}),\s?State:\s?(\d{1,3}),\s?Class:\s?(\d{1,2})/i;
const SQLSTATE_NATIVE = /\bSQLState\s?=\s?[0-9A-Z]{5},\s?NativeError\s?=\s?(-?\d{1,10})/i;
const SSMS_ERROR = /\(Microsoft SQL Server, Error: (-?\d{1,10})\)/;
// ErrorCode 18456, errorCode=18456, SQL Error [18456], SQL Error -2146893019, SQLServer Error: 11001, 'code' => 18456, [code] => 258, code: 18456
const LABELLED_CODE =
  /\b(?:error ?code|vendor ?code|SQL Error|SQLServer Error|native ?error|\[?'?code'?\]? =>|code:)\s{0,3}[:=]?\s{0,3}\[?(-?\d{1,10})\b/gi;
// ODBC tails: "... (18456) (SQLDriverConnect)" or a trailing "(10061)'" after an ODBC message.
const ODBC_NATIVE = /\((-?\d{1,10})\)\s?\(SQL[A-Za-z]{3,30}\)/g;
const ODBC_TRAILING = /\((-?\d{1,10})\)['")\],]{0,3}\s*$/;
const ODBC_TAG = /\[(?:Microsoft|unixODBC|SQL Server|ODBC [^\]]{1,60}|SQL Server Native Client [^\]]{1,10})\]/;
const WIN32_EXCEPTION = /\b(?:Win32|Socket|Network)Exception \((?:[0-9A-Fa-f]{1,8}, )?(0x[0-9A-Fa-f]{1,8}|-?\d{1,10})\)/;
const UNKNOWN_ERROR = /\bUnknown error (\d{1,10})\b/;
const PIPE_BRACKET = /Could not open a connection to SQL Server \[(\d{1,6})\]/i;
const PROVIDER_PAREN = /\(provider: ([^,()\n]{1,60}), error: (-?\d{1,5})(?: - |\)|\s*$)/i;
const PROVIDER_PREFIX = /(TCP|SSL|Named Pipes|Shared Memory|SSPI|Session)(?: Provider| 提供程序|-Anbieter)|SQL Network Interfaces|(?:Fournisseur|Proveedor|Provider) (TCP|SSL|de canalizaciones con nombre|Named Pipes)/i;
const PROVIDER_HINT = /rovider|Network Interfaces|ournisseur|roveedor|Anbieter|提供程序/i;
const HEX = /\b0x([0-9A-Fa-f]{1,8})\b/g;
const BIG_NEGATIVE = /(?<![\w.])-(\d{9,10})\b/g;

export function providerId(name: string): ProviderId | undefined {
  const n = name.toLowerCase();
  if (n.includes('ssl')) return 'ssl';
  if (n.includes('tcp')) return 'tcp';
  if (n.includes('pipe') || n.includes('canalizaciones') || n.includes('canalisations')) return 'np';
  if (n.includes('network interfaces') || n.includes('sni')) return 'sni';
  if (n.includes('shared memory') || n.includes('memoria compartida')) return 'sm';
  if (n.includes('sspi')) return 'sspi';
  if (n.includes('session')) return 'session';
  return undefined;
}

export function hresultHex(value: number): string {
  return '0x' + (value >>> 0).toString(16).toUpperCase();
}

function isWinsockLike(n: number): boolean {
  return KNOWN_WIN32.has(n) || (n >= 10000 && n < 12000);
}

/** ODBC native tails and Win32Exception (N). */
function numbersInParentheses(segment: string, lower: string, out: SegmentNumbers, native: (n: number) => void): void {
  let m: RegExpExecArray | null;
  // ODBC puts -1 in the tail when the failure has no native number.
  const odbcNative = (n: number): void => {
    if (n >= 0 || n <= -268435456) native(n);
  };
  let odbcTail = false;
  if (lower.includes(') (sql')) {
    for (const c of segment.matchAll(ODBC_NATIVE)) {
      odbcNative(Number(c[1]));
      odbcTail = true;
    }
  }
  if (!odbcTail && segment.includes('[') && ODBC_TAG.test(segment) && (m = ODBC_TRAILING.exec(segment))) odbcNative(Number(m[1]));
  if (lower.includes('exception (') && (m = WIN32_EXCEPTION.exec(segment))) {
    const v = m[1];
    if (v.startsWith('0x')) out.hresults.push(hresultHex(parseInt(v, 16)));
    else if (Number(v) > 0) out.win32.push(Number(v));
    else native(Number(v));
  }
}

export function extractNumbers(segment: string): SegmentNumbers {
  const out: SegmentNumbers = { numbersOnly: false, win32: [], hresults: [] };
  const sql = (n: number): void => {
    if (n !== 0 && out.number === undefined) out.number = n;
  };
  // A native number from a driver is a Win32 error for network failures and a SQL error otherwise.
  const native = (n: number): void => {
    if (n === 0) return;
    if (n <= -268435456) out.hresults.push(hresultHex(n));
    else if (isWinsockLike(n) && !segment.includes('[SQL Server]')) out.win32.push(n);
    else sql(n);
  };

  // Cheap checks first: most lines of a long log hold no number worth a regex.
  const digits = /\d/.test(segment);
  const lower = digits || PROVIDER_HINT.test(segment) ? segment.toLowerCase() : '';
  let m: RegExpExecArray | null = null;
  if (digits) {
    if ((lower.includes('level') || lower.includes('severity')) && (m = MSG_LEVEL_STATE.exec(segment))) {
      [out.number, out.class, out.state] = [Number(m[1]), Number(m[2]), Number(m[3])];
    }
    if (lower.includes('error number') && (m = ERROR_NUMBER.exec(segment))) {
      const n = Number(m[1]);
      [out.number, out.state, out.class] = [n, Number(m[2]), Number(m[3])];
      if (isWinsockLike(n)) out.win32.push(n);
      out.numbersOnly = segment.replace(ERROR_NUMBER, '').trim().length === 0;
    }
    if (lower.includes('nativeerror') && (m = SQLSTATE_NATIVE.exec(segment))) native(Number(m[1]));
    if (lower.includes('microsoft sql server, error') && (m = SSMS_ERROR.exec(segment))) native(Number(m[1]));
    if (/code|error/.test(lower)) for (const c of segment.matchAll(LABELLED_CODE)) native(Number(c[1]));
    if (segment.includes('(')) numbersInParentheses(segment, lower, out, native);
    if (lower.includes('unknown error') && (m = UNKNOWN_ERROR.exec(segment)) && Number(m[1]) < 100000) out.win32.push(Number(m[1]));
    if (lower.includes('sql server [') && (m = PIPE_BRACKET.exec(segment))) out.win32.push(Number(m[1]));
  }
  if (lower !== '' && PROVIDER_HINT.test(segment)) {
    if ((m = PROVIDER_PAREN.exec(segment))) {
      out.provider = providerId(m[1]);
      out.sniError = Number(m[2]);
    } else if ((m = PROVIDER_PREFIX.exec(segment))) {
      out.provider = providerId(m[0]);
    }
  }
  if (!digits) return out;
  if (segment.includes('0x') || segment.includes('0X')) {
    for (const h of segment.matchAll(HEX)) {
      const value = parseInt(h[1], 16);
      out.hresults.push(hresultHex(value));
      // ODBC prints Winsock errors in hex ("Error code 0x2746" is 10054).
      if (value < 0x10000 && isWinsockLike(value)) out.win32.push(value);
    }
  }
  if (segment.includes('-')) {
    for (const n of segment.matchAll(BIG_NEGATIVE)) {
      const value = -Number(n[1]);
      if (value <= -268435456 && value >= -2147483648) out.hresults.push(hresultHex(value));
    }
  }
  return out;
}
