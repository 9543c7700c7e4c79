/**
 * A TCP port whose SYNs go unanswered, on loopback only. This machine's network stack has no
 * netem or nftables to drop packets in a private namespace, so we use a full accept queue: a
 * child process listens with backlog 1 and blocks its event loop, so it never accepts; a few
 * filler connections take the queue, and the kernel then drops further SYNs, as a firewall would.
 */
import { spawn, ChildProcess } from 'node:child_process';
import net from 'node:net';

const CHILD = `
const net = require('node:net');
const s = net.createServer();
s.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  process.stdout.write(String(s.address().port) + '\\n', () => {
    // Block the event loop so libuv never calls accept(); the parent kills us when done.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  });
});`;

export interface BlackHole {
  port: number;
  close(): Promise<void>;
}

export async function startBlackHole(): Promise<BlackHole> {
  const child: ChildProcess = spawn(process.execPath, ['-e', CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())));
    child.once('exit', (code) => reject(new Error(`black-hole child exited (${code})`)));
  });
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 8; i++) {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.on('error', () => undefined);
    fillers.push(s);
  }
  await new Promise((r) => setTimeout(r, 200));
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
