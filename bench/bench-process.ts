/**
 * Pieces the bot and store benches share: waiting for a started server to print its port, and timing
 * concurrent users' turns back to back.
 */
import type { ChildProcess } from 'node:child_process';

/** Resolves with the port a server prints ("listening on http://localhost:PORT"); rejects if it exits first. */
export function listeningPort(child: ChildProcess, name: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}): ${err.trim()}`)));
  });
}

export type Turn = (user: number, n: number) => Promise<void>;

/** Runs `turn` for each of `users` back to back for `ms`, and returns every turn's latency in ms. */
export async function timeTurns(users: number, turn: Turn, ms: number): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: users }, async (_, u) => {
      for (let n = 0; performance.now() < until; n++) {
        const t0 = performance.now();
        await turn(u, n);
        samples.push(performance.now() - t0);
      }
    }),
  );
  return samples;
}
