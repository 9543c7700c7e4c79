/** Recall against real pastes: driver family and phase agreement with the corpus labels. */
import { parsePaste } from '../../src/parse';
import type { DriverId } from '../../src/parse/types';
import { corpusItem, loadCorpus } from './corpus';

const items = loadCorpus();

// Corpus driver labels → the DriverIds that count as a correct detection. Labels naming no
// client (server errorlog, portal, unspecified) are left out.
const DRIVER_LABELS: Record<string, DriverId[]> = {
  'System.Data.SqlClient': ['sqlclient'],
  'Microsoft.Data.SqlClient': ['sqlclient'],
  'PowerShell (SqlClient-based)': ['sqlclient'],
  'tedious / node-mssql': ['tedious'],
  'pyodbc (ODBC)': ['pyodbc'],
  'Microsoft JDBC Driver': ['jdbc'],
  'PHP sqlsrv / pdo_sqlsrv (ODBC)': ['php'],
  'go-mssqldb': ['go-mssqldb'],
  'go-sqlcmd': ['go-mssqldb', 'sqlcmd'],
  'sqlcmd (ODBC)': ['sqlcmd'],
  'ODBC (other host)': ['odbc'],
  'msnodesqlv8 (Node, ODBC/SNAC)': ['odbc'],
  'OLE DB (SQLOLEDB / SNAC / MSOLEDBSQL)': ['oledb'],
  SSMS: ['ssms'],
  'FreeTDS (DB-Lib / TinyTDS / pymssql)': ['freetds', 'pymssql', 'dblib'],
  'Microsoft.Data.SqlClient / OLE DB (Tabular Editor)': ['sqlclient', 'oledb'],
};

describe('driver detection on the corpus', () => {
  const labelled = items.filter((i) => i.driver !== null && DRIVER_LABELS[i.driver] !== undefined);
  const misses = labelled.filter((i) => {
    const id = parsePaste(i.text).facts.driver?.id;
    return id === undefined || !DRIVER_LABELS[i.driver as string].includes(id);
  });

  it('covers every driver family in the corpus', () => {
    const families = new Set(items.map((i) => i.driver).filter((d): d is string => d !== null));
    const unmapped = [...families].filter((d) => DRIVER_LABELS[d] === undefined);
    // Only labels that name no client library may stay unmapped.
    expect(unmapped.sort()).toEqual([
      'Azure portal Query editor',
      'SQL Server (server-side errorlog)',
      'other (Python SQL Browser helper)',
      'unspecified client (Azure SQL)',
    ]);
  });

  it('names the driver family for at least 90% of labelled pastes', () => {
    const rate = 1 - misses.length / labelled.length;
    // On failure the message names the rate and the missed items.
    expect(rate >= 0.9 ? 'ok' : `driver hit rate ${(rate * 100).toFixed(1)}%; misses: ${misses.map((m) => m.id).join(' ')}`).toBe('ok');
  });
});

describe('phase detection on the corpus', () => {
  it('agrees with at least 85% of phase labels', () => {
    const labelled = items.filter((i) => i.phase !== null);
    const misses = labelled.filter((i) => parsePaste(i.text).facts.phase !== i.phase);
    const rate = 1 - misses.length / labelled.length;
    expect(rate >= 0.85 ? 'ok' : `phase agreement ${(rate * 100).toFixed(1)}%; misses: ${misses.map((m) => m.id).join(' ')}`).toBe('ok');
  });

  it('gives no phase to pool exhaustion, which happens before any connection is tried', () => {
    for (const id of ['e203', 'e204', 'e205']) expect(parsePaste(corpusItem(items, id).text).facts.phase).toBeNull();
  });
});

describe('facts from representative real pastes', () => {
  const facts = (id: string) => parsePaste(corpusItem(items, id).text).facts;

  it('SqlClient untrusted certificate: negative SQL error turned into its HRESULT, SSL provider, TLS phase', () => {
    const f = facts('e002');
    expect(f.hresults).toContain('0x80090325');
    expect(f.providers).toEqual(['ssl']);
    expect(f.sniErrors).toEqual([0]);
    expect(f.phase).toBe('tls');
    expect(f.driver).toMatchObject({ id: 'sqlclient', name: 'Microsoft.Data.SqlClient' });
  });

  it('SqlClient pre-login reset: 10054 from the inner Win32Exception, TCP provider', () => {
    const f = facts('e035');
    expect(f.win32Errors).toContain(10054);
    expect(f.providers).toEqual(['tcp']);
    expect(f.hresults).toContain('0x80131904');
    expect(f.exceptions).toEqual(expect.arrayContaining(['SqlException', 'Win32Exception']));
    expect(f.phase).toBe('pre-login');
  });

  it('pyodbc: hex Winsock code, SQLSTATE, ODBC driver behind it', () => {
    const f = facts('e011');
    expect(f.hresults).toContain('0x2746');
    expect(f.win32Errors).toContain(10054);
    expect(f.codes).toContain('08001');
    expect(f.driver?.id).toBe('pyodbc');
  });

  it('ODBC diagnostic list: each record kept, 10061 from the native tail and from the message', () => {
    const f = facts('e056');
    expect(f.win32Errors).toEqual([10061]);
    expect(f.errors.length).toBeGreaterThanOrEqual(3);
    expect(f.errors.some((e) => e.provider === 'tcp')).toBe(true);
  });

  it('error 26 from SQL Network Interfaces', () => {
    const f = facts('e074');
    expect(f.sniErrors).toEqual([26]);
    expect(f.providers).toEqual(['sni']);
    expect(f.errors[0]).toMatchObject({ sniError: 26, provider: 'sni' });
  });

  it('Session Provider error 19 on an established connection, SSPI Provider on a Kerberos failure', () => {
    const dropped = facts('e213');
    expect(dropped.providers).toEqual(['session']);
    expect(dropped.errors[0]).toMatchObject({ sniError: 19, provider: 'session' });
    expect(dropped.phase).toBe('established');
    expect(facts('e187').providers).toContain('sspi');
  });

  it('FreeTDS (pymssql): the DB-Lib message number, and the Net-Lib errno by its symbolic name', () => {
    expect(facts('e254').codes).toEqual(expect.arrayContaining(['DBLIB-20006', 'ECONNRESET']));
  });

  it('tedious timeout: host, port, ETIMEOUT, and the state machine places it in login', () => {
    const f = facts('e041');
    expect(f).toMatchObject({ server: 'fxnmojpfxl.database.secure.windows.net', port: 1433, phase: 'login' });
    expect(f.codes).toContain('ETIMEOUT');
    expect(f.driver?.id).toBe('tedious');
  });

  it('tedious with named instance and port', () => {
    expect(facts('e219')).toMatchObject({ server: 'host', instance: 'instance', port: 1433 });
  });

  it('JDBC refused: host and port from the driver sentence', () => {
    const f = facts('e054');
    expect(f).toMatchObject({ server: 'localhost', port: 1433, phase: 'pre-login' });
    expect(f.driver?.id).toBe('jdbc');
    expect(f.exceptions).toContain('SQLServerException');
  });

  it('ODBC Driver name and version', () => {
    expect(facts('e067').driver).toEqual({ id: 'odbc', name: 'ODBC Driver 17 for SQL Server', version: '17' });
    expect(facts('e090').driver).toMatchObject({ id: 'odbc', version: '11.0' });
  });

  it('SqlException.ToString number line joins the record it belongs to', () => {
    const f = facts('e239');
    expect(f.sqlErrors).toEqual([64]);
    expect(f.win32Errors).toContain(64);
    expect(f.errors.find((e) => e.number === 64)).toMatchObject({ provider: 'tcp', sniError: 0, class: 20 });
    expect(f.phase).toBe('established');
  });

  it('PHP sqlsrv error arrays: 18456 and 4060, user and database', () => {
    const f = facts('e165');
    expect(f.sqlErrors).toEqual([18456, 4060]);
    expect(f.user).toBe('IIS APPPOOL\\DefaultAppPool');
    expect(f.database).toBe('databasename');
    expect(f.driver?.id).toBe('php');
  });

  it('SSMS dialog: error number, server', () => {
    const f = facts('e156');
    expect(f.sqlErrors).toEqual([18452]);
    expect(f.server).toBe('ubuntu17Sql.SALAM.NET');
    expect(f.driver?.id).toBe('ssms');
  });

  it('localized messages: Chinese semaphore timeout is 121, Italian login names user and database', () => {
    const zh = facts('e125');
    expect(zh.win32Errors).toContain(121);
    expect(zh.language).toBe('zh');
    const it = facts('e197');
    expect(it).toMatchObject({ language: 'it', user: 'XXX', database: 'XXXX', phase: 'login' });
  });

  it('tedious socket errors keep both tedious and OS codes', () => {
    expect(facts('e053').codes).toEqual(expect.arrayContaining(['ESOCKET', 'ECONNREFUSED']));
    expect(facts('e218')).toMatchObject({ server: 's08.winhost.com', port: 1433 });
  });

  it('ODBC 0x102 is the wait timeout 258', () => {
    const f = facts('e069');
    expect(f.hresults).toContain('0x102');
    expect(f.win32Errors).toContain(258);
    expect(f.codes).toEqual(expect.arrayContaining(['HYT00', '08001']));
  });

  it('English pastes carry no language', () => {
    expect(facts('e060').language).toBeUndefined();
    expect(facts('e054').language).toBeUndefined();
  });
});
