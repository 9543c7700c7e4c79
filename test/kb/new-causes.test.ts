/**
 * The causes and questions added for issue #11, as a user meets them: a paste of the documented
 * message ranks its cause where an engineer would look first, and the paste answers what it shows.
 */
import { loadKnowledge } from '../../src/kb/load';
import { addAnswer, addPaste, nextStep, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';

const kb = loadKnowledge();

function pasted(text: string): Case {
  const out = addPaste(openCase({ id: 'N1' }), text, kb);
  expect(out.message).toBeUndefined();
  return out.case;
}

const rankOf = (c: Case, cause: string) => rankCase(c, kb).causes.findIndex((r) => r.id === cause) + 1;

describe('new causes rank where an engineer looks first', () => {
  test.each([
    ['18461: the instance runs in single-user mode', "Msg 18461, Level 14, State 1, Server SQLPROD07, Line 1\nLogin failed for user 'sa'. Reason: Server is in single user mode. Only one administrator can connect at this time.", 'db-single-user', 1],
    ['924: a single-user database already in use', "Database 'Billing' is already open and can only have one user at a time. (Microsoft SQL Server, Error: 924)", 'db-single-user', 1],
    ['942: a database set offline', "Msg 942, Level 14, State 4, Line 1\nDatabase 'Archive2019' cannot be opened because it is offline.", 'db-offline', 1],
    ['17892: a logon trigger rolled the login back', "Logon failed for login 'CORP\\jdoe' due to trigger execution.\nChanged database context to 'master'. (Microsoft SQL Server, Error: 17892)", 'login-logon-trigger', 1],
    ['JDBC: the TDS prelogin response is incomplete', 'com.microsoft.sqlserver.jdbc.SQLServerException: The TDS prelogin response is incomplete. The target server must be SQL Server 2000 or later.', 'tls-prelogin-not-tds', 3],
    ['JDBC: an unexpected pre-login response', 'com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host 10.1.2.3, port 8080 has failed. Error: "The driver received an unexpected pre-login response. Verify the connection properties and check that an instance of SQL Server is running on the host and accepting TCP/IP connections at the port. This driver can be used only with SQL Server 2005 or later."', 'tls-prelogin-not-tds', 3],
    ['17809: the user connection limit', "Could not connect because the maximum number of '200' user connections has already been reached. The system administrator can use sp_configure to increase the maximum value. The connection has been closed.", 'exhaust-server-user-connections', 1],
    ['10055 with insufficient system resources on the SQL host', 'OLE DB provider "MSOLEDBSQL" for linked server "SQLDW01" returned message "Login timeout expired". TCP Provider: Insufficient system resources exist to complete the requested service. (Error 10055)', 'exhaust-low-kernel-memory', 3],
  ])('%s', (_name, text, cause, within) => {
    const rank = rankOf(pasted(text), cause);
    expect(rank).toBeGreaterThanOrEqual(1);
    expect(rank).toBeLessThanOrEqual(within);
  });

  test('4060 alone does not settle "does not exist" against "offline": the database state is asked', () => {
    const c = pasted('Microsoft.Data.SqlClient.SqlException (0x80131904): Cannot open database "Billing" requested by the login. The login failed.\nLogin failed for user \'app_billing\'.');
    expect(rankOf(c, 'db-offline')).toBeLessThanOrEqual(3);
    const step = nextStep(c, kb);
    expect(step.kind).toBe('question');
  });
});

describe('an 18456 for a Windows account', () => {
  const c = pasted("Login failed for user 'CONTOSO\\svc-report'. (Microsoft SQL Server, Error: 18456)");

  test('never asks how the application authenticates', () => {
    let step = nextStep(c, kb);
    const asked: string[] = [];
    let cur = c;
    for (let i = 0; i < 15 && step.kind === 'question'; i++) {
      asked.push(step.question.id);
      cur = addAnswer(cur, step.question.id, 'unsure', kb);
      step = nextStep(cur, kb);
    }
    expect(asked).not.toContain('auth');
  });

  test('does not rank "wrong password for a SQL login" first', () => {
    expect(rankCase(c, kb).causes[0].id).not.toBe('login-wrong-password');
  });
});

describe('questions of the spec', () => {
  const ids = new Set(kb.kb.questions.map((q) => q.id));
  test.each(['client-os', 'server-os', 'sql-build', 'force-encryption', 'server-log', 'login-reason', 'db-state', 'error-origin', 'vm-snapshot', 'network-path'])('%s can be asked and skipped', (id) => {
    expect(ids.has(id)).toBe(true);
    expect(kb.question.get(id)!.options.map((o) => o.id)).toContain('unsure');
  });

  test("'changed' offers a security agent and a service account change", () => {
    expect(kb.question.get('changed')!.options.map((o) => o.id)).toEqual(expect.arrayContaining(['security-agent', 'service-account']));
  });
});
