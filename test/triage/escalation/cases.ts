/**
 * Fixed cases for the escalation tests, built through the engine's own functions (addPaste,
 * addAnswer, addProbe) at fixed times. Probe results are real ladder output recorded against the
 * loopback peers (fixtures/); SQLCHECK reports are the shared fixtures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildKnowledge } from '../../../src/kb/build';
import { indexKnowledge, Knowledge } from '../../../src/kb/compiled';
import { addAnswer, addNote, addPaste, addProbe, openCase } from '../../../src/triage';
import type { Case } from '../../../src/triage/types';
import { sharedDir } from '../../../src/kb/paths';

let built: Knowledge | undefined;
export function kb(): Knowledge {
  built ??= indexKnowledge(buildKnowledge());
  return built;
}

export const CANARY = 'Canary-7Q2x!vault';
export const GENERATED_AT = new Date('2026-03-02T10:00:00.000Z');

const SQLCHECK_DIR = path.join(sharedDir(), 'fixtures', 'sqlcheck');
export const sqlcheckFixture = (name: string): string => fs.readFileSync(path.join(SQLCHECK_DIR, name), 'utf8');
export const probeFixture = (name: string): { result: Record<string, unknown>; signals: string[] } =>
  JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8'));

export const TLS_PASTE = [
  'System.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake.',
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
  ' ---> System.ComponentModel.Win32Exception (0x80004005): An existing connection was forcibly closed by the remote host',
  '   at System.Data.SqlClient.SqlInternalConnectionTds..ctor(DbConnectionPoolIdentity identity)',
  'Data Source=sqlprod01.contoso.local,1433;Initial Catalog=Payroll',
].join('\n');

export const REFUSED_PASTE = [
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible.',
  '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)',
  'Server=tcp:sqlprod01.contoso.local,1433',
].join('\n');

export const SECRET_PASTE = [
  `Login failed for user 'payroll_app'. (Microsoft SQL Server, Error: 18456)`,
  `Connection string: Server=tcp:sqlprod01.contoso.local,1433;Database=Payroll;User ID=payroll_app;Password=${CANARY};Encrypt=True`,
  `sqlcmd -S sqlprod01 -U payroll_app -P ${CANARY}`,
].join('\n');

/** A clock that moves one minute per step, so every evidence item has its own time. */
function clock(start: string): () => { now: Date; by: string } {
  let t = Date.parse(start);
  return () => {
    t += 60_000;
    return { now: new Date(t), by: 'user-dana' };
  };
}

function pasted(c: Case, text: string, opts: { now: Date; by: string }): Case {
  const out = addPaste(c, text, kb(), opts);
  if (out.message || !out.evidenceId) throw new Error(`fixture paste was refused: ${out.message}`);
  return out.case;
}

/** Error text, two answers and a note; no probe, no SQLCHECK. */
export function noProbeCase(): Case {
  const tick = clock('2026-03-02T09:00:00.000Z');
  let c = openCase({ id: 'ST-20260302-NOPROB', now: new Date('2026-03-02T09:00:00.000Z') });
  c = pasted(c, TLS_PASTE, tick());
  c = addAnswer(c, 'changed', 'os-patch-or-tls-policy', kb(), tick());
  c = addAnswer(c, 'local', 'works-locally', kb(), tick());
  c = addNote(c, 'tried', 'Restarted the app pool; same error.', tick());
  return c;
}

/** Refused error text, then two real probe runs: a closed port, and a server with a SHA-1 certificate. */
export function withProbesCase(): Case {
  const tick = clock('2026-03-02T09:00:00.000Z');
  let c = openCase({ id: 'ST-20260302-PROBES', now: new Date('2026-03-02T09:00:00.000Z') });
  c = pasted(c, REFUSED_PASTE, tick());
  const refused = probeFixture('probe-refused.json');
  c = addProbe(c, 'sqlprod01', refused.result, refused.signals, kb(), tick());
  c = addAnswer(c, 'frequency', 'always', kb(), tick());
  const weak = probeFixture('probe-weak-cert.json');
  c = addProbe(c, 'sqlprod01-test', weak.result, weak.signals, kb(), tick());
  return c;
}

/** A client SQLCHECK (TLS 1.2 disabled) and a server SQLCHECK (weak certificate hash, force encryption). */
export function twoSqlcheckCase(): Case {
  const tick = clock('2026-03-02T09:00:00.000Z');
  let c = openCase({ id: 'ST-20260302-SQLCHK', now: new Date('2026-03-02T09:00:00.000Z') });
  c = pasted(c, TLS_PASTE, tick());
  c = pasted(c, sqlcheckFixture('a_client_tls12_disabled.txt'), tick());
  c = pasted(c, sqlcheckFixture('b_server_weak_cert_hash_force_encryption.txt'), tick());
  return c;
}

/** The canary password in the paste, in a note, and in the hand-off details typed in chat. */
export function secretsCase(): Case {
  const tick = clock('2026-03-02T09:00:00.000Z');
  let c = openCase({ id: 'ST-20260302-SECRET', now: new Date('2026-03-02T09:00:00.000Z') });
  c = pasted(c, SECRET_PASTE, tick());
  c = addNote(c, 'note', `we also tried pwd=${CANARY} from SSMS`, tick());
  c = addAnswer(c, 'auth', 'sql-login', kb(), tick());
  c = { ...c, status: 'escalated', escalation: { impact: `Payroll down; app uses Password=${CANARY}`, contact: 'Dana (dba on call)', destination: '#db-escalations', at: '2026-03-02T09:30:00.000Z' } };
  return c;
}

export const FIXED_CASES: Record<string, () => Case> = {
  'no-probe': noProbeCase,
  'with-probes': withProbesCase,
  'two-sqlcheck': twoSqlcheckCase,
  secrets: secretsCase,
};
