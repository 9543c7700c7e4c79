/**
 * The trends page over real HTTP (restify on loopback, a lowdb store of generated cases): served
 * while the bot is local; once public (a MicrosoftAppId, or a HOST that is not loopback) only with
 * SQLTRIAGE_TRENDS_TOKEN, and not at all without one; SQLTRIAGE_TRENDS=off turns it off everywhere.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler } from 'botbuilder';
import { createServer, type BotServer } from '../../src/bot/server';
import { openStore, type OpenedStore } from '../../src/store';
import { knowledge } from '../dialogs/harness';
import { SECRET, teamCases } from '../learn/trends-cases';

const kb = knowledge();
const TOKEN = 'trends-token-0123456789abcdef';
let dir: string;
let store: OpenedStore;

beforeAll(async () => {
  const chart = path.join(__dirname, '..', '..', 'node_modules', 'chart.js', 'dist', 'chart.umd.js');
  if (!existsSync(chart)) throw new Error(`${chart} is missing: run npm install (package.json lists chart.js, which the trends page serves)`);
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-trends-'));
  store = await openStore({ dir });
  for (const c of teamCases(kb)) await store.cases.put(c);
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function withServer(env: Record<string, string>, body: (url: string) => Promise<void>): Promise<void> {
  const server: BotServer = createServer({ bot: new ActivityHandler(), storage: store.storage, storageKind: 'file', env, log: () => undefined, trends: { cases: store.cases, kb: () => kb } });
  const port = await server.listen(0, '127.0.0.1');
  try {
    await body(`http://127.0.0.1:${port}`);
  } finally {
    await server.close();
  }
}

const status = async (url: string, headers: Record<string, string> = {}): Promise<number> => (await fetch(url, { headers })).status;

test('a local bot serves the page, its script, Chart.js and the counts, under a strict content policy', async () => {
  await withServer({}, async (url) => {
    const page = await fetch(`${url}/trends`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await page.text()).toContain('<script src="/trends/chart.js"></script>');
    const chart = await fetch(`${url}/trends/chart.js`);
    expect(chart.status).toBe(200);
    expect(await chart.text()).toContain('Chart.js v4');
    const data = await fetch(`${url}/trends/data.json`);
    expect(data.status).toBe(200);
    const body = await data.text();
    const d = JSON.parse(body);
    expect(d.cases).toBe(41);
    expect(d.confirmed[0]).toMatchObject({ cause: 'tls-dhe-leading-zero', count: 17 });
    expect(body).not.toContain(SECRET);
  });
});

test('a bot with a MicrosoftAppId and no trends token does not serve the page at all', async () => {
  await withServer({ MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' }, async (url) => {
    for (const p of ['/trends', '/trends/data.json', '/trends/chart.js', '/trends/trends.js']) expect(await status(`${url}${p}`)).toBe(404);
    expect(await status(`${url}/healthz`)).toBe(200);
  });
});

test('a public bot with SQLTRIAGE_TRENDS_TOKEN serves the page and counts only to that token', async () => {
  const env = { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x', SQLTRIAGE_TRENDS_TOKEN: TOKEN };
  await withServer(env, async (url) => {
    expect(await status(`${url}/trends/data.json`)).toBe(401);
    expect(await status(`${url}/trends/data.json`, { authorization: 'Bearer wrong-token-0123456789abcd' })).toBe(401);
    expect(await status(`${url}/trends/data.json`, { authorization: `Bearer ${TOKEN}` })).toBe(200);
    expect(await status(`${url}/trends?token=${TOKEN}`)).toBe(200);
    expect(await status(`${url}/trends`)).toBe(401);
    // The page's script and Chart.js hold no data: they load without the token.
    expect(await status(`${url}/trends/chart.js`)).toBe(200);
  });
});

test('an anonymous bot exposed with HOST=0.0.0.0 counts as public', async () => {
  await withServer({ HOST: '0.0.0.0' }, async (url) => {
    expect(await status(`${url}/trends/data.json`, { host: 'localhost' })).toBe(404);
  });
});

test('SQLTRIAGE_TRENDS=off turns it off on a local bot; bad settings stop the start with the setting named', async () => {
  await withServer({ SQLTRIAGE_TRENDS: 'off' }, async (url) => {
    expect(await status(`${url}/trends`)).toBe(404);
    expect(await status(`${url}/trends/data.json`)).toBe(404);
  });
  const start = (env: Record<string, string>) => () => createServer({ bot: new ActivityHandler(), storage: store.storage, storageKind: 'file', env, log: () => undefined, trends: { cases: store.cases, kb: () => kb } });
  expect(start({ SQLTRIAGE_TRENDS: 'maybe' })).toThrow("SQLTRIAGE_TRENDS 'maybe' is not known");
  expect(start({ SQLTRIAGE_TRENDS_TOKEN: 'short' })).toThrow('SQLTRIAGE_TRENDS_TOKEN is too short');
});
