/**
 * A seeded generator of realistic secret-bearing inputs: every credential form people paste
 * (connection strings of each driver, environment variables, command lines, URLs, config files,
 * headers, tokens) with a password drawn from awkward characters, encoded the way its form
 * requires, inside every input kind (a paste, Teams HTML, a JSON log line, a Slack fence, a console
 * capture wrapped at its width, an attached config file, a SQLCHECK report, a note). Each secret
 * holds two canaries; an output that shows either one (line breaks ignored) leaks.
 */
import * as fs from 'fs';
import * as path from 'path';

export type { Rng } from './seeded-random';
import { seeded, type Rng } from './seeded-random';

/** The shared seeded generator, under the name this fuzzer uses. */
export const makeRng = seeded;

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const chance = (r: Rng, p: number): boolean => r() < p;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
function chars(r: Rng, n: number, from = ALNUM): string {
  let s = '';
  for (let i = 0; i < n; i++) s += from[Math.floor(r() * from.length)];
  return s;
}

export const INPUT_KINDS = ['paste', 'teams-html', 'json-log', 'slack-fence', 'wrapped', 'config-file', 'sqlcheck', 'note'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export interface FuzzCase {
  index: number;
  kind: InputKind;
  form: string;
  text: string;
  canaries: string[];
}

interface Secret {
  /** A password: awkward characters around and between the canaries. */
  pw: string;
  /** A token (base64url-ish, no separators): short or long. */
  tok: string;
  /** A base64 key (storage account key, SAS signature). */
  key: string;
  /** A Microsoft Entra client secret. */
  entra: string;
  /** A JSON web token. */
  jwt: string;
  canaries: string[];
}

const START = ['', '', '', '&', '\\', '<', '!', '#', '$', '%', '(', '-', '@', '=', '{', '"', "'", '*', '^', '~', '[', '/', '?', ':'];
const MIDDLE = ['', '', ';', ';;', ' ', '"', "'", '&', '=', '}', '{', '@', ':', '/', '\\', '<', '>', '%', '#', ',', '""', "''", '&amp;', '+', '$', '`', '|', ']]>', '*/'];
const END = ['', '', '', '!', '=', '==', ';', '"', "'", '\\', '}', '>', '&', '%', ' ', '.'];

function base64url(s: string): string {
  return Buffer.from(s).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function secret(r: Rng): Secret {
  const a = `Q${chars(r, 7)}`;
  const b = `Z${chars(r, 7)}`;
  const pw = chance(r, 0.3) ? `${a}${b}` : `${pick(r, START)}${a}${pick(r, MIDDLE)}${b}${pick(r, END)}`;
  const tokLen = pick(r, [0, 2, 8, 24, 60]);
  const tok = `${a}${chars(r, tokLen, `${ALNUM}-_`)}${b}`;
  const key = `${chars(r, 20, B64)}${a}${chars(r, 30, B64)}${b}${chars(r, 14, B64)}==`;
  const entra = `${chars(r, 3)}${Math.floor(r() * 10)}Q~${a}${b}${chars(r, 18, `${ALNUM}_~.-`)}`;
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: chars(r, 10) }));
  const payload = base64url(JSON.stringify({ aud: 'https://database.windows.net/', oid: a, exp: 1790000000 + Math.floor(r() * 1e6) }));
  const jwt = `${header}.${payload}.${chars(r, 20, `${ALNUM}-_`)}${b}${chars(r, 20, `${ALNUM}-_`)}`;
  return { pw, tok, key, entra, jwt, canaries: [a, b] };
}

// Encoders: each form writes its value the way its own syntax requires.
function ado(v: string): string {
  const needs = /[;"']/.test(v) || /^\s|\s$/.test(v);
  if (!needs) return v;
  if (!v.includes('"')) return `"${v}"`;
  if (!v.includes("'")) return `'${v}'`;
  return `"${v.replace(/"/g, '""')}"`;
}
function braces(v: string): string {
  return /[;{}]|^\s|\s$/.test(v) ? `{${v.replace(/}/g, '}}')}}` : v;
}
function shell(v: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  if (!v.includes("'")) return `'${v}'`;
  return `"${v.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}
function dquoted(v: string): string {
  return `"${v.replace(/[\\"$`]/g, (c) => `\\${c}`)}"`;
}
const ps = (v: string): string => `'${v.replace(/'/g, "''")}'`;
const tsql = (v: string): string => `'${v.replace(/'/g, "''")}'`;
const xmlText = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlAttr = (v: string): string => xmlText(v).replace(/"/g, '&quot;').replace(/'/g, '&apos;');
const json = (v: string): string => JSON.stringify(v);
function yaml(v: string): string {
  return /^[A-Za-z0-9_.@/+=-]+$/.test(v) && !/^[-=@]/.test(v) ? v : json(v);
}
function pyStr(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const HOSTS = ['db1.corp.local', 'sqlprod02', 'erp-sql.contoso.com', '10.20.30.40', 'myserver.database.windows.net', 'SQLCLUSTER\\INST01'];
const USERS = ['app', 'sa', 'svc_erp', 'report_reader', 'CONTOSO\\svc-sql'];
const DBS = ['Sales', 'ERP', 'master', 'Orders'];

type Form = (r: Rng, s: Secret) => string;

const guid = (r: Rng): string => `${chars(r, 8, '0123456789abcdef')}-${chars(r, 4, '0123456789abcdef')}-4${chars(r, 3, '0123456789abcdef')}-a${chars(r, 3, '0123456789abcdef')}-${chars(r, 12, '0123456789abcdef')}`;

/** Every credential form, by name. */
export const FORMS: Record<string, Form> = {
  'ado-password': (r, s) =>
    `Server=tcp:${pick(r, HOSTS)},1433;Initial Catalog=${pick(r, DBS)};User ID=${pick(r, USERS)};${pick(r, ['Password', 'password', 'PWD', 'Pwd', 'Password ', 'pwd'])}=${pick(r, ['', ' '])}${ado(s.pw)};${pick(r, ['Encrypt=True;', 'TrustServerCertificate=False;Connection Timeout=30;', ''])}`,
  'odbc-pwd': (r, s) => `Driver={ODBC Driver 18 for SQL Server};Server=${pick(r, HOSTS)};Database=${pick(r, DBS)};UID=${pick(r, USERS)};PWD=${braces(s.pw)};Encrypt=yes;`,
  'jdbc-password': (r, s) => `jdbc:sqlserver://${pick(r, HOSTS)}:1433;databaseName=${pick(r, DBS)};user=${pick(r, USERS)};password=${braces(s.pw)};encrypt=true;`,
  'oledb-password': (r, s) => `Provider=MSOLEDBSQL19;Data Source=${pick(r, HOSTS)};Initial Catalog=${pick(r, DBS)};User ID=${pick(r, USERS)};Password=${ado(s.pw)};Use Encryption for Data=Mandatory;`,
  'oledb-access-token': (r, s) => `Provider=MSOLEDBSQL19;Data Source=${pick(r, HOSTS)};Access Token=${pick(r, [s.tok, s.jwt])};`,
  'odbc-keystore-secret': (r, s) =>
    `Driver={ODBC Driver 18 for SQL Server};Server=${pick(r, HOSTS)};ColumnEncryption=Enabled;KeyStoreAuthentication=KeyVaultClientSecret;KeyStorePrincipalId=${guid(r)};KeyStoreSecret=${braces(s.entra)};`,
  'jdbc-keystore': (r, s) => `jdbc:sqlserver://${pick(r, HOSTS)};columnEncryptionSetting=Enabled;keyStoreAuthentication=JavaKeyStorePassword;keyStoreLocation=/opt/keys.jks;keyStoreSecret=${braces(s.pw)};`,
  'service-principal-password': (r, s) => `Server=${pick(r, HOSTS)};Authentication=Active Directory Service Principal;User Id=${guid(r)};Password=${ado(s.entra)};Database=${pick(r, DBS)}`,
  'storage-account-key': (r, s) => `DefaultEndpointsProtocol=https;AccountName=stbackup${chars(r, 4)};AccountKey=${s.key};EndpointSuffix=core.windows.net`,
  'servicebus-key': (r, s) => `Endpoint=sb://ns-${chars(r, 5)}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${s.key}`,
  'sas-url': (r, s) =>
    `https://stbackup.blob.core.windows.net/backups/${pick(r, DBS)}.bak?sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2026-12-31T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig=${encodeURIComponent(s.key)}`,
  'sas-connection-string': (r, s) => `BlobEndpoint=https://stbackup.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31&sig=${encodeURIComponent(s.key)}`,
  'tsql-credential': (r, s) =>
    `CREATE CREDENTIAL [https://stbackup.blob.core.windows.net/backups] WITH IDENTITY = 'SHARED ACCESS SIGNATURE', SECRET = 'sv=2022-11-02&ss=b&srt=co&sp=rwl&se=2026-12-31&sig=${encodeURIComponent(s.key)}';`,
  'tsql-login': (r, s) => pick(r, [`CREATE LOGIN ${pick(r, ['app', 'svc_erp'])} WITH PASSWORD = ${tsql(s.pw)}, CHECK_POLICY = ON;`, `ALTER LOGIN sa WITH PASSWORD=${tsql(s.pw)};`]),
  'env-sa-password': (r, s) =>
    pick(r, [
      `docker run -e "ACCEPT_EULA=Y" -e "MSSQL_SA_PASSWORD=${s.pw.replace(/[\\"$`]/g, (c) => `\\${c}`)}" -p 1433:1433 -d mcr.microsoft.com/mssql/server:2022-latest`,
      `docker run -e ACCEPT_EULA=Y -e ${shell(`SA_PASSWORD=${s.pw}`)} -p 1433:1433 mcr.microsoft.com/mssql/server:2019-latest`,
      `docker run --env MSSQL_SA_PASSWORD=${shell(s.pw)} --name sql1 -p 1433:1433 -d mcr.microsoft.com/mssql/server`,
      `export SQLCMDPASSWORD=${shell(s.pw)}`,
      `$env:SQLCMDPASSWORD = ${ps(s.pw)}`,
      `MSSQL_SA_PASSWORD=${dquoted(s.pw)}`,
    ]),
  'sqlcmd-P': (r, s) =>
    pick(r, [
      `sqlcmd -S ${pick(r, HOSTS)},1433 -U ${pick(r, USERS)} -P ${shell(s.pw)} -d ${pick(r, DBS)} -Q "SELECT @@VERSION"`,
      `sqlcmd -S ${pick(r, HOSTS)} -U sa -P${shell(s.pw)} -C`,
      `/opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P ${shell(s.pw)} -No`,
    ]),
  'bcp-P': (r, s) => `bcp ${pick(r, DBS)}.dbo.Orders out orders.dat -S ${pick(r, HOSTS)} -U ${pick(r, USERS)} -P ${shell(s.pw)} -c -t,`,
  'cli-password-switch': (r, s) =>
    pick(r, [
      `sqlcmd -S ${pick(r, HOSTS)} -U sa --password=${shell(s.pw)}`,
      `mssql-cli -S ${pick(r, HOSTS)} -U ${pick(r, USERS)} --password ${shell(s.pw)} -d ${pick(r, DBS)}`,
      `sqlpackage /Action:Export /SourceServerName:${pick(r, HOSTS)} /SourceUser:${pick(r, USERS)} /SourcePassword:${shell(s.pw)} /TargetFile:db.bacpac`,
      `SqlPackage.exe /a:Publish /tsn:${pick(r, HOSTS)} /tu:sa /tp:${shell(s.pw)} /sf:db.dacpac`,
    ]),
  powershell: (r, s) =>
    pick(r, [
      `Invoke-Sqlcmd -ServerInstance ${pick(r, HOSTS)} -Username ${pick(r, USERS)} -Password ${ps(s.pw)} -Query 'SELECT 1'`,
      `$pw = ConvertTo-SecureString ${ps(s.pw)} -AsPlainText -Force`,
      `$cred = New-Object PSCredential('sa', (ConvertTo-SecureString -String ${ps(s.pw)} -AsPlainText -Force))`,
    ]),
  'url-userinfo': (r, s) =>
    pick(r, [
      `mssql://${pick(r, ['app', 'sa'])}:${encodeURIComponent(s.pw)}@${pick(r, HOSTS)}:1433/${pick(r, DBS)}?encrypt=true`,
      `sqlserver://sa:${encodeURIComponent(s.pw)}@localhost:1433?database=${pick(r, DBS)}`,
      `https://deploy:${encodeURIComponent(s.pw)}@artifacts.contoso.com/feed/`,
    ]),
  'url-encoded-connection-string': (r, s) => `GET /api/diagnose?cs=${encodeURIComponent(`Server=${pick(r, HOSTS)};User Id=${pick(r, USERS)};Password=${ado(s.pw)};Encrypt=True`)} HTTP/1.1`,
  'xml-config': (r, s) =>
    pick(r, [
      `<add name="${pick(r, DBS)}" connectionString="Server=${pick(r, HOSTS)};User ID=${pick(r, USERS)};Password=${xmlAttr(ado(s.pw))};Encrypt=True" providerName="Microsoft.Data.SqlClient" />`,
      `<add key="DbPassword" value="${xmlAttr(s.pw)}" />`,
      `<password>${xmlText(s.pw)}</password>`,
      `<Password>${xmlText(s.pw)}</Password>`,
      `<ClientSecret>${s.entra}</ClientSecret>`,
      `<property name="hibernate.connection.password" value="${xmlAttr(s.pw)}"/>`,
      `<setting name="SqlPassword" serializeAs="String"><value>${xmlText(s.pw)}</value></setting>`,
      `<Configuration ConfiguredType="Property" Path="\\Package.Connections[${pick(r, DBS)}].Properties[Password]" ValueType="String"><ConfiguredValue>${xmlText(s.pw)}</ConfiguredValue></Configuration>`,
    ]),
  'json-config': (r, s) =>
    pick(r, [
      `{"ConnectionStrings": {"${pick(r, DBS)}": ${json(`Server=${pick(r, HOSTS)};User ID=${pick(r, USERS)};Password=${ado(s.pw)};Encrypt=True`)}}}`,
      `{"server": "${pick(r, HOSTS)}", "user": "${pick(r, USERS)}", "password": ${json(s.pw)}}`,
      `"Password":${json(s.pw)},`,
      `config = {'server': 'db1', 'password': ${pyStr(s.pw)}, 'database': 'Sales'}`,
      `const config = { user: 'app', password: ${json(s.pw)}, server: 'db1' };`,
      `{"name": "MSSQL_SA_PASSWORD", "value": ${json(s.pw)}}`,
    ]),
  'yaml-config': (r, s) =>
    pick(r, [
      `  password: ${yaml(s.pw)}`,
      `      MSSQL_SA_PASSWORD: ${yaml(s.pw)}`,
      `        - name: MSSQL_SA_PASSWORD\n          value: ${yaml(s.pw)}`,
      `spring.datasource.password=${s.pw.replace(/\s/g, '')}`,
    ]),
  authorization: (r, s) =>
    pick(r, [
      `Authorization: Bearer ${pick(r, [s.tok, s.jwt])}`,
      `curl -H "Authorization: Bearer ${pick(r, [s.tok, s.jwt])}" https://management.azure.com/subscriptions`,
      `"Authorization": "Bearer ${pick(r, [s.tok, s.jwt])}",`,
      `Authorization: Basic ${s.tok}`,
      `authorization: Negotiate ${s.tok}`,
      `Authorization: SharedKey stbackup:${s.key}`,
    ]),
  'bearer-token': (r, s) => `request failed with 401; sent Bearer ${s.tok}${chars(r, 4, '0123456789')} to the API`,
  jwt: (r, s) =>
    pick(r, [
      `accessToken=${s.jwt}`,
      `connection.AccessToken = "${s.jwt}";`,
      `token ${s.jwt} was rejected: AADSTS50013`,
      `"access_token":"${s.jwt}","token_type":"Bearer"`,
    ]),
  'client-secret': (r, s) =>
    pick(r, [
      `client_id=${guid(r)}&client_secret=${encodeURIComponent(s.entra)}&grant_type=client_credentials&scope=https%3A%2F%2Fdatabase.windows.net%2F.default`,
      `ClientSecret=${s.entra}`,
      `AZURE_CLIENT_SECRET=${s.entra}`,
      `"clientSecret": "${s.entra}"`,
      `Connect-AzAccount -ServicePrincipal -Tenant ${guid(r)} -ClientSecret ${s.entra}`,
      `the app secret ${s.entra} expired yesterday`,
    ]),
  'pem-private-key': (r, s) => `-----BEGIN PRIVATE KEY-----\n${chars(r, 64, B64)}\n${s.canaries[0]}${chars(r, 56, B64)}\n${chars(r, 40, B64)}${s.canaries[1]}==\n-----END PRIVATE KEY-----`,
};
export const FORM_NAMES = Object.keys(FORMS);

const ERRORS = [
  "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)",
  "Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 40 - Could not open a connection to SQL Server)",
  'A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
  "Sqlcmd: Error: Microsoft ODBC Driver 18 for SQL Server : Login timeout expired.",
  "com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host db1, port 1433 has failed. Error: \"Connection refused: connect. Verify the connection properties.\"",
  'ConnectionError: Failed to connect to db1:1433 - Could not connect (sequence)',
];
const STACK = ['   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection)', '   at Sales.Api.Startup.Configure() in C:\\src\\Sales.Api\\Startup.cs:line 42'];

function paste(r: Rng, form: string): string {
  const lines = [pick(r, ERRORS)];
  if (chance(r, 0.4)) lines.push(...STACK);
  const intro = pick(r, ['', 'Connection string: ', 'conn = ', 'We run: ', '']);
  const at = Math.floor(r() * (lines.length + 1));
  lines.splice(at, 0, `${intro}${form}`);
  return lines.join('\n');
}

function html(text: string): string {
  return text
    .split('\n')
    .map((l) => `<div>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</div>`)
    .join('');
}

function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((l) => {
      const out: string[] = [];
      for (let i = 0; i < l.length; i += width) out.push(l.slice(i, i + width));
      return out.length ? out : [''];
    })
    .join('\n');
}

function configFile(r: Rng, form: string): string {
  return pick(r, [
    `# docker-compose.yml\nservices:\n  sql:\n    image: mcr.microsoft.com/mssql/server:2022-latest\n    environment:\n      ACCEPT_EULA: "Y"\n${form}\n    ports:\n      - "1433:1433"`,
    `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <connectionStrings>\n    ${form}\n  </connectionStrings>\n</configuration>`,
    `{\n  "Logging": {"LogLevel": {"Default": "Warning"}},\n  ${form}\n}`,
    `# .env\nDB_HOST=db1\n${form}\nDB_NAME=Sales`,
  ]);
}

let sqlcheckLines: string[] | undefined;
function sqlcheckReport(): string[] {
  if (!sqlcheckLines) {
    const file = path.join(findRoot(), '..', 'shared', 'fixtures', 'sqlcheck', 'c_alias_wrong_port.txt');
    sqlcheckLines = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n').split('\n');
  }
  return sqlcheckLines;
}

function findRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** A SQLCHECK-shaped paste: the report's start, a window of it, and the secret line placed among them. */
function sqlcheck(r: Rng, form: string): string {
  const lines = sqlcheckReport();
  const from = 30 + Math.floor(r() * (lines.length - 120));
  const picked = [...lines.slice(0, 30), ...lines.slice(from, from + 60)];
  const line = pick(r, [form, `${pick(r, picked.filter((l) => l.trim() !== ''))}   <-- we use ${form}`, `  ${form}`]);
  picked.splice(5 + Math.floor(r() * (picked.length - 5)), 0, line);
  return picked.join('\n');
}

export function fuzzCase(r: Rng, index: number, kind: InputKind = pick(r, INPUT_KINDS)): FuzzCase {
  const form = pick(r, FORM_NAMES);
  const s = secret(r);
  const line = FORMS[form](r, s);
  let text: string;
  switch (kind) {
    case 'paste':
      text = paste(r, line);
      break;
    case 'teams-html':
      text = html(paste(r, line));
      break;
    case 'json-log':
      text = JSON.stringify({ ts: '2026-11-29T08:00:00Z', level: 'error', msg: paste(r, line) });
      break;
    case 'slack-fence':
      text = `\`\`\`\n${paste(r, line).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}\n\`\`\``;
      break;
    case 'wrapped':
      text = wrap(`${paste(r, line)}\n${pick(r, ERRORS)}\n${STACK.join('\n')}`, pick(r, [60, 72, 80, 100, 120, 132]));
      break;
    case 'config-file':
      text = configFile(r, line);
      break;
    case 'sqlcheck':
      text = sqlcheck(r, line);
      break;
    case 'note':
      text = `${pick(r, ['fyi ', 'the app uses ', 'we tried ', ''])}${line}`;
      break;
  }
  return { index, kind, form, text, canaries: s.canaries };
}

export function* fuzzCases(seed: number, count: number): Generator<FuzzCase> {
  const r = makeRng(seed);
  for (let i = 0; i < count; i++) yield fuzzCase(r, i);
}

/** True when `output` shows a canary of the case, with or without the line breaks between its parts. */
export function leaks(output: string, canaries: string[]): boolean {
  if (canaries.some((c) => output.includes(c))) return true;
  const joined = output.replace(/\\r|\\n|\r|\n/g, '');
  return canaries.some((c) => joined.includes(c));
}
