/**
 * Where secrets sit in what people paste. Data read by the redactor (../redact.ts), which checks
 * every entry when it loads (../secret-rules.ts): a bad entry stops the program at start, not a
 * secret at run time.
 *
 * Two kinds of entry:
 * - KEYS: names whose value is secret, written `key=value`, `key: value`, `"key": "value"`,
 *   `key => value` or URL-encoded `key%3Dvalue`. The value is read with the grammar its separator
 *   and `value` say (see VALUE_GRAMMARS). Matched case-insensitively; `words` are joined allowing a
 *   space, `_` or `-` between them ("Access Token", access_token, access-token).
 * - SHAPES: secrets recognised by their own form wherever they appear (URLs with a password,
 *   Authorization headers, JWTs, command-line password switches, XML elements, PEM keys).
 *
 * Every pattern is bounded: no `*`, `+` or `{n,}`, and no quantified group holding a quantifier.
 */

export type ValueGrammar = 'connection' | 'token';
/** Value grammars a shape may read its secret with, after its pattern (see VALUE_GRAMMARS in ../redact.ts). */
export type ShapeValue = 'shell' | 'colon' | 'connection';

export interface SecretKey {
  id: string;
  words: string[];
  /**
   * How a value after '=' is written: 'connection' runs to ';' (quotes and braces may hold ';'),
   * 'token' also ends where a query string's next parameter starts ('&name=').
   */
  value: ValueGrammar;
  /** The name may end a longer one (MSSQL_SA_PASSWORD, KeyStoreSecret, --password). False for short names that end ordinary words. */
  suffix: boolean;
  source: string;
}

export interface SecretShape {
  id: string;
  /**
   * Regular expression source (flags g, d and, unless caseSensitive, i). The secret is capture group
   * `mask`, or, with `value`, what that value grammar reads right after the match.
   */
  pattern: string;
  mask?: number;
  value?: ShapeValue;
  /** When set, capture group `name.group` must match `name.pattern` (i) for the value to count as secret. */
  name?: { group: number; pattern: string };
  /** Lower-case literals, one of which must occur in the text for the shape to be tried (a cheap pre-check). */
  needs: string[];
  /** Letters match as written (the default ignores case). */
  caseSensitive?: boolean;
  source: string;
}

const MS_CONNSTR = 'learn.microsoft.com/dotnet/api/microsoft.data.sqlclient.sqlconnection.connectionstring';
const MS_ODBC = 'learn.microsoft.com/sql/connect/odbc/dsn-connection-string-attribute';
const MS_OLEDB = 'learn.microsoft.com/sql/connect/oledb/applications/using-connection-string-keywords-with-oledb-driver-for-sql-server';
const MS_JDBC = 'learn.microsoft.com/sql/connect/jdbc/setting-the-connection-properties';
const MS_STORAGE = 'learn.microsoft.com/azure/storage/common/storage-configure-connection-string';
const MS_SAS = 'learn.microsoft.com/azure/storage/common/storage-sas-overview';
const MS_SQLCMD = 'learn.microsoft.com/sql/tools/sqlcmd/sqlcmd-utility';
const MS_BCP = 'learn.microsoft.com/sql/tools/bcp-utility';
const MS_LINUX_ENV = 'learn.microsoft.com/sql/linux/sql-server-linux-configure-environment-variables';
const MS_ENTRA = 'learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow';
const RFC_URL = 'RFC 3986 section 3.2.1 (userinfo)';
const RFC_JWT = 'RFC 7519 (JSON Web Token)';
const RFC_AUTH = 'RFC 9110 section 11.6.2 (Authorization)';

export const SECRET_KEYS: readonly SecretKey[] = [
  // SqlClient Password/PWD; also MSSQL_SA_PASSWORD, SA_PASSWORD, SQLCMDPASSWORD, KeyStorePassword,
  // trustStorePassword, clientKeyPassword, SourcePassword, "Old Password", --password=.
  { id: 'password', words: ['password'], value: 'connection', suffix: true, source: MS_CONNSTR },
  { id: 'passwd', words: ['passwd'], value: 'connection', suffix: true, source: 'common configuration spelling' },
  { id: 'pwd', words: ['pwd'], value: 'connection', suffix: true, source: MS_ODBC },
  { id: 'pass', words: ['pass'], value: 'connection', suffix: false, source: 'common configuration spelling' },
  { id: 'account-key', words: ['account', 'key'], value: 'connection', suffix: true, source: MS_STORAGE },
  { id: 'shared-access-key', words: ['shared', 'access', 'key'], value: 'connection', suffix: true, source: MS_STORAGE },
  { id: 'shared-access-signature', words: ['shared', 'access', 'signature'], value: 'connection', suffix: true, source: MS_STORAGE },
  { id: 'access-token', words: ['access', 'token'], value: 'token', suffix: true, source: MS_OLEDB },
  { id: 'client-key', words: ['client', 'key'], value: 'connection', suffix: false, source: MS_ODBC },
  // KeyStoreSecret (ODBC, JDBC keyStoreSecret), ClientSecret, client_secret, AZURE_CLIENT_SECRET, T-SQL SECRET = '...'.
  { id: 'secret', words: ['secret'], value: 'token', suffix: true, source: MS_ODBC },
  { id: 'principal-secret', words: ['principal', 'secret'], value: 'token', suffix: true, source: MS_JDBC },
  { id: 'token', words: ['token'], value: 'token', suffix: true, source: MS_ENTRA },
  { id: 'sas-sig', words: ['sig'], value: 'token', suffix: false, source: MS_SAS },
  { id: 'api-key', words: ['api', 'key'], value: 'token', suffix: true, source: 'common configuration spelling' },
  { id: 'subscription-key', words: ['subscription', 'key'], value: 'token', suffix: true, source: 'Azure API Management header' },
  { id: 'key-vault-client-key', words: ['key', 'vault', 'provider', 'client', 'key'], value: 'token', suffix: true, source: MS_JDBC },
  { id: 'credential', words: ['credentials'], value: 'token', suffix: true, source: 'common configuration spelling' },
];

export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    id: 'url-userinfo',
    // scheme://user:secret@host — the secret may hold '@' (unencoded); it runs to the last '@' before the path.
    pattern: `:\\/\\/[^\\s:/@'"<>;]{0,200}:([^\\s/"<>;{}]{1,300})@`,
    mask: 1,
    needs: ['://'],
    source: RFC_URL,
  },
  {
    id: 'authorization-header',
    // Authorization: <scheme> <credentials>, as a header, a curl -H, a JSON or YAML field; short tokens too.
    pattern: `authori[sz]ation["']?\\s{0,3}[:=]\\s{0,3}["']?(?:(?:bearer|basic|negotiate|ntlm|digest|sharedkey|sharedaccesssignature|token|sas|mac)\\s{1,3})?([^\\s"'<>,]{1,8000})`,
    mask: 1,
    needs: ['authori'],
    source: RFC_AUTH,
  },
  {
    id: 'bearer-token',
    // A bearer token outside a header: at least 8 characters, one of them not a letter (so prose stays).
    pattern: `\\bbearer\\s{1,3}(?=[a-z]{0,8000}[0-9\\-._~+/])([a-z0-9\\-._~+/]{8,8000}={0,2})`,
    mask: 1,
    needs: ['bearer'],
    source: RFC_AUTH,
  },
  {
    id: 'jwt',
    // A console may wrap it: line breaks are allowed inside the first two parts.
    pattern: `\\b(eyJ[a-z0-9_\\r\\n-]{8,8000}\\.[a-z0-9_\\r\\n-]{8,8000}\\.[a-z0-9_-]{0,8000})`,
    mask: 1,
    needs: ['eyj'],
    source: RFC_JWT,
  },
  {
    id: 'sqlcmd-bcp-p',
    // sqlcmd / bcp: -P secret, -Psecret; not PowerShell switches that start with -P (-Path, -Port ...).
    pattern: `(?:^|(?<=[\\s"'(]))-P(?!ass|wd\\b|ath\\b|ort\\b|arallel|ipeline|rofile|ropert|rotocol|acket|S[A-Z]|rinc|rovider|rompt|re\\b)\\s{0,3}`,
    value: 'shell',
    needs: ['-p'],
    caseSensitive: true,
    source: `${MS_SQLCMD}; ${MS_BCP}`,
  },
  {
    id: 'dash-password-switch',
    // --password secret, -Password 'secret', -ClientSecret x, /SourcePassword:x, /sp:x (sqlpackage).
    pattern: `(?:^|(?<=[\\s"'(]))(?:--?|\\/)(?:[a-z]{0,20}password|pwd|pass|[a-z]{0,20}secret|access-?token|sas-?token|account-?key|sp|tp)(?:\\s{1,3}|[=:](?:\\r?\\n)?)`,
    value: 'shell',
    needs: ['pass', 'pwd', 'secret', 'token', 'key', '/sp', '/tp', '-sp', '-tp'],
    source: `${MS_SQLCMD}; learn.microsoft.com/sql/tools/sqlpackage/sqlpackage-export`,
  },
  {
    id: 'powershell-securestring',
    pattern: `convertto-securestring\\s{1,3}(?:-string\\s{1,3})?`,
    value: 'shell',
    needs: ['convertto-securestring'],
    source: 'learn.microsoft.com/powershell/module/microsoft.powershell.security/convertto-securestring',
  },
  {
    id: 'xml-element',
    // <password>secret</password>, <ClientSecret>..</ClientSecret>, CDATA included.
    pattern: `<([a-z0-9:._-]{0,60}(?:password|passwd|pwd|secret|token|accountkey|apikey))(?:\\s[^<>]{0,300})?>(<!\\[CDATA\\[[^\\]]{0,8000}\\]\\]>|(?:[^<]|<(?!\\/)){1,8000})<\\/`,
    mask: 2,
    needs: ['<'],
    source: 'XML configuration files (web.config, *.dtsConfig, settings.xml)',
  },
  {
    id: 'xml-name-value',
    // <add key="DbPassword" value="secret" />, <property name="password" value="secret"/>, <Parameter Name="...Password" Value="..."/>;
    // the quotes may be JSON-escaped (\") inside a log line.
    pattern: `\\b(?:key|name)\\s{0,3}=\\s{0,3}\\\\?"([^"<>\\\\]{1,100})\\\\?"[^<>]{0,200}?\\bvalue\\s{0,3}=\\s{0,3}`,
    value: 'connection',
    name: { group: 1, pattern: 'password|passwd|pwd|secret|token|accountkey|apikey|credential' },
    needs: ['value'],
    source: 'learn.microsoft.com/aspnet/web-forms (appSettings) and Java/SSIS configuration files',
  },
  {
    id: 'xml-setting-value',
    // .NET settings: <setting name="SqlPassword" serializeAs="String"><value>secret</value></setting>.
    pattern: `\\bname\\s{0,3}=\\s{0,3}\\\\?"([^"<>\\\\]{1,100})\\\\?"[^<>]{0,200}>\\s{0,20}<value\\s{0,2}>((?:[^<]|<(?!\\/)){1,8000})<\\/`,
    mask: 2,
    name: { group: 1, pattern: 'password|passwd|pwd|secret|token|accountkey|apikey|credential' },
    needs: ['<value'],
    source: 'learn.microsoft.com/dotnet/desktop/winforms/advanced/application-settings-architecture',
  },
  {
    id: 'ssis-configured-value',
    // SSIS package configurations: Path="...Properties[Password]" ...><ConfiguredValue>secret</ConfiguredValue>.
    pattern: `\\bProperties\\[([a-z ]{0,40})\\][^<>]{0,200}>\\s{0,20}<ConfiguredValue\\s{0,2}>((?:[^<]|<(?!\\/)){1,8000})<\\/`,
    mask: 2,
    name: { group: 1, pattern: 'password|secret' },
    needs: ['<configuredvalue'],
    source: 'learn.microsoft.com/sql/integration-services/packages/legacy-package-deployment-ssis (package configurations)',
  },
  {
    id: 'name-then-value',
    // Environment lists: {"name": "MSSQL_SA_PASSWORD", "value": "secret"} and the YAML `- name: X` / `value: secret`,
    // also JSON-escaped inside a log line (\"name\" ... \n ... value:).
    pattern: `\\bname\\\\?["']?\\s{0,3}:\\s{0,3}\\\\?["']?([a-z0-9_.-]{1,100})\\\\?["']?\\s{0,3}(?:[,\\r\\n]|\\\\n){1,2}[\\s-]{0,30}\\\\?["']?value\\\\?["']?\\s{0,3}:\\s{0,3}`,
    value: 'colon',
    name: { group: 1, pattern: 'password|passwd|pwd|secret|token|accountkey|apikey|credential' },
    needs: ['value'],
    source: `${MS_LINUX_ENV} (containers and Kubernetes)`,
  },
  {
    id: 'pem-private-key',
    pattern: `(-----BEGIN [a-z ]{0,30}PRIVATE KEY-----[^-]{0,20000}-----END [a-z ]{0,30}PRIVATE KEY-----)`,
    mask: 1,
    needs: ['private key-----'],
    source: 'RFC 7468 (PEM)',
  },
  {
    id: 'entra-client-secret',
    // Microsoft Entra application secrets: three characters, a digit, "Q~", then 31-34 characters.
    pattern: `(?<![a-z0-9_~.-])([a-z0-9_~.-]{3}[0-9]Q~[a-z0-9_~.-]{31,34})(?![a-z0-9_~.-])`,
    mask: 1,
    needs: ['q~'],
    source: MS_ENTRA,
  },
];
