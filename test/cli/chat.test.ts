/** `sqltriage chat` over a real data file: a paste, a numbered answer, and the case on disk. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { run } from '../../src/cli/commands/chat';
import { openStore } from '../../src/store';
import type { CliIO } from '../../src/cli/io';

function io(input: string, env: Record<string, string>): { io: CliIO; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  const stdin = new PassThrough();
  stdin.end(input);
  return { io: { stdout, stderr, stdin, env, cwd: os.tmpdir() }, out: () => out, err: () => err };
}

const PASTE = [
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server,',
  'but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain',
  'was issued by an authority that is not trusted.)',
].join('\n');

test('a multi-line paste gets the diagnosis and numbered choices; a number answers', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-chat-'));
  const t = io(`${PASTE}\n\n1\n/quit\n`, { SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') });
  expect(await run([], t.io)).toBe(0);
  const out = t.out();
  expect(out).toContain('SERVER CERTIFICATE NOT ACCEPTED');
  expect(out).toMatch(/\n {2}1\) .+\n {2}2\) /);
  expect(out).toContain('You answered:');
  expect(t.err()).toBe('');
  const store = await openStore({ dir });
  const [c] = await store.cases.list();
  // The paste names Microsoft.Data.SqlClient, which answers the driver question; the number answered another.
  expect(c.evidence.map((e) => [e.kind, e.kind === 'answer' && e.implied === true])).toEqual([
    ['paste', false],
    ['answer', true],
    ['answer', false],
  ]);
  // The three pasted lines arrived as one paste.
  expect(c.evidence[0]).toMatchObject({ kind: 'paste', text: expect.stringContaining('not trusted') });
  await store.close();
});

test('a second session in the same data folder continues the conversation', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-chat-'));
  const env = { SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') };
  await run([], io(`${PASTE}\n\n`, env).io);
  const second = io('2\n', env);
  await run([], second.io);
  expect(second.out()).toContain('You answered:');
});

test('a pasted SSMS dialog with blank lines is one message: one diagnosis, no "could not place"', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-chat-'));
  const ssms = ['Cannot connect to db01.', '', '===================================', '', 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) (.Net SqlClient Data Provider)', '', 'Error Number: 10054'].join('\n');
  const t = io(`${ssms}\n`, { SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') });
  expect(await run([], t.io)).toBe(0);
  expect(t.out()).not.toContain('could not place');
  expect(t.out().match(/Most likely causes/g)).toHaveLength(1);
  const store = await openStore({ dir });
  const [c] = await store.cases.list();
  expect(c.evidence.filter((e) => e.kind !== 'answer' || !e.implied).map((e) => e.kind)).toEqual(['paste']);
  await store.close();
});

test('with the bot holding the same data file, chat refuses at once and keeps nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-chat-'));
  const bot = await openStore({ dir });
  await bot.claim();
  const t = io(`${PASTE}\n\n`, { SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') });
  await expect(run([], t.io)).rejects.toThrow(/in use by another sqltriage/);
  expect(await bot.cases.list()).toEqual([]);
  await bot.close();
});

test('the escalation in the terminal has no Markdown escapes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-chat-'));
  const t = io(`${PASTE}\n\nescalate\nskip\nskip\n/quit\n`, { SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') });
  expect(await run([], t.io)).toBe(0);
  expect(t.out()).toContain('ESCALATION: CASE');
  expect(t.out()).not.toMatch(/\\[[\]_*#`<>|]/);
});

test('bad arguments are a usage error', async () => {
  await expect(run(['--bogus'], io('', {}).io)).rejects.toThrow("unknown option '--bogus'");
});
