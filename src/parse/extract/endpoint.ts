/** Server, instance, port, login and database named in the paste. */
import { DATABASE_PHRASES, USER_PHRASES } from '../data/identity-phrases';

export interface Endpoint {
  server?: string;
  instance?: string;
  port?: number;
  portInServerName?: boolean;
  user?: string;
  database?: string;
}

const HOST = `[^\\s,;:'"<>()\\[\\]]{1,253}`;

// Each pattern yields a server (group 1, may hold "host\\instance" or "host,port") and maybe a port (group 2).
// `named` patterns read the server name as the user wrote it (connection string, URL, tool argument): a
// port there was chosen; the others are messages in which a driver prints the port it used, default or not.
const SERVER_PATTERNS: readonly { re: RegExp; named: boolean }[] = [
  { re: new RegExp(`The TCP/IP connection to the host (${HOST}), port (\\d{1,5})`, 'i'), named: false },
  { re: new RegExp(`The connection to the host (${HOST}), named instance ([^\\s,.'"]{1,128})`, 'i'), named: false },
  { re: new RegExp(`Failed to connect to (?:tcp:)?(${HOST})(?:(?:,\\s?|:)(\\d{1,5}))?`, 'i'), named: false },
  { re: new RegExp(`unable to open tcp connection with host '(${HOST}):(\\d{1,5})'`, 'i'), named: false },
  { re: new RegExp(`jdbc:sqlserver://(${HOST})(?::(\\d{1,5}))?`, 'i'), named: true },
  { re: new RegExp(`\\b(?:mssql|sqlserver|tds)://(?:[^@\\s/]{0,200}@)?(${HOST})(?::(\\d{1,5}))?`, 'i'), named: true },
  { re: new RegExp(`\\b(?:Server|Data Source|Address|Addr|Network Address)\\s{0,3}=\\s{0,3}(?:tcp:|np:|lpc:|admin:)?([^\\s;,'"<>]{1,253})(?:,(\\d{1,5}))?`, 'i'), named: true },
  { re: new RegExp(`\\bon server '([^'\\n]{1,260})'`, 'i'), named: true },
  { re: new RegExp(`\\bCannot connect to (${HOST}(?:,\\d{1,5})?)\\.(?:\\s|$)`), named: true },
  { re: new RegExp(`\\bhost:? (${HOST}),? port:? (\\d{1,5})`, 'i'), named: false },
  { re: new RegExp(`\\bConnecting with server: (${HOST}) port: (\\d{1,5})`, 'i'), named: false },
  { re: new RegExp(`\\bconnection to (${HOST}):(\\d{1,5})`, 'i'), named: false },
  { re: new RegExp(`Sql Server Browser on host (${HOST})`, 'i'), named: false },
  { re: new RegExp(`(?<!SQL )\\bServer\\s?:\\s{1,3}(${HOST})(?:,(\\d{1,5}))?`), named: true },
  { re: new RegExp(`-ServerInstance\\s{1,3}["']?(${HOST})`, 'i'), named: true },
  { re: new RegExp(`\\b(?:sqlcmd|bcp|osql)(?:\\.exe)?\\b[^\\n]{0,300}?\\s-S(?!erver)\\s{0,3}(?:tcp:)?(${HOST})(?:[,:](\\d{1,5}))?`, 'i'), named: true },
];

const PLACEHOLDER = /^(?:<|\*\*\*|\.{2,})/;

function quotedAfter(phrases: readonly string[]): RegExp {
  const alts = phrases.map((p) => p.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return new RegExp(`(?:${alts})\\s{0,2}["'‘’“”]([^"'‘’“”\\n]{0,128})["'‘’“”]`, 'i');
}

const USER_QUOTED = quotedAfter(USER_PHRASES);
const DATABASE_QUOTED = quotedAfter(DATABASE_PHRASES);
const USER_SETTING = /\b(?:User ID|UID|User|Username|user name)\s{0,2}=\s{0,2}([^;'"\s<>]{1,128})/i;
const DATABASE_SETTING = /\b(?:Database|Initial Catalog|databaseName)\s{0,2}=\s{0,2}([^;'"\s<>]{1,128})/i;
const URL_DATABASE = /\b(?:mssql|sqlserver):\/\/[^/\s]{1,300}\/([^\s?;/'"]{1,128})/i;

function splitServer(raw: string, into: Endpoint): void {
  let server = raw.replace(/[.,;:]+$/, '');
  const comma = /^(.*),\s?(\d{1,5})$/.exec(server);
  if (comma) {
    server = comma[1];
    into.port ??= Number(comma[2]);
  }
  const colon = /^([^:]+):(\d{1,5})$/.exec(server);
  if (colon) {
    server = colon[1];
    into.port ??= Number(colon[2]);
  }
  const slash = server.indexOf('\\');
  if (slash > 0) {
    into.instance ??= server.slice(slash + 1);
    server = server.slice(0, slash);
  }
  if (server && !into.server) into.server = server;
}

export function extractEndpoint(text: string): Endpoint {
  const out: Endpoint = {};
  for (const pattern of SERVER_PATTERNS) {
    const m = pattern.re.exec(text);
    if (!m || PLACEHOLDER.test(m[1])) continue;
    const hadPort = out.port !== undefined;
    splitServer(m[1], out);
    if (m[2] !== undefined) {
      if (/^\d+$/.test(m[2])) out.port ??= Number(m[2]);
      else out.instance ??= m[2];
    }
    if (!hadPort && out.port !== undefined && pattern.named) out.portInServerName = true;
    if (out.server && out.port !== undefined) break;
  }
  if (out.port !== undefined && (out.port <= 0 || out.port > 65535)) {
    delete out.port;
    delete out.portInServerName;
  }

  const user = USER_QUOTED.exec(text) ?? USER_SETTING.exec(text);
  if (user && user[1]) out.user = user[1];
  const database = DATABASE_QUOTED.exec(text) ?? DATABASE_SETTING.exec(text) ?? URL_DATABASE.exec(text);
  if (database && database[1]) out.database = database[1];
  return out;
}
