import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const TLS_ERROR =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

function tmp(name: string, content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe('sqltriage classify --json', () => {
  test('prints one JSON object with the contract fields, symptoms best first', async () => {
    const r = await runCli(['classify', '-', '--json'], TLS_ERROR);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['kind', 'facts', 'symptoms', 'causes', 'redactions']));
    expect(out.kind).toBe('error');
    expect(out.symptoms[0].id).toBe('tls-handshake-failure');
    const scores = out.symptoms.map((s: { score: number }) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const s of scores) expect(s >= 0 && s <= 1).toBe(true); // scores are shares, 0 to 1
    expect(out.causes[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), family: expect.any(String), score: expect.any(Number) }));
    expect(out.causes[0].source.url).toMatch(/^https:\/\//);
    expect(out.facts.win32Errors).toContain(10054);
  });

  test('redacts the password of a pasted connection string and counts it', async () => {
    const r = await runCli(['classify', '--json'], `Login failed for user 'app'. Server=db1;User ID=app;Password=CANARY-PW-77;`);
    expect(r.stdout).not.toContain('CANARY-PW-77');
    expect(JSON.parse(r.stdout).redactions).toBe(1);
  });

  test('text that is not about SQL Server says unknown instead of guessing', async () => {
    const out = JSON.parse((await runCli(['classify', '--json'], 'Are we still on for lunch on Friday? I can bring the slides.')).stdout);
    expect(out.kind).toBe('unknown');
  });
});

describe('sqltriage classify (human)', () => {
  test('names the family, the causes with checks, fixes and source, and the next question', async () => {
    const r = await runCli(['classify', tmp('e.txt', TLS_ERROR)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Symptom: .*\[tls-handshake-failure\]/);
    expect(r.stdout).toContain('How to confirm:');
    expect(r.stdout).toContain('How to fix:');
    expect(r.stdout).toMatch(/Source: .*https:\/\//);
  });
});

describe('bad input gets exit 2 and one clear line', () => {
  const cases: [string, () => Promise<{ code: number; stdout: string; stderr: string }>, RegExp][] = [
    ['empty input', () => runCli(['classify', '--json'], '   \n'), /empty/],
    ['binary input', () => runCli(['classify', '--json'], Buffer.from(Array.from({ length: 4000 }, (_, i) => i % 7))), /binary/],
    ['a missing file', () => runCli(['classify', '/no/such/file.txt']), /no such file/],
    ['over the size limit', () => runCli(['classify', tmp('big.txt', 'x'.repeat(3 * 1024 * 1024))]), /limit/],
    ['an unknown option', () => runCli(['classify', '--jsn']), /unknown option/],
    ['an unknown command', () => runCli(['clasify']), /unknown command/],
  ];
  test.each(cases)('%s', async (_name, run, message) => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('sqltriage classify --batch', () => {
  test('one output line per input line, with its id, and nothing else on stdout', async () => {
    const lines = [
      { id: 'a', text: TLS_ERROR },
      { id: 7, text: "Login failed for user 'sa'. (Microsoft SQL Server, Error: 18456)" },
      { id: 'empty', text: '' },
    ];
    const file = tmp('in.jsonl', lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await runCli(['classify', '--batch', file]);
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', 7, 'empty']);
    expect(out[1].symptoms[0].id).toBe('login-failed');
    expect(out[2].error).toMatch(/empty/);
  });

  test('a line that is not JSON is reported on stderr and the run exits 2', async () => {
    const file = tmp('bad.jsonl', `{"id":1,"text":"${'Login failed for user x'}"}\nnot json\n`);
    const r = await runCli(['classify', '--batch', file]);
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/line 2/);
  });
});

describe('the installed command', () => {
  test('node bin/sqltriage.js classify --json works from a new process and prints only JSON', () => {
    const root = path.join(__dirname, '..', '..');
    if (!fs.existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'))) execFileSync('npm', ['run', 'build', '--silent'], { cwd: root });
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'sqltriage.js'), 'classify', '--json', '-'], { input: TLS_ERROR, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).symptoms[0].id).toBe('tls-handshake-failure');
  });
});

const CERT_WITH_DRIVER =
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. ' +
  '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)';

describe('sqltriage classify (human) says what it took from the paste', () => {
  test('the driver named in the stack trace is not asked for', async () => {
    const r = await runCli(['classify'], CERT_WITH_DRIVER);
    expect(r.stdout).toContain('From your paste: Microsoft.Data.SqlClient (or EF Core 7+) (Which driver or library does the failing application use?)');
    expect(r.stdout).not.toMatch(/Next question: Which driver/);
  });
});

describe('classify text and --json agree', () => {
  // One computation (the engine's case, answers the paste implies included) and one rounding rule.
  const texts: [string, string][] = [
    ['a 10054 during pre-login', TLS_ERROR],
    ['a certificate error with its stack trace (the driver is taken from it)', 'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)\n   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)'],
    ['an 18456 for a Windows login', "Login failed for user 'CONTOSO\\svc-app'. (Microsoft SQL Server, Error: 18456)"],
    ['a named instance that cannot be found', 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified) Server=sql01\\SALES'],
  ];
  // ... and every text of the dev corpus.
  const cases = (): [string, string][] => {
    const out = [...texts];
    const { readCorpus } = jest.requireActual('../../bench/corpus') as typeof import('../../bench/corpus');
    for (const item of readCorpus()) out.push([item.id, item.text]);
    return out;
  };

  test('the family and every cause the text shows carry the percentage of their --json score', async () => {
    const { percent } = await import('../../src/messages/percent');
    let compared = 0;
    for (const [name, text] of cases()) {
      const human = await runCli(['classify', '-'], text);
      const json = JSON.parse((await runCli(['classify', '-', '--json'], text)).stdout) as { symptoms: { id: string; score: number }[]; causes: { title: string; score: number }[] };
      const family = /^Symptom: .* \[([a-z-]+)\] \(([^)]+)\)$/m.exec(human.stdout);
      if (family) {
        expect(`${name}: ${family[1]} ${family[2]}`).toBe(`${name}: ${json.symptoms[0].id} ${percent(json.symptoms[0].score)}`);
        compared++;
      }
      for (const m of human.stdout.matchAll(/^\d+\. (.+) \(([^)]+)\)$/gm)) {
        const cause = json.causes.find((c) => c.title === m[1]);
        expect(cause).toBeDefined();
        expect(`${name}: ${m[1]} ${m[2]}`).toBe(`${name}: ${m[1]} ${percent(cause!.score)}`);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
