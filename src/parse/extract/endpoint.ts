/** Server, instance, port, login and database named in the paste. */
import { DATABASE_PHRASES, USER_PHRASES } from '../data/identity-phrases';

export interface Endpoint {
  server?: string;
  instance?: string;
  port?: number;
  user?: string;
  database?: string;
}

const HOST = `[^\\s,;:'"<>()\\[\\]]{1,253}`;

// Each pattern yields a server (group 1, may hold "host\\instance" or "host,port") and maybe a port (group 2).
const SERVER_PATTERNS: readonly RegExp[] = [
  new RegExp(`The TCP/IP connection to the host (${HOST}), port (\\d{1,5})`, 'i'),
  new RegExp(`The connection to the host (${HOST}), named instance ([^\\s,.'"]{1,128})`, 'i'),
  new RegExp(`Failed to connect to (?:tcp:)?(${HOST})(?:(?:,\\s?|:)(\\d{1,5}))?`, 'i'),
  new RegExp(`unable to open tcp connection with host '(${HOST}):(\\d{1,5})'`, 'i'),
  new RegExp(`jdbc:sqlserver://(${HOST})(?::(\\d{1,5}))?`, 'i'),
  new RegExp(`\\b(?:mssql|sqlserver|tds)://(?:[^@\\s/]{0,200}@)?(${HOST})(?::(\\d{1,5}))?`, 'i'),
  new RegExp(`\\b(?:Server|Data Source|Address|Addr|Network Address)\\s{0,3}=\\s{0,3}(?:tcp:|np:|lpc:|admin:)?([^\\s;,'"<>]{1,253})(?:,(\\d{1,5}))?`, 'i'),
  new RegExp(`\\bon server '([^'\\n]{1,260})'`, 'i'),
  new RegExp(`\\bCannot connect to (${HOST})\\.(?:\\s|$)`),
  new RegExp(`\\bhost:? (${HOST}),? port:? (\\d{1,5})`, 'i'),
  new RegExp(`\\bConnecting with server: (${HOST}) port: (\\d{1,5})`, 'i'),
  new RegExp(`\\bconnection to (${HOST}):(\\d{1,5})`, 'i'),
  new RegExp(`Sql Server Browser on host (${HOST})`, 'i'),
  new RegExp(`(?<!SQL )\\bServer\\s?:\\s{1,3}(${HOST})(?:,(\\d{1,5}))?`),
  new RegExp(`-ServerInstance\\s{1,3}["']?(${HOST})`, 'i'),
  new RegExp(`\\b(?:sqlcmd|bcp|osql)(?:\\.exe)?\\b[^\\n]{0,300}?\\s-S(?!erver)\\s{0,3}(?:tcp:)?(${HOST})(?:[,:](\\d{1,5}))?`, 'i'),
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
    const m = pattern.exec(text);
    if (!m || PLACEHOLDER.test(m[1])) continue;
    splitServer(m[1], out);
    if (m[2] !== undefined) {
      if (/^\d+$/.test(m[2])) out.port ??= Number(m[2]);
      else out.instance ??= m[2];
    }
    if (out.server && out.port !== undefined) break;
  }
  if (out.port !== undefined && (out.port <= 0 || out.port > 65535)) delete out.port;

  const user = USER_QUOTED.exec(text) ?? USER_SETTING.exec(text);
  if (user && user[1]) out.user = user[1];
  const database = DATABASE_QUOTED.exec(text) ?? DATABASE_SETTING.exec(text) ?? URL_DATABASE.exec(text);
  if (database && database[1]) out.database = database[1];
  return out;
}
