/**
 * Attachments of one message are fetched in parallel within one deadline for the turn: five slow
 * files hold the turn for about one download timeout, not five, and the user hears about each.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createBot } from '../../src/bot/bot';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import { removeDir, say, startServer, type Running } from './server-harness';

const TIMEOUT_MS = 800;
let slow: net.Server;
let slowUrl: string;
const sockets = new Set<net.Socket>();
let running: Running;

beforeAll(async () => {
  // Accepts, reads the request, and never answers.
  slow = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('data', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
  slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
  const kb = indexKnowledge(buildKnowledge());
  running = await startServer({ bot: (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb, config: { attachments: { timeoutMs: TIMEOUT_MS } } }) });
});
afterAll(async () => {
  await running.stop();
  await removeDir(running.dir);
  for (const s of sockets) s.destroy();
  await new Promise((r) => slow.close(r));
});

it('five slow attachments hold the turn for one deadline, and each is reported', async () => {
  const attachments = Array.from({ length: 5 }, (_, i) => ({ contentType: 'text/plain', name: `slow-${i}.txt`, contentUrl: `${slowUrl}/file-${i}.txt` }));
  const started = Date.now();
  const { status, replies } = await say(running.url, 'slow-files', '', { attachments });
  const elapsed = Date.now() - started;
  expect(status).toBe(200);
  expect(elapsed).toBeLessThan(TIMEOUT_MS * 2); // sequential downloads would take five times TIMEOUT_MS
  const text = JSON.stringify(replies);
  for (let i = 0; i < 5; i++) expect(text).toContain(`I could not read slow-${i}.txt: the download took longer than 0.8 s`);
});
