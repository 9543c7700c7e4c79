/** The command line says what it read from each artifact: classify (text and JSON) and session. */
import { runCli } from '../helpers/cli';
import { sample } from '../parse/artifacts/fixtures';
import { ERRORS } from '../triage/artifact-samples';

describe('sqltriage classify with artifacts', () => {
  test('text: a block per artifact with what was read, then the diagnosis it leads to', async () => {
    const r = await runCli(['classify', '-'], `${ERRORS.refused}\n\n${sample('netstat-abon-sql-1533.txt')}`);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Read from netstat -abon (Windows):\n  - SQL Server listens on: 1533 (sqlservr.exe, PID 4321)');
    expect(r.stdout).toMatch(/Symptom: Connection refused/);
    expect(r.stdout).toMatch(/\n1\. Connection string names a port SQL Server does not listen on/);
  });

  test('--json: kind artifact for artifacts alone, each with facts and signals', async () => {
    const r = await runCli(['classify', '-', '--json'], sample('setspn-X.txt'));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('artifact');
    expect(out.artifacts).toEqual([
      { kind: 'setspn', title: 'setspn -X', facts: expect.arrayContaining([{ label: 'Duplicate SPNs', value: 'MSSQLSvc/sql01.contoso.com:1433' }]), signals: expect.arrayContaining(['artifact:setspn.duplicate']) },
    ]);
    expect(out.causes[0].id).toBe('sspi-spn-duplicate');
  });
});

describe('sqltriage session with artifacts', () => {
  test('a netstat after the error: the view lists it, and the ranking follows it', async () => {
    const input = [JSON.stringify({ paste: ERRORS.refused }), JSON.stringify({ paste: sample('netstat-aon-1434.txt') })].join('\n') + '\n';
    const r = await runCli(['session'], input);
    expect(r.code).toBe(0);
    const [first, second] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(first.artifacts).toEqual([]);
    expect(second.artifacts[0]).toEqual(expect.objectContaining({ kind: 'netstat', signals: expect.arrayContaining(['artifact:netstat.sql-port-other']) }));
    expect(second.causes[0].id).toBe('refused-wrong-port');
  });
});
