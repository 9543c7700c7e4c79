/** The CLI as people expect it: --version, --help on every command, --opt=value and --opt value alike. */
import * as fs from 'fs';
import * as path from 'path';
import { runCli } from '../helpers/cli';

const COMMANDS = ['classify', 'sqlcheck', 'probe', 'trace', 'chat', 'case', 'session'];
const TLS_ERROR =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

test('--version prints the version in package.json and exits 0', async () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string };
  const r = await runCli(['--version']);
  expect(r).toEqual({ code: 0, stdout: `sqltriage ${version}\n`, stderr: '' });
});

test('--help lists every command and exits 0', async () => {
  const r = await runCli(['--help']);
  expect(r.code).toBe(0);
  for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c} `);
});

describe.each(COMMANDS)('sqltriage %s', (command) => {
  test.each(['--help', '-h'])('%s prints its usage on stdout and exits 0 without doing anything', async (flag) => {
    // Even with stdin waiting, help returns at once and touches nothing.
    const r = await runCli([command, flag], TLS_ERROR);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^usage: sqltriage ${command}`));
    expect(r.stdout.split('\n').length).toBeGreaterThan(3); // options explained, not just one line
  });

  test('an unknown option is one line on stderr and exit 2', async () => {
    const r = await runCli([command, '--no-such-option'], '');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^sqltriage ${command}: .*(unknown option '--no-such-option'|usage)`));
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

test('sqltriage help classify is classify --help', async () => {
  const r = await runCli(['help', 'classify']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^usage: sqltriage classify/);
});

test('--opt=value and --opt value give the same answer', async () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'sqltriage-help-'));
  try {
    const batch = path.join(dir, 'in.jsonl');
    fs.writeFileSync(batch, `${JSON.stringify({ id: 1, text: TLS_ERROR })}\n`);
    const spaced = await runCli(['classify', '--batch', batch]);
    const joined = await runCli(['classify', `--batch=${batch}`]);
    expect(spaced.code).toBe(0);
    expect(JSON.parse(spaced.stdout).symptoms[0].id).toBe('tls-handshake-failure');
    expect(joined).toEqual(spaced);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('--series=lots is checked like --series lots', async () => {
  const a = await runCli(['probe', 'lab', '--series=lots']);
  const b = await runCli(['probe', 'lab', '--series', 'lots']);
  expect(a).toEqual({ code: 2, stdout: '', stderr: 'sqltriage probe: --series needs a positive number\n' });
  expect(b).toEqual(a);
});

test('a flag given a value is refused in one line', async () => {
  const r = await runCli(['classify', '--json=yes', '-'], TLS_ERROR);
  expect(r.code).toBe(2);
  expect(r.stderr).toBe("sqltriage classify: --json takes no value (usage: sqltriage classify [FILE|-] [--json])\n");
});
