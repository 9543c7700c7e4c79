/** Secrets never survive a parse: every form of connection string, wrapped in every markup. */
import { parsePaste, redactSecrets } from '../../src/parse';

const CANARY = 'CANARY-PW-1234';

// Each case holds the canary once (or the count given) in a different written form.
const FORMS: { name: string; paste: string; count: number }[] = [
  { name: 'ADO.NET Password=', paste: `Server=tcp:db1,1433;User ID=app;Password=${CANARY};Encrypt=True`, count: 1 },
  { name: 'ADO.NET Pwd= at the end', paste: `Data Source=db1\\INST;Initial Catalog=Sales;Pwd=${CANARY}`, count: 1 },
  { name: 'quoted value holding semicolons', paste: `Server=db1;Password="${CANARY};x;y";Database=Sales`, count: 1 },
  { name: 'single-quoted value with doubled quote', paste: `Server=db1;Password='${CANARY}''s;x';Database=Sales`, count: 1 },
  { name: 'ODBC braces with escaped brace and semicolon', paste: `Driver={ODBC Driver 18 for SQL Server};Server=db1;UID=app;PWD={${CANARY};}}x};`, count: 1 },
  { name: 'JDBC URL property', paste: `jdbc:sqlserver://db1:1433;databaseName=Sales;user=app;password=${CANARY};encrypt=true`, count: 1 },
  { name: 'mssql:// URL', paste: `connecting to mssql://app:${CANARY}@db1:1433/Sales failed`, count: 1 },
  { name: 'sqlserver:// URL', paste: `sqlserver://app:${CANARY}@db1.example.net?database=Sales`, count: 1 },
  { name: 'storage account key', paste: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${CANARY}Zm9vYmFy==;EndpointSuffix=core.windows.net`, count: 1 },
  { name: 'shared access signature', paste: `BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&sig=${CANARY}`, count: 1 },
  { name: 'bearer token', paste: `Authorization: Bearer ${CANARY}abcdefghijklmnop`, count: 1 },
  { name: 'access_token and client_secret', paste: `access_token=${CANARY}&client_secret=${CANARY}2`, count: 2 },
  { name: 'JSON password field', paste: `{"user":"app","password":"${CANARY}","server":"db1"}`, count: 1 },
  { name: 'JSON log with escaped quotes', paste: `{"msg":"Server=db1;Password=\\"${CANARY};x\\";Database=Sales\\r\\n   at X.Y()"}`, count: 1 },
  { name: 'sqlcmd -P', paste: `sqlcmd -S db1,1433 -U sa -P ${CANARY} -Q "select 1"`, count: 1 },
  { name: 'PowerShell -Password', paste: `Invoke-Sqlcmd -ServerInstance db1 -Username sa -Password ${CANARY}`, count: 1 },
  { name: 'Teams HTML-wrapped', paste: `<div><p>Server=db1;Password=<b>${CANARY}</b>;</p><p>Login failed for user 'sa'.</p></div>`, count: 1 },
  { name: 'Teams HTML entity-quoted', paste: `<p>Server=db1;Password=&quot;${CANARY};x&quot;;Database=Sales</p>`, count: 1 },
  { name: 'Slack fence', paste: '```\n' + `Server=db1;Password=${CANARY}\n` + '```', count: 1 },
  { name: 'two connection strings', paste: `a: Password=${CANARY};\nb: Password=${CANARY}-2;`, count: 2 },
  // The spellings issue #13 found leaking, and the other secret keywords of Microsoft's connection-string documentation.
  { name: 'quoted value holding ;; and doubled quotes', paste: `Server=db1;Password="${CANARY};;x""y";Database=Sales`, count: 1 },
  { name: 'unterminated double quote', paste: `Server=db1;Password="${CANARY};Database=Sales`, count: 1 },
  { name: 'unterminated single quote', paste: `Server=db1;PWD='${CANARY}`, count: 1 },
  { name: "value starting with '&'", paste: `Server=db1;Password=&${CANARY};Database=Sales`, count: 1 },
  { name: 'value starting with a backslash', paste: `Server=db1;Password=\\${CANARY};Database=Sales`, count: 1 },
  { name: "value starting with '<'", paste: `Server=db1;Password=<${CANARY}>;Database=Sales`, count: 1 },
  { name: 'MSSQL_SA_PASSWORD= (docker -e)', paste: `docker run -e "ACCEPT_EULA=Y" -e "MSSQL_SA_PASSWORD=${CANARY} x" -p 1433:1433 -d mcr.microsoft.com/mssql/server:2022-latest`, count: 1 },
  { name: 'SA_PASSWORD= in an .env file', paste: `ACCEPT_EULA=Y\nSA_PASSWORD=${CANARY} with spaces\nMSSQL_PID=Developer`, count: 1 },
  { name: 'sqlcmd --password=', paste: `sqlcmd -S db1 -U sa --password=${CANARY} -Q "select 1"`, count: 1 },
  { name: 'bcp -Ppassword', paste: `bcp Sales.dbo.Orders out o.dat -S db1 -U app -P${CANARY} -c`, count: 1 },
  { name: 'URL-encoded Password%3D', paste: `GET /check?cs=Server%3Ddb1%3BUser%20Id%3Dapp%3BPassword%3D${CANARY}%26x%3BEncrypt%3DTrue HTTP/1.1`, count: 1 },
  { name: '<password> element', paste: `<connection>\n  <password>${CANARY}</password>\n</connection>`, count: 1 },
  { name: 'appSettings key/value', paste: `<add key="SqlPassword" value="${CANARY}" />`, count: 1 },
  { name: 'Authorization: Bearer with a short token', paste: `Authorization: Bearer ${CANARY.slice(0, 6)}`, count: 1 },
  { name: 'JSON header with Bearer', paste: `{"headers": {"Authorization": "Bearer ${CANARY}"}}`, count: 1 },
  { name: 'JWT alone', paste: `token eyJhbGciOiJSUzI1NiJ9.eyJvaWQiOiJ4eXoifQ.${CANARY}-sig was rejected`, count: 1 },
  { name: 'SAS sig= in a URL', paste: `https://acct.blob.core.windows.net/bak/db.bak?sv=2022-11-02&sp=r&se=2026-12-01&sig=${CANARY}%2B%3D&spr=https`, count: 1 },
  { name: 'KeyStoreSecret (ODBC Always Encrypted)', paste: `Driver={ODBC Driver 18 for SQL Server};Server=db1;KeyStoreAuthentication=KeyVaultClientSecret;KeyStoreSecret=${CANARY} &x;`, count: 1 },
  { name: 'OLE DB Access Token', paste: `Provider=MSOLEDBSQL19;Data Source=db1;Access Token=${CANARY};`, count: 1 },
  { name: 'Entra client secret by its shape', paste: `the app secret abc8Q~${CANARY}abcdefghijklmnopqrst expired`, count: 1 },
  { name: 'PowerShell secure string', paste: `$pw = ConvertTo-SecureString '${CANARY}''s' -AsPlainText -Force`, count: 1 },
  { name: 'key split by console wrapping (Bea / rer)', paste: `request to https://management.azure.com failed, headers Authorization: Bea\nrer ${CANARY}`, count: 1 },
  { name: 'key split by console wrapping (Pass / word)', paste: `Server=tcp:db1.corp.local,1433;Initial Catalog=Sales;User ID=app;Pass\nword=${CANARY};Encrypt=True`, count: 1 },
];

describe('redaction', () => {
  it.each(FORMS)('$name: the canary appears nowhere in the result and is counted', ({ paste, count }) => {
    const result = parsePaste(paste);
    expect(JSON.stringify(result)).not.toContain(CANARY);
    expect(JSON.stringify(result)).not.toContain('CANARY');
    expect(result.redactions).toBe(count);
    expect(result.text).toContain('***');
  });

  it('keeps the rest of a connection string readable', () => {
    const { text } = redactSecrets(`Server=tcp:db1,1433;User ID=app;Password=${CANARY};Encrypt=True`);
    expect(text).toBe('Server=tcp:db1,1433;User ID=app;Password=***;Encrypt=True');
  });

  it('keeps the facts around a secret: server and user still extracted, password never', () => {
    const paste = `Login failed for user 'app'.\nConnection string: Server=tcp:db1.example.net,1433;User ID=app;Password=${CANARY}`;
    const { facts } = parsePaste(paste);
    expect(facts).toMatchObject({ server: 'db1.example.net', port: 1433, user: 'app' });
    expect(JSON.stringify(facts)).not.toContain(CANARY);
  });

  it('leaves what only looks like a secret: ports, prose, switches that are not passwords', () => {
    for (const text of [
      'docker run -e ACCEPT_EULA=Y -p 1433:1433 -d mcr.microsoft.com/mssql/server:2022-latest',
      'Invoke-Sqlcmd -ServerInstance db1 -Port 1433 -Path C:\\scripts',
      'The bearer of this message has no token.',
      "Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 10.0.0.5]",
      'design=wide; bypass=on',
    ]) {
      expect(redactSecrets(text)).toEqual({ text, count: 0 });
    }
  });

  it('does not count or touch text that only mentions passwords', () => {
    const paste = "Login failed for user 'xxx'. Reason: Password did not match that for the login provided.";
    const result = parsePaste(paste);
    expect(result.redactions).toBe(0);
    expect(result.text).toBe(paste);
  });

  it('counts an already-masked value once, not on the second pass', () => {
    expect(parsePaste('Password=***;').redactions).toBe(0);
    expect(parsePaste(`Password=${CANARY};`).redactions).toBe(1);
  });

  it('redacts in error messages of the records as well', () => {
    const { facts } = parsePaste(`Msg 18456, Level 14, State 1\nLogin failed for user 'app' (Password=${CANARY}).`);
    expect(facts.errors[0].message).toContain('***');
    expect(facts.errors[0].message).not.toContain(CANARY);
  });
});
