/**
 * `npm start` exactly as an operator (or a service manager) runs it: npm between the caller and
 * the bot. SIGTERM or SIGINT to the npm process must reach the bot, which shuts down cleanly: the
 * answered case is on disk, the data-folder lock is released, and no bot process is left behind.
 * (`--ignore-scripts` skips the `prestart` build, which `npm test` has done already.)
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { say } from './server-harness';
import { checkBuilt, exited, root, watch } from './spawn-bot';

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-npm-start-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it.each(['SIGTERM', 'SIGINT'] as const)('%s to `npm start` stops the bot cleanly and leaves no process behind', async (signal) => {
  checkBuilt();
  const data = path.join(dir, 'data');
  const npm = spawn('npm', ['start', '--silent', '--ignore-scripts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: dir, PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: data, SQLTRIAGE_CONFIG: path.join(dir, 'none.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const bot = watch(npm);
  const url = await bot.ready;
  const lockFile = path.join(data, '.sqltriage.lock');
  const { pid } = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
  expect(pid).not.toBe(npm.pid); // the bot is npm's child, not npm itself

  const { status } = await say(url, `npm-${signal}`, "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)");
  expect(status).toBe(200);

  const done = exited(npm);
  npm.kill(signal);
  const outcome = await Promise.race([done, new Promise((resolve) => setTimeout(() => resolve('still running after 15 s'), 15_000))]);
  const orphan = running(pid);
  if (orphan) process.kill(pid, 'SIGKILL'); // do not leave it behind when the test fails
  if (npm.exitCode === null) npm.kill('SIGKILL');
  expect(outcome).toBe(0);
  // npm waits for its child, so by now the bot has exited as well.
  expect(orphan).toBe(false);
  expect(existsSync(lockFile)).toBe(false);
  expect(bot.stderr()).toContain(`${signal}: finishing requests in flight and flushing the store`);
  const saved = JSON.parse(readFileSync(path.join(data, 'sqltriage.json'), 'utf8')) as { cases: Record<string, unknown> };
  expect(Object.keys(saved.cases)).toHaveLength(1);
}, 30_000);
