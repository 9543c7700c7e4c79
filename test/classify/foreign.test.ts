/**
 * Text that is not from SQL Server (other databases, HTTP services) is recognised as such and never
 * answered with a SQL Server family at 0.5 or more; SQL Server text that names another product
 * stays SQL Server's.
 */
import { loadKnowledge } from '../../src/kb/load';
import { classifyParsed } from '../../src/classify';
import { wordStartPhrases } from '../../src/classify/foreign';
import { parsePaste } from '../../src/parse';
import { classifyText } from '../../src/triage/classify-text';
import { addPaste, openCase } from '../../src/triage';
import { diagnose } from '../../src/triage/diagnose';
import { diagnosisMessage } from '../../src/messages/triage-messages';
import { FOREIGN_HOLDOUT, FOREIGN_TUNING, readForeign } from '../../bench/foreign';
import { readCorpus } from '../../bench/corpus';
import { HOLDOUT } from '../../bench/eval';

const kb = loadKnowledge();

describe.each([
  ['tuning half', FOREIGN_TUNING],
  ['holdout half', FOREIGN_HOLDOUT],
])('foreign texts, %s', (_name, file) => {
  const items = readForeign(file);

  test('at least 20 texts, covering MySQL, MariaDB, PostgreSQL, Oracle, MongoDB, Redis, SQLite and HTTP', () => {
    expect(items.length).toBeGreaterThanOrEqual(20);
    expect(new Set(items.map((i) => i.product))).toEqual(new Set(['mysql', 'mariadb', 'postgresql', 'oracle', 'mongodb', 'redis', 'sqlite', 'http']));
  });

  test.each(items.map((i) => [i.id, i.product, i.text]))('%s (%s) is answered as that product, with no SQL Server family at 0.5', (_id, product, text) => {
    const r = classifyText(text, kb);
    expect({ kind: r.kind, product: r.foreign?.product }).toEqual({ kind: 'foreign', product });
    expect(r.symptoms[0].score).toBeLessThan(0.5);
  });
});

test.each([
  [
    'a linked server to Oracle',
    'OLE DB provider "OraOLEDB.Oracle" for linked server "ORAPROD" returned message "ORA-12541: TNS:no listener".\nMsg 7303, Level 16, State 1, Line 1\nCannot initialize the data source object of OLE DB provider "OraOLEDB.Oracle" for linked server "ORAPROD".',
  ],
  [
    'an ODBC DSN named after MySQL',
    'ERROR [08001] [Microsoft][ODBC Driver 18 for SQL Server]TCP Provider: No connection could be made because the target machine actively refused it.\r\nDSN=mysql-legacy-bridge; Server=sqlapp02,1433',
  ],
  [
    'a migration tool reading from PostgreSQL into SQL Server',
    "Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'pg_migrate'.\n   at Npgsql2Mssql.Copier.OpenTarget()",
  ],
])('SQL Server text that names another product stays SQL Server (%s)', (_name, text) => {
  const cls = classifyParsed(parsePaste(text), kb);
  expect(cls.provenance.foreign).toBeUndefined();
  expect(cls.provenance.sqlServerSigns.length).toBeGreaterThan(0);
  expect(classifyText(text, kb).kind).not.toBe('foreign');
});

test('"MySQL server" is not a SQL Server sign: phrases match at the start of a word', () => {
  expect(wordStartPhrases("can't connect to mysql server on 'db01'", ['sql server', 'mysql'])).toEqual(['mysql']);
});

test('the chat answer names the product and says it is not SQL Server, without asking SQL Server questions', () => {
  const outcome = addPaste(openCase(), 'FATAL:  no pg_hba.conf entry for host "10.4.5.6", user "app", database "billing", no encryption', kb);
  expect(outcome.kind).toBe('foreign');
  const d = diagnose(outcome.case, kb);
  expect(d.causes).toEqual([]);
  const msg = diagnosisMessage(d, { kind: outcome.kind });
  expect(msg.blocks[0]).toEqual({ kind: 'heading', text: 'This looks like an error from PostgreSQL, not from SQL Server' });
});

test('no real SQL Server paste of the corpora is taken for another product', () => {
  const items = [...readCorpus(), ...readCorpus(HOLDOUT)];
  const foreign = items.filter((i) => classifyText(i.text, kb).kind === 'foreign').map((i) => i.id);
  expect(foreign).toEqual([]);
});

test.each([
  ['a bare Java socket error', 'java.net.ConnectException: Connection refused', 'connection-refused'],
  ['a DNS failure with no SQL Server sign', 'Error: getaddrinfo ENOTFOUND orders-db.internal', 'server-not-found'],
])('%s is answered with the family that fits, but not confidently: nothing says it is SQL Server', (_name, text, family) => {
  const r = classifyText(text, kb);
  expect(r.kind).toBe('error');
  expect(r.symptoms[0].id).toBe(family);
  expect(r.symptoms[0].score).toBeLessThan(0.5);
});

test('an error from a product the knowledge does not name gets no SQL Server family at 0.5 either', () => {
  const r = classifyText('SQL30081N  A communication error has been detected. Communication protocol being used: "TCP/IP". Protocol specific error code(s): "111", "*", "*". SQLSTATE=08001', kb);
  expect(r.symptoms[0].score).toBeLessThan(0.5);
});
