/**
 * Scale-out: two bot instances behind a (pretend) load balancer share Azure Blob storage (Azurite
 * on loopback) and serve alternate turns of one conversation; the case stays whole.
 */
import { createBot } from '../../src/bot/bot';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import { createStorageFromEnv } from '../../src/store';
import { startAzurite, type Azurite } from '../store/azurite';
import { firstAnswer, removeDir, say, startServer, type BotFactory, type Running } from './server-harness';

const kb = indexKnowledge(buildKnowledge());
const realBot: BotFactory = (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb });
const PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

let azurite: Azurite;
let instances: Running[];
beforeAll(async () => {
  azurite = await startAzurite();
  const env = { SQLTRIAGE_STORAGE: 'blobs', SQLTRIAGE_BLOB_CONNECTION_STRING: azurite.connectionString, SQLTRIAGE_BLOB_CONTAINER: 'scaleout' };
  instances = [];
  for (let i = 0; i < 2; i++) instances.push(await startServer({ bot: realBot, store: () => createStorageFromEnv(env) }));
});
afterAll(async () => {
  for (const r of instances ?? []) {
    await r.stop();
    await removeDir(r.dir);
  }
  await azurite?.stop();
});

it('keeps one case across alternate turns on two instances', async () => {
  const [a, b] = instances as [Running, Running];
  const health = (await (await fetch(`${b.url}/healthz`)).json()) as { storage: unknown };
  expect(health.storage).toEqual({ kind: 'blobs', ok: true });

  // Turn 1 on A: paste. Turns 2-4 alternate B, A, B: press the first answer button offered.
  let replies = (await say(a.url, 'shared-conv', PASTE)).replies;
  const turns = [b, a, b];
  let answered = 0;
  for (const instance of turns) {
    const button = firstAnswer(replies);
    if (!button) break;
    const r = await say(instance.url, 'shared-conv', '', { value: button });
    expect(r.status).toBe(200);
    replies = r.replies;
    answered++;
  }
  expect(answered).toBeGreaterThanOrEqual(2);

  const fromA = await a.store.cases.list();
  const fromB = await b.store.cases.list();
  expect(fromA).toHaveLength(1);
  expect(fromB.map((c) => c.id)).toEqual(fromA.map((c) => c.id));
  const kinds = fromB[0]!.evidence.map((e) => e.kind);
  expect(kinds).toEqual(['paste', ...Array(answered).fill('answer')]);
  // Each answer re-ranked the case: one history entry per piece of evidence.
  expect(fromB[0]!.history).toHaveLength(kinds.length);
});
