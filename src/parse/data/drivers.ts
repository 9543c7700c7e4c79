import type { DriverId } from '../types';

/**
 * How drivers show themselves in pasted text. Rules are tried in order and the first match wins,
 * so a wrapper (pyodbc, sqlcmd, PHP) comes before the ODBC driver it wraps, and weak hints
 * (a bare stack frame or wording typical of one driver) come last.
 *
 * `name` is a fixed label, or taken from capture group 1 when `nameGroup` is set;
 * `versionGroup` names the capture group holding a version.
 */
export interface DriverRule {
  id: DriverId;
  pattern: RegExp;
  name: string;
  nameGroup?: number;
  versionGroup?: number;
}

export const DRIVER_RULES: readonly DriverRule[] = [
  // SSMS dialogs: "Cannot connect to X." / "ADDITIONAL INFORMATION:" / "(Microsoft SQL Server, Error: 18456)"
  { id: 'ssms', pattern: /\(Microsoft SQL Server, Error: -?\d{1,10}\)|^ADDITIONAL INFORMATION:|TITLE: Connect to Server|SQL Server Management Studio/im, name: 'SSMS' },
  { id: 'sqlcmd', pattern: /\bsqlcmd: (?:error|warning)\b/i, name: 'sqlcmd' },
  { id: 'php', pattern: /\bSQLSTATE\[[0-9A-Z]{5}\]|\[SQLSTATE\] =>|'code' =>|\bsqlsrv_\w{1,30}\(|\bPDOException\b|pdo_sqlsrv/, name: 'PHP sqlsrv / pdo_sqlsrv' },
  { id: 'pyodbc', pattern: /\bpyodbc\b|\('[0-9A-Z]{5}', ["']\[[0-9A-Z]{5}\]/, name: 'pyodbc' },
  { id: 'pymssql', pattern: /\bpymssql\b|\b_mssql\.|\(\d{3,5}, b["']/, name: 'pymssql' },
  { id: 'freetds', pattern: /\bFreeTDS\b|\bTinyTds\b|\btiny_tds\b/i, name: 'FreeTDS' },
  { id: 'dblib', pattern: /\bDB-Lib(?:rary)? error\b|\bDBPROCESS\b|\bdbopen\b/i, name: 'DB-Library' },
  { id: 'jdbc', pattern: /\bmssql-jdbc-(\d{1,3}\.\d{1,3}\.\d{1,3})/i, name: 'Microsoft JDBC Driver', versionGroup: 1 },
  { id: 'jdbc', pattern: /com\.microsoft\.sqlserver\.jdbc|\bSQLServerException\b|jdbc:sqlserver:|\bc\.m\.s\.j(?:dbc)?\.|c\.microsoft\.sqlserver\.jdbc/, name: 'Microsoft JDBC Driver' },
  { id: 'go-mssqldb', pattern: /go-mssqldb|\bmssql: login error\b|TLS Handshake failed|unable to open tcp connection with host|Unable to get instances from Sql Server Browser|^DRIVER:/im, name: 'go-mssqldb' },
  { id: 'oledb', pattern: /OLE DB provider "(\w{1,30})"/, name: 'OLE DB', nameGroup: 1 },
  { id: 'oledb', pattern: /\b(SQLOLEDB|MSOLEDBSQL\d{0,2}|Microsoft OLE DB (?:Driver|Provider) for SQL Server)\b/i, name: 'OLE DB', nameGroup: 1 },
  { id: 'odbc', pattern: /\b(ODBC Driver (\d{1,2}) for SQL Server)/i, name: 'ODBC', nameGroup: 1, versionGroup: 2 },
  { id: 'odbc', pattern: /\b(SQL Server Native Client (\d{1,2}\.\d))/i, name: 'SQL Server Native Client', nameGroup: 1, versionGroup: 2 },
  { id: 'odbc', pattern: /\[(ODBC SQL Server Driver)\]|\b(unixODBC)\b|\bODBC Error\b|\bodbcErrors\b|\[SQLSTATE [0-9A-Z]{5}\]/, name: 'ODBC' },
  { id: 'tedious', pattern: /node_modules[\\/]{1,2}(?:tedious|mssql)\b|\bmssql:tedi\b|\bState change: \w{1,40} -> \w{1,40}|\bResourceRequest timed out\b/, name: 'tedious / node-mssql' },
  { id: 'tedious', pattern: /\b(?:ConnectionError|RequestError)\b|code: ["']E[A-Z]{4,20}["']|Failed to connect to \S{1,300} in \d{1,7}ms/, name: 'tedious / node-mssql' },
  { id: 'sqlclient', pattern: /\bMicrosoft\.Data\.SqlClient(?:[ /,]{1,2}(?:Version=)?v?(\d{1,2}\.\d{1,2}(?:\.\d{1,4}){0,2}))?/, name: 'Microsoft.Data.SqlClient', versionGroup: 1 },
  { id: 'sqlclient', pattern: /\bSystem\.Data\.SqlClient(?:[ /,]{1,2}(?:Version=)?v?(\d{1,2}\.\d{1,2}(?:\.\d{1,4}){0,2}))?/, name: 'System.Data.SqlClient', versionGroup: 1 },
  { id: 'sqlclient', pattern: /Core Microsoft SqlClient Data Provider/, name: 'Microsoft.Data.SqlClient' },
  { id: 'sqlclient', pattern: /\.Net SqlClient Data Provider/i, name: 'System.Data.SqlClient' },
  // Weak hints: wording or class names only one family uses.
  { id: 'jdbc', pattern: /\bjava\.net\.|\bjavax\.net\.ssl\b|\bSSLHandshakeException\b|is not accepted by client preferences|The TCP\/IP connection to the host/, name: 'Java (JDBC)' },
  { id: 'oledb', pattern: /\[DBNETLIB\]|\bConnection(?:Write|Read|Open) \((?:send|recv|Connect)\(\)\)/, name: 'DBNETLIB' },
  {
    id: 'sqlclient',
    pattern: /\(provider: [^,()\n]{1,60}, error: -?\d{1,5}|\bSqlException\b|transport-level error has occurred|prior to obtaining a connection from the pool|Microsoft\.EntityFrameworkCore|Microsoft\.SqlServer\.Management|System\.ComponentModel\.Win32Exception|\bat System\.Net\./,
    name: '.NET SqlClient',
  },
];
