import { parsePaste } from '../../src/parse';

const ERROR = [
  "Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'etl'.",
  '   at Microsoft.Data.SqlClient.SqlInternalConnectionTds..ctor(DbConnectionPoolIdentity identity)',
  'Error Number:18456,State:1,Class:14',
];

test('a log repeating one error under new timestamps gives the facts of the error once, and keeps the whole text', () => {
  const once = parsePaste(ERROR.join('\n'));
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) for (const l of [...ERROR, 'INFO heartbeat ok']) lines.push(`2025-03-01 10:${String(i % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${i} ${l}`);
  const log = parsePaste(lines.join('\n'));
  expect(log.facts.sqlErrors).toEqual(once.facts.sqlErrors);
  expect(log.facts.errors).toHaveLength(once.facts.errors.length);
  expect(log.facts.driver).toEqual(once.facts.driver);
  expect(log.facts.phase).toEqual(once.facts.phase);
  expect(log.text.split('\n')).toHaveLength(lines.length);
});
