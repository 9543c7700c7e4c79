/**
 * Generated case histories for the store benchmark: `n` cases spread evenly over three years up to
 * now, about 4 KB each (a pasted stack trace, four answers, the ranking after each), written as the
 * bot would have left them: the last week in the data file, two more days not yet archived, the
 * rest in the monthly archive.
 */
import path from 'node:path';
import { openStore } from '../src/store';
import { Archive, type ArchivedCase } from '../src/store/archive';
import { parsePaste } from '../src/parse';
import type { Case } from '../src/triage/types';

const DAY = 86_400_000;
const SPAN_DAYS = 3 * 365;
export const ARCHIVE_AFTER_DAYS = 7;

const PASTE = [
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
  ' ---> System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not trusted.',
  '   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)',
  '   at Microsoft.Data.SqlClient.TdsParser.ThrowExceptionAndWarning(TdsParserStateObject stateObj, Boolean callerHasConnectionLock, Boolean asyncClose)',
  '   at Microsoft.Data.SqlClient.TdsParser.ConsumePreLoginHandshake(SqlConnectionEncryptOption encrypt, Boolean trustServerCert, Boolean integratedSecurity, Boolean& marsCapable)',
  '   at Microsoft.Data.SqlClient.SqlInternalConnectionTds.AttemptOneLogin(ServerInfo serverInfo, String newPassword, SecureString newSecurePassword, TimeoutTimer timeout)',
  '   at Microsoft.Data.SqlClient.SqlInternalConnectionTds.LoginNoFailover(ServerInfo serverInfo, String newPassword, SecureString newSecurePassword, Boolean redirectedUserInstance)',
  '   at Microsoft.Data.ProviderBase.DbConnectionPool.CreateObject(DbConnection owningObject, DbConnectionOptions userOptions, DbConnectionInternal oldConnection)',
  'ClientConnectionId:6d0f7c2e-8f53-4b8e-9a7b-2a9f0f1c2d3e',
  'Error Number:-2146893019,State:0,Class:20',
].join('\n');
/** The facts the parser finds in the paste, as a real case holds them. */
const FACTS = parsePaste(PASTE).facts;
const TOP = [
  { id: 'tls-untrusted-chain', score: 0.61 },
  { id: 'tls-encrypt-default-change', score: 0.19 },
  { id: 'tls-self-signed', score: 0.1 },
  { id: 'tls-name-mismatch', score: 0.06 },
  { id: 'tls-protocol-mismatch', score: 0.04 },
];
const ANSWERS: [string, string][] = [
  ['encrypt', 'force'],
  ['changed', 'driver'],
  ['clients', 'all'],
  ['frequency', 'always'],
];

const idOf = (i: number, iso: string) => `ST-${iso.slice(0, 10).replace(/-/g, '')}-${i.toString(16).toUpperCase().padStart(6, '0')}`;

export function generatedCase(i: number, at: number, status: Case['status']): Case {
  const iso = new Date(at).toISOString();
  return caseWith(idOf(i, iso), iso, String(i), status);
}

function caseWith(id: string, iso: string, i: string, status: Case['status']): Case {
  const evidence: Case['evidence'] = [{ id: 'ev1', kind: 'paste', at: iso, text: `${PASTE}\n-- case ${i}`, facts: FACTS, redactions: 0, truncated: false }];
  ANSWERS.forEach(([question, option], k) => evidence.push({ id: `ev${k + 2}`, kind: 'answer', at: iso, question, option }));
  return {
    id,
    createdAt: iso,
    updatedAt: iso,
    status,
    origin: { channelId: 'msteams', conversationId: `19:bench-${i}@thread.tacv2` },
    evidence,
    history: evidence.map((e) => ({ at: iso, evidenceId: e.id, top: TOP })),
    ...(status === 'resolved' ? { confirmedCause: TOP[0].id, resolution: { at: iso, by: 'user-1' } } : {}),
  };
}

/**
 * The same JSON text as JSON.stringify(generatedCase(...)), made from a template per status: the
 * archive of 300k cases is written in seconds rather than minutes (only the id, dates and number differ).
 */
const TEMPLATES = new Map<Case['status'], string[]>();
function caseText(i: number, at: number, status: Case['status']): { id: string; iso: string; text: string } {
  let parts = TEMPLATES.get(status);
  if (!parts) {
    parts = JSON.stringify(caseWith('@@ID@@', '@@AT@@', '@@N@@', status)).split(/@@(ID|AT|N)@@/);
    TEMPLATES.set(status, parts);
  }
  const iso = new Date(at).toISOString();
  const id = idOf(i, iso);
  const values: Record<string, string> = { ID: id, AT: iso, N: String(i) };
  let text = '';
  for (let k = 0; k < parts.length; k++) text += k % 2 === 0 ? parts[k] : values[parts[k]];
  return { id, iso, text };
}

export interface Generated {
  /** Ids of a few archived cases, for lookups. */
  archivedSample: string[];
  workingCases: number;
  dueCases: number;
}

/** Writes `n` cases into `dir` (data file and archive) and returns what the probe needs. */
export async function generateStore(dir: string, n: number, now = Date.now()): Promise<Generated> {
  const start = now - SPAN_DAYS * DAY;
  const step = (SPAN_DAYS * DAY) / n;
  const archive = new Archive(dir);
  const working: Case[] = [];
  const archivedSample: string[] = [];
  let batch: ArchivedCase[] = [];
  let month = '';
  let dueCases = 0;
  const flush = async () => {
    if (batch.length) await archive.putCases(batch);
    batch = [];
  };
  for (let i = 0; i < n; i++) {
    const at = Math.round(start + i * step);
    const status: Case['status'] = i % 7 === 0 ? 'escalated' : i % 11 === 0 ? 'open' : 'resolved';
    const ageDays = (now - at) / DAY;
    if (ageDays < ARCHIVE_AFTER_DAYS + 2) {
      working.push(generatedCase(i, at, status));
      if (ageDays >= ARCHIVE_AFTER_DAYS) dueCases++;
      continue;
    }
    const { id, iso, text } = caseText(i, at, status);
    if (iso.slice(0, 7) !== month) {
      await flush();
      month = iso.slice(0, 7);
    }
    batch.push({ id, text, status, createdAt: iso, updatedAt: iso });
    if (i % Math.max(1, Math.floor(n / 64)) === 0) archivedSample.push(id);
  }
  await flush();
  const store = await openStore({ dir });
  await Promise.all(working.map((c) => store.cases.put(c)));
  // Conversation and user state as a team leaves it: a record per recent conversation and per user.
  const state: Record<string, unknown> = {};
  working.forEach((c, k) => {
    state[`msteams/conversations/${c.origin!.conversationId}`] = { dialogs: { dialogStack: [] }, case: { caseId: c.id }, eTag: '*' };
    state[`msteams/users/user-${k % 40}`] = { profile: { name: `User ${k % 40}` }, eTag: '*' };
  });
  await store.storage.write(state);
  await store.close();
  return { archivedSample, workingCases: working.length, dueCases };
}

/** For the benchmark's own check: the template text is exactly what JSON.stringify makes. */
export function templateMatches(): boolean {
  const at = Date.UTC(2025, 4, 6, 7, 8, 9, 10);
  return (['open', 'resolved', 'escalated'] as const).every((s) => caseText(77, at, s).text === JSON.stringify(generatedCase(77, at, s)));
}

export const dataFileOf = (dir: string) => path.join(dir, 'sqltriage.json');
