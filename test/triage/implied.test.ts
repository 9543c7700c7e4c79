import { loadKnowledge } from '../../src/kb/load';
import { addAnswer, addPaste, diagnose, nextStep, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';

const kb = loadKnowledge();

function pasted(...texts: string[]): Case {
  let c = openCase({ id: 'I1' });
  for (const t of texts) {
    const out = addPaste(c, t, kb);
    expect(out.message).toBeUndefined();
    c = out.case;
  }
  return c;
}

const implied = (c: Case) => Object.fromEntries(c.evidence.flatMap((e) => (e.kind === 'answer' && e.implied ? [[e.question, e.option]] : [])));

/** Error texts as the drivers print them, and what they say about the driver and the server name. */
const DRIVER_TEXTS: [string, string, Record<string, string>][] = [
  [
    'Microsoft.Data.SqlClient',
    'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)\n ---> System.ComponentModel.Win32Exception (0x80090325): The certificate chain was issued by an authority that is not trusted.\n   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)',
    { driver: 'sqlclient-new' },
  ],
  [
    'System.Data.SqlClient on a named instance',
    'System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)\n   at System.Data.SqlClient.SqlInternalConnectionTds..ctor(DbConnectionPoolIdentity identity, SqlConnectionString connectionOptions)\nData Source=SQLSRV02\\SALES;Initial Catalog=Orders;Integrated Security=True',
    // The connection string sets no Encrypt: the driver default applies.
    { driver: 'sqlclient-old', instance: 'named-instance', encrypt: 'not-set' },
  ],
  [
    'ODBC Driver 17 through sqlcmd',
    'Sqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : TCP Provider: No connection could be made because the target machine actively refused it.\nSqlcmd: Error: Microsoft ODBC Driver 17 for SQL Server : Login timeout expired.',
    { driver: 'odbc17' },
  ],
  [
    'ODBC Driver 18 through pyodbc',
    "pyodbc.OperationalError: ('08001', '[08001] [Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: [error:0A000086:SSL routines::certificate verify failed:self-signed certificate] (-1) (SQLDriverConnect)')",
    { driver: 'odbc18' },
  ],
  [
    'JDBC, which prints the port it used',
    'com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host sqlprod01, port 1433 has failed. Error: "Connection refused: connect. Verify the connection properties. Make sure that an instance of SQL Server is running on the host and accepting TCP/IP connections at the port."\n\tat com.microsoft.sqlserver.jdbc.SQLServerException.makeFromDriverError(SQLServerException.java:234)',
    { driver: 'jdbc' },
  ],
  [
    'tedious',
    "ConnectionError: Failed to connect to sqlprod01:1433 - connect ECONNREFUSED 10.1.2.3:1433\n    at Connection.socketError (/app/node_modules/tedious/lib/connection.js:1395:28)\n  code: 'ESOCKET'",
    // A forward-slash node_modules path: a Linux client or container.
    { driver: 'node', 'client-os': 'linux-mac' },
  ],
  ['pymssql', "pymssql._mssql.MSSQLDatabaseException: (20009, b'DB-Lib error message 20009, severity 9:\\nUnable to connect: Adaptive Server is unavailable or does not exist (sqlprod01)\\n')", { driver: 'python' }],
  [
    'SSMS with an explicit port',
    'Cannot connect to sqlprod01,14330.\n\nADDITIONAL INFORMATION:\n\nA network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.) (Microsoft SQL Server, Error: 10061)',
    { instance: 'explicit-port' },
  ],
];

describe('facts in the paste answer questions, which are then never asked', () => {
  test.each(DRIVER_TEXTS)('%s', (_name, text, expected) => {
    const c = pasted(text);
    expect(implied(c)).toEqual(expected);
    // Never asked, at any point of the dialog.
    let d = c;
    for (let i = 0; i < 12; i++) {
      const step = nextStep(d, kb);
      if (step.kind === 'done') break;
      expect(Object.keys(expected)).not.toContain(step.question.id);
      d = addAnswer(d, step.question.id, 'unsure', kb);
    }
  });

  test.each([
    ["Login failed for user 'CONTOSO\\svc-payroll'. (Microsoft SQL Server, Error: 18456)", 'windows'],
    ["Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'payroll_app'.", 'sql-login'],
    ["Login failed for user '<token-identified principal>'. (Microsoft SQL Server, Error: 18456)", 'entra'],
  ])('%s answers the authentication question with %s', (text, option) => {
    expect(implied(pasted(text)).auth).toBe(option);
  });

  test('a Windows account in the 18456 is not diagnosed as a wrong SQL password', () => {
    const sqlLogin = rankCase(pasted("Login failed for user 'payroll_app'. (Microsoft SQL Server, Error: 18456)"), kb);
    const windows = rankCase(pasted("Login failed for user 'CONTOSO\\svc-payroll'. (Microsoft SQL Server, Error: 18456)"), kb);
    const score = (r: typeof sqlLogin, id: string) => r.causes.find((x) => x.id === id)!.score;
    expect(score(windows, 'login-wrong-password')).toBeLessThan(score(sqlLogin, 'login-wrong-password') / 3);
  });

  test('the diagnosis says what it took from the paste, in the question\'s and the answer\'s words', () => {
    const d = diagnose(pasted(DRIVER_TEXTS[1][1]), kb);
    expect(d.fromPaste).toEqual(
      expect.arrayContaining([
        { question: 'driver', text: kb.question.get('driver')!.text, option: 'sqlclient-old', label: 'System.Data.SqlClient or .NET Framework' },
        { question: 'instance', text: kb.question.get('instance')!.text, option: 'named-instance', label: 'Host\\InstanceName, no port' },
      ]),
    );
  });

  test('an explicit answer overrides the implied one, and a later paste does not bring it back', () => {
    let c = pasted(DRIVER_TEXTS[0][1]);
    c = addAnswer(c, 'driver', 'odbc18', kb);
    const answers = c.evidence.filter((e) => e.kind === 'answer' && e.question === 'driver');
    expect(answers).toEqual([expect.objectContaining({ option: 'odbc18' })]);
    expect(answers[0]).not.toHaveProperty('implied');
    c = addPaste(c, DRIVER_TEXTS[0][1].replace('login process', 'login process again'), kb).case;
    expect(c.evidence.filter((e) => e.kind === 'answer' && e.question === 'driver')).toEqual([expect.objectContaining({ option: 'odbc18' })]);
    expect(diagnose(c, kb).fromPaste.map((f) => f.question)).not.toContain('driver');
  });

  test('two pastes naming drivers give one implied driver answer, not two', () => {
    const c = pasted(DRIVER_TEXTS[0][1], DRIVER_TEXTS[2][1]);
    expect(c.evidence.filter((e) => e.kind === 'answer' && e.question === 'driver')).toHaveLength(1);
  });

  test('an answer taken from an unplaceable paste does not turn it into a diagnosis, as an answer from the user would', () => {
    const c = pasted('Are we still on for lunch on Friday? I can bring the slides.');
    expect(rankCase(c, kb).unknown).toBe(true);
    const withAnswer = (implied: boolean): Case => ({
      ...c,
      evidence: [...c.evidence, { id: 'ev9', at: c.updatedAt, kind: 'answer', question: 'frequency', option: 'always', ...(implied ? { implied: true } : {}) }],
    });
    expect(rankCase(withAnswer(true), kb).unknown).toBe(true);
    expect(rankCase(withAnswer(false), kb).unknown).toBe(false);
  });
});
