import { parsePaste } from '../../src/parse';

const facts = (text: string) => parsePaste(text).facts;

describe('the kind of login a paste names', () => {
  test.each([
    ["Login failed for user 'CONTOSO\\svc-payroll'. (Microsoft SQL Server, Error: 18456)", 'CONTOSO\\svc-payroll', 'windows'],
    ["Msg 18456, Level 14, State 1, Server SQLPROD01, Line 1\nLogin failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'.", 'NT AUTHORITY\\ANONYMOUS LOGON', 'windows'],
    ["Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'payroll_app'.", 'payroll_app', 'sql'],
    [
      "Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'dana@contoso.com'.\nServer=tcp:payroll.database.windows.net,1433;Authentication=Active Directory Password;",
      'dana@contoso.com',
      'entra',
    ],
    ["Login failed for user '<token-identified principal>'. (Microsoft SQL Server, Error: 18456)", '<token-identified principal>', 'entra'],
  ])('%s', (text, user, kind) => {
    const f = facts(text);
    expect(f.user).toBe(user);
    expect(f.userKind).toBe(kind);
  });

  test('a plain name outside a failed login says nothing about the kind', () => {
    const f = facts('A network-related or instance-specific error occurred while establishing a connection to SQL Server. Server=db1;User ID=app;');
    expect(f.user).toBe('app');
    expect(f.userKind).toBeUndefined();
  });

  test('user@domain without Entra wording is read as the SQL login it names', () => {
    expect(facts("Login failed for user 'app@payroll-srv'.").userKind).toBe('sql');
  });
});

describe('a port written into the server name, against one a driver prints', () => {
  test.each([
    ['Cannot connect to sqlprod01,1433.\nA network-related or instance-specific error occurred', true],
    ['Server=tcp:sqlprod01.contoso.local,14330;Database=Payroll', true],
    ['jdbc:sqlserver://sqlprod01:1433;databaseName=Payroll', true],
    ['com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host sqlprod01, port 1433 has failed.', undefined],
    ["ConnectionError: Failed to connect to sqlprod01:1433 - connect ECONNREFUSED 10.1.2.3:1433\n    code: 'ESOCKET'", undefined],
  ])('%s', (text, explicit) => {
    const f = facts(text);
    expect(f.port).toBeDefined();
    expect(f.portInServerName).toBe(explicit);
  });
});
