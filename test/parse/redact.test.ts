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
