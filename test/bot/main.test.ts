/**
 * `npm start` as an operator runs it: the compiled entry point in a child process (`npm test`
 * builds first). A SIGTERM mid-service lets the request finish, flushes the store and exits 0; a
 * SIGKILL loses no turn that had been answered.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readDataFile } from '../../src/store';
import type { Case } from '../../src/triage/types';
import { firstAnswer, say } from './server-harness';
import { exited, root, spawnBot } from './spawn-bot';

const PASTE = "Login failed for user 'app_reader'. (Microsoft SQL Server, Error: 18456)";
const start = spawnBot;

describe('npm start (dist/src/bot/main.js)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-main-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts from the documented .env.example defaults, answers anonymously, and exits 0 on SIGTERM with the case on disk', async () => {
    // .env.example as a newcomer would copy it, with a free port and a private data folder.
    const example = readFileSync(path.join(root, '.env.example'), 'utf8').replace(/^PORT=.*$/m, 'PORT=0');
    writeFileSync(path.join(dir, '.env'), example);
    const bot = start({}, dir);
    const url = await bot.ready;
    expect(bot.stderr()).toMatch(/bound to 127\.0\.0\.1; .*anonymous/);
    expect(bot.stderr()).toMatch(/probes: no servers configured/);

    const { status, replies } = await say(url, 'main-1', PASTE);
    expect(status).toBe(200);
    expect(replies.length).toBeGreaterThan(0);
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);

    const done = exited(bot.child);
    bot.child.kill('SIGTERM');
    expect(await done).toBe(0);
    const data = JSON.parse(readFileSync(path.join(dir, 'data', 'sqltriage.json'), 'utf8'));
    const cases = Object.values(data.cases) as { evidence: { kind: string; text?: string }[] }[];
    expect(cases).toHaveLength(1);
    expect(cases[0]!.evidence[0]!.text).toContain('18456');
  });

  it('killed without warning (SIGKILL) mid-triage, it continues the same case after a restart', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: path.join(dir, 'data') };
    const TLS_PASTE = 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';
    const first = start(env, dir);
    const url = await first.ready;
    await say(url, 'crash-0', PASTE); // an earlier conversation: this one's turn is then appended to the file
    const pasted = await say(url, 'crash-1', TLS_PASTE);
    const button = firstAnswer(pasted.replies);
    expect(button).toBeDefined();
    const killed = exited(first.child);
    first.child.kill('SIGKILL');
    await killed;
    const lines = readFileSync(path.join(dir, 'data', 'sqltriage.json'), 'utf8').trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1); // died with its last turns appended, not folded in

    const second = start(env, dir);
    const answered = await say(await second.ready, 'crash-1', '', { value: button });
    expect(answered.status).toBe(200);
    expect(JSON.stringify(answered.replies)).not.toMatch(/paste an error/i);
    const done = exited(second.child);
    second.child.kill('SIGTERM');
    expect(await done).toBe(0);
    const cases = Object.values((await readDataFile(path.join(dir, 'data', 'sqltriage.json'))).cases) as Case[];
    expect(cases).toHaveLength(2);
    const crashed = cases.find((c) => c.evidence.some((e) => e.kind === 'answer'));
    expect(crashed!.evidence.map((e) => e.kind)).toEqual(['paste', 'answer']);
  });

  it('refuses to start on a corrupt data file, naming it, and leaves it as it was', async () => {
    const dataDir = path.join(dir, 'data');
    rmSync(dataDir, { recursive: true, force: true });
    require('node:fs').mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'sqltriage.json'), '{"format":1,"seq":');
    const bot = start({ PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: dataDir }, dir);
    await expect(bot.ready).rejects.toThrow(/exited with 1: .*sqltriage\.json is not valid JSON.*will not overwrite/s);
    expect(readFileSync(path.join(dataDir, 'sqltriage.json'), 'utf8')).toBe('{"format":1,"seq":');
  });

  it('refuses a second server on the same data folder at start-up, naming the first', async () => {
    const env = { PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: path.join(dir, 'data') };
    const first = start(env, dir);
    await first.ready;
    const second = start(env, dir);
    await expect(second.ready).rejects.toThrow(new RegExp(`exited with 1: .*in use by process ${first.child.pid}`, 's'));
    const done = exited(first.child);
    first.child.kill('SIGTERM');
    expect(await done).toBe(0);
  });

  it('refuses to start with a clear line when a setting is wrong', async () => {
    const bot = start({ PORT: 'eighty', SQLTRIAGE_DATA_DIR: dir }, dir);
    await expect(bot.ready).rejects.toThrow(/exited with 1: .*sqltriage: PORT 'eighty' is not a port number/s);
    const blobs = start({ PORT: '0', SQLTRIAGE_STORAGE: 'blobs' }, dir);
    await expect(blobs.ready).rejects.toThrow(/SQLTRIAGE_BLOB_CONNECTION_STRING/);
  });
});
