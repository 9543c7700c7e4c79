/** What the error-text parser extracts from a paste. Every field is optional knowledge: absent means "not seen". */

import type { PHASES, PROVIDER_IDS, UserKind } from '../kb/types';

export type Phase = (typeof PHASES)[number];

/** See PROVIDER_IDS: the knowledge schema accepts exactly these. */
export type ProviderId = (typeof PROVIDER_IDS)[number];

/** Normalised driver family names. */
export type DriverId =
  | 'sqlclient' // System.Data.SqlClient / Microsoft.Data.SqlClient
  | 'odbc'
  | 'oledb'
  | 'jdbc'
  | 'tedious' // tedious / node-mssql
  | 'pyodbc'
  | 'pymssql'
  | 'go-mssqldb'
  | 'php'
  | 'sqlcmd'
  | 'ssms'
  | 'freetds'
  | 'dblib';

export interface DriverFact {
  id: DriverId;
  /** What the text called it, e.g. "ODBC Driver 17 for SQL Server", "Microsoft.Data.SqlClient". */
  name: string;
  version?: string;
}

/** One error record found in the paste (a paste may hold several). */
export interface ErrorRecord {
  /** SQL Server error number (e.g. 18456, 4060, 2, 53, -2). */
  number?: number;
  state?: number;
  class?: number;
  /** SNI provider error number from "(provider: X, error: N - ...)". */
  sniError?: number;
  provider?: ProviderId;
  /** First line of the message, redacted, at most 300 chars. */
  message: string;
}

export interface Facts {
  errors: ErrorRecord[];
  /** All SQL error numbers seen (deduplicated, in order of appearance). */
  sqlErrors: number[];
  /** SQL error states seen (e.g. 18456 state 38). */
  states: number[];
  /** SNI provider error numbers: 0, 26, 40, -1 ... */
  sniErrors: number[];
  /** Win32 / Winsock / OS error numbers: 10054, 10060, 10061, 121, 64, 11001, 233, 258 ... */
  win32Errors: number[];
  /** HRESULTs, upper-case hex with 0x prefix: "0x2746", "0x80004005". */
  hresults: string[];
  providers: ProviderId[];
  /** Best guess at the phase the failure happened in, or null when the text does not say. */
  phase: Phase | null;
  driver: DriverFact | null;
  server?: string;
  instance?: string;
  port?: number;
  /** True when the port is written into the server name as the user gave it (host,port, host:port,
   *  jdbc:sqlserver://host:port), not printed by a driver that always shows the port it used. */
  portInServerName?: boolean;
  user?: string;
  /** The kind of login `user` is (see src/parse/extract/user-kind.ts). */
  userKind?: UserKind;
  database?: string;
  /** Symbolic codes: tedious (ESOCKET, ETIMEOUT, ELOGIN, EINSTLOOKUP ...), OS (ECONNREFUSED, ENOTFOUND ...), JDBC SQLState (08S01 ...). */
  codes: string[];
  /** Java / .NET exception class names seen (SQLServerException, SqlException, SocketException ...). */
  exceptions: string[];
  /** ISO 639-1 language of the message text when not English, detected from known phrases. */
  language?: string;
}

export interface ParsedPaste {
  /** The paste with markup removed (HTML, fences, ANSI, escaped newlines) and secrets redacted. */
  text: string;
  /** Lower-cased, whitespace-folded form of `text`, used for phrase matching. */
  normalized: string;
  facts: Facts;
  /** How many secrets were replaced. */
  redactions: number;
  /** True when the input was cut at the size limit. */
  truncated: boolean;
}
