/** The compiled bot (`dist/src/bot/main.js`) in a child process, as an operator starts it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const mainJs = path.join(root, 'dist', 'src', 'bot', 'main.js');

export interface SpawnedBot {
  child: ChildProcess;
  /** Resolves with http://127.0.0.1:PORT once it listens; rejects if it exits first. */
  ready: Promise<string>;
  stderr: () => string;
}

export function checkBuilt(): void {
  if (!existsSync(mainJs) || !existsSync(path.join(root, 'dist', 'knowledge.json'))) {
    throw new Error(`${mainJs} or dist/knowledge.json is missing: run \`npm run build\` first (npm test does)`);
  }
}

/** Watches a child's stderr for the "listening on" line. */
export function watch(child: ChildProcess): SpawnedBot {
  let err = '';
  const ready = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  return { child, ready, stderr: () => err };
}

export function spawnBot(env: Record<string, string>, cwd: string): SpawnedBot {
  checkBuilt();
  return watch(spawn(process.execPath, [mainJs], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] }));
}

export const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
