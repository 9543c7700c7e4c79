/** Symbolic error codes the parser keeps when it sees them as whole words. */

/** tedious / node-mssql error codes. */
export const TEDIOUS_CODES: readonly string[] = [
  'ESOCKET', 'ETIMEOUT', 'ELOGIN', 'EINSTLOOKUP', 'ETLS', 'EALREADYCONNECTED', 'ECLOSE', 'ENOTOPEN',
  'EREQUEST', 'ECANCEL', 'EFEDAUTH', 'ENOCONN', 'EINVALIDSTATE', 'ECONNCLOSED', 'EABORT', 'EARGS',
  'ENOTBEGUN', 'EREQINPROG',
];

/** Operating-system socket codes as Node, Go and libc print them. */
export const OS_CODES: readonly string[] = [
  'ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'EAI_AGAIN', 'ENETUNREACH',
  'EPIPE', 'EADDRINUSE', 'EADDRNOTAVAIL', 'ECONNABORTED', 'EHOSTDOWN', 'ENETDOWN', 'EPROTO', 'EACCES',
];

/** Linux errno values FreeTDS prints after "Net-Lib error during ... (N)", by their symbolic names. */
export const LINUX_ERRNO: ReadonlyMap<number, string> = new Map([
  [32, 'EPIPE'], [101, 'ENETUNREACH'], [103, 'ECONNABORTED'], [104, 'ECONNRESET'], [110, 'ETIMEDOUT'],
  [111, 'ECONNREFUSED'], [112, 'EHOSTDOWN'], [113, 'EHOSTUNREACH'],
]);

/** SQLSTATE values have a two-character class; these classes are the ones drivers report. */
export const SQLSTATE_SHAPE = /^(?:0[0-9A-Z]|[1-4][0-9A-Z]|H[YZ]|IM|S[01])[0-9A-Z]{3}$/;
