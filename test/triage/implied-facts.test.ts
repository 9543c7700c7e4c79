/**
 * Facts in the paste answer questions: the engine never asks what the paste already says, and the
 * diagnosis says what it took from the paste. Texts are our own, in the formats the drivers print.
 */
import { loadKnowledge } from '../../src/kb/load';
import { addPaste, diagnose, openCase, runDialog } from '../../src/triage';

const kb = loadKnowledge();

const CASES: { name: string; paste: string; implied: [string, string][] }[] = [
  {
    name: 'Encrypt=True in a pasted connection string',
    paste:
      'Server=tcp:sql-fin-01.corp.contoso.com,1433;Initial Catalog=Ledger;Integrated Security=True;Encrypt=True;\n' +
      'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. ' +
      '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
    implied: [['encrypt', 'encrypt-true'], ['driver', 'sqlclient-new']],
  },
  {
    name: 'a connection string without Encrypt leaves the driver default',
    paste:
      'Data Source=sql-fin-01;Initial Catalog=Ledger;User ID=ledger_app;Password=xyz;\n' +
      'System.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
      '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
    implied: [['encrypt', 'not-set'], ['driver', 'sqlclient-old']],
  },
  {
    name: 'Encrypt=Strict',
    paste:
      'Server=sql-fin-01;Database=Ledger;Encrypt=Strict;Integrated Security=SSPI\n' +
      'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
      '(provider: TCP Provider, error: 35 - An internal exception was caught)',
    implied: [['encrypt', 'encrypt-strict']],
  },
  {
    name: 'an Azure SQL host name and an Azure-only error number',
    paste:
      "Cannot open server 'contoso-orders' requested by the login. Client with IP address '203.0.113.25' is not allowed to access the server. " +
      'To enable access, use the Azure Management Portal or run sp_set_firewall_rule on the master database to create a firewall rule for this IP address or address range. ' +
      'It may take up to five minutes for this change to take effect. (Server: contoso-orders.database.windows.net) Msg 40615, Level 14, State 1',
    implied: [['server-os', 'azure-sql'], ['sql-build', 'azure']],
  },
  {
    name: 'an Azure-only error number without a host name (either form answers: anyOf)',
    paste:
      "Msg 40613, Level 20, State 4, Line 1\nDatabase 'orders' on server 'contoso-orders' is not currently available. Please retry the connection later. " +
      "If the problem persists, contact customer support, and provide them the session tracing ID of '4c1d2a9e-7f3b-4d8e-9a61-0c2b5e8f1a77'.",
    implied: [['server-os', 'azure-sql'], ['sql-build', 'azure']],
  },
  {
    name: 'a SQL Agent job step',
    paste:
      'Executed as user: CONTOSO\\svc-sqlagent. OLE DB provider "MSOLEDBSQL" for linked server "REPORTS01" returned message "Login timeout expired". ' +
      '[SQLSTATE 01000] (Message 7412)  Named Pipes Provider: Could not open a connection to SQL Server [53]. [SQLSTATE 42000] (Error 53).  The step failed.',
    implied: [['error-origin', 'sql-host']],
  },
  {
    name: 'a linked server query',
    paste:
      'Msg 7303, Level 16, State 1, Line 1\nCannot initialize the data source object of OLE DB provider "MSOLEDBSQL" for linked server "REPORTS01".\n' +
      'OLE DB provider "MSOLEDBSQL" for linked server "REPORTS01" returned message "Login timeout expired".',
    implied: [['error-origin', 'sql-host']],
  },
  {
    name: 'unixODBC and the ODBC 18 library path on a Linux client',
    paste:
      "pyodbc.OperationalError: ('08001', '[08001] [unixODBC][Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: " +
      "[error:0A000086:SSL routines::certificate verify failed:self-signed certificate] (-1) (SQLDriverConnect)')",
    implied: [['client-os', 'linux-mac'], ['driver', 'odbc18']],
  },
  {
    name: 'a Python traceback from Linux paths',
    paste:
      'Traceback (most recent call last):\n  File "/srv/etl/venv/lib/python3.11/site-packages/sqlalchemy/engine/base.py", line 145, in __init__\n' +
      "pyodbc.OperationalError: ('HYT00', '[HYT00] [Microsoft][ODBC Driver 17 for SQL Server]Login timeout expired (0) (SQLDriverConnect)')",
    implied: [['client-os', 'linux-mac'], ['driver', 'odbc17']],
  },
  {
    name: 'a named instance in the server name',
    paste:
      'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. ' +
      'Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified) ' +
      '(Data Source=SQLSRV02\\SALES)',
    implied: [['instance', 'named-instance']],
  },
  {
    name: 'a port in the server name',
    paste:
      'Data Source=tcp:db01.corp.contoso.com,14330;Initial Catalog=Sales;\nA network-related or instance-specific error occurred while establishing a connection to SQL Server. ' +
      '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)',
    implied: [['instance', 'explicit-port']],
  },
];

describe.each(CASES)('$name', ({ paste, implied }) => {
  test('answers its questions from the paste, never asks them, and the diagnosis says so', () => {
    const c = addPaste(openCase({ id: 'F1' }), paste, kb).case;
    const fromPaste = diagnose(c, kb).fromPaste.map((t) => [t.question, t.option]);
    for (const pair of implied) expect(fromPaste).toContainEqual(pair);
    for (const [question, option] of implied) {
      const label = kb.question.get(question)!.options.find((o) => o.id === option)!.label;
      expect(diagnose(c, kb).fromPaste).toContainEqual(expect.objectContaining({ question, option, label }));
    }
    const run = runDialog(kb, { text: paste }, () => undefined);
    const asked = run.asked.map((a) => a.question);
    for (const [question] of implied) expect(asked).not.toContain(question);
    expect(run.final.implied.map((t) => [t.question, t.option])).toEqual(expect.arrayContaining(implied));
  });
});

test('a Windows client path is no Linux client, and text without a connection string implies no Encrypt setting', () => {
  const paste =
    'Traceback (most recent call last):\n  File "C:\\etl\\venv\\Lib\\site-packages\\sqlalchemy\\engine\\base.py", line 145, in __init__\n' +
    "pyodbc.OperationalError: ('08001', '[08001] [Microsoft][ODBC Driver 18 for SQL Server]SSL Provider: The certificate chain was issued by an authority that is not trusted. (-2146893019) (SQLDriverConnect)')";
  const c = addPaste(openCase({ id: 'F2' }), paste, kb).case;
  const questions = diagnose(c, kb).fromPaste.map((t) => t.question);
  expect(questions).not.toContain('client-os');
  expect(questions).not.toContain('encrypt');
});
