import { readFile } from 'node:fs/promises';
import { removeDir, say, startServer, type Running } from './server-harness';
import { readDataFile } from '../../src/store';

describe('the bot server over HTTP', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer();
  });
  afterAll(async () => {
    await running.stop();
    await removeDir(running.dir);
  });

  it('answers a message posted with expectReplies in the response body, anonymously', async () => {
    const { status, replies } = await say(running.url, 'conv-a', 'Login timeout expired');
    expect(status).toBe(200);
    expect(replies.map((r) => r.text)).toEqual(['case-conv-a: Login timeout expired']);
  });

  it('reports health with version, uptime and storage state', async () => {
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      version: '9.9.9-test',
      uptime: expect.any(Number),
      storage: { kind: 'file', ok: true },
      auth: 'anonymous',
    });
  });

  it('keeps 100 simultaneous conversations apart', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `many-${i}`);
    await Promise.all(ids.map((id) => say(running.url, id, `first ${id}`)));
    const second = await Promise.all(ids.map((id) => say(running.url, id, `second ${id}`)));
    second.forEach(({ status, replies }, i) => {
      expect(status).toBe(200);
      expect(replies[0]?.text).toBe(`case-many-${i}: first many-${i} | second many-${i}`);
    });
    const onDisk = await readDataFile(`${running.dir}/sqltriage.json`);
    for (const id of ids) expect(onDisk.cases[`case-${id}`].evidence).toHaveLength(2);
  });

  it('rejects bodies that are not activities with 400, and oversized ones with 413', async () => {
    const notJson = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'the body is not valid JSON' }); // never the parser's own words
    const noType = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noType.status).toBe(400);
    expect(await noType.json()).toEqual({ error: 'the activity has no type' });
    const noConversation = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"message"}' });
    expect(noConversation.status).toBe(400);
    const text = await fetch(`${running.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(400);
    const huge = await say(running.url, 'conv-huge', 'x'.repeat(5 * 1024 * 1024));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toEqual({ error: 'the body is larger than this bot accepts' });
  });

  it('does not serve files outside the chat page folder', async () => {
    for (const p of ['/chat/../../../package.json', '/chat/%2e%2e/%2e%2e/%2e%2e/package.json', '/chat/..%2f..%2fserver.ts', '/chat/%00']) {
      const res = await fetch(`${running.url}${p}`);
      expect([400, 404]).toContain(res.status);
      expect(await res.text()).not.toContain('"name": "sqltriage"');
    }
  });

  it('serves the chat page and every file it links to', async () => {
    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    const links = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      const res = await fetch(`${running.url}${link}`);
      expect([link, res.status]).toEqual([link, 200]);
    }
    expect((await fetch(`${running.url}/chat/chat.js`)).status).toBe(200);
    expect((await fetch(`${running.url}/no-such-file.js`)).status).toBe(404);
  });

  it('serves the Adaptive Cards renderer for the chat page', async () => {
    const res = await fetch(`${running.url}/vendor/adaptivecards.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect((await res.text()).length).toBeGreaterThan(10000);
  });
});

describe('a restart in the middle of a conversation', () => {
  it('continues the same case from the data file', async () => {
    const first = await startServer();
    await say(first.url, 'conv-r', 'before restart');
    await first.stop();
    const second = await startServer({ dir: first.dir });
    const { replies } = await say(second.url, 'conv-r', 'after restart');
    expect(replies[0]?.text).toBe('case-conv-r: before restart | after restart');
    await second.stop();
    await removeDir(first.dir);
  });
});

describe('with a Microsoft app id configured', () => {
  let running: Running;
  beforeAll(async () => {
    // botbuilder prints each refused token's stack to console.error; the refusals are what these tests expect.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    running = await startServer({ env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' } });
  });
  afterAll(async () => {
    await running.stop();
    await removeDir(running.dir);
    jest.restoreAllMocks();
  });

  it('refuses a request without a token with 401 and runs no turn', async () => {
    const { status } = await say(running.url, 'conv-auth', 'hello');
    expect(status).toBe(401);
    expect(await running.store.cases.get('case-conv-auth')).toBeUndefined();
  });

  it('refuses a token not issued by the Bot Framework with 401', async () => {
    // A well-formed JWT from an issuer the Bot Framework does not trust: refused without any network call.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64({ iss: 'https://attacker.example', aud: '00000000-0000-0000-0000-000000000001' })}.c2ln`;
    const { status } = await say(running.url, 'conv-auth', 'hello', {}, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
    const garbage = await say(running.url, 'conv-auth', 'hello', {}, { authorization: 'Bearer garbage' });
    expect(garbage.status).toBe(401);
    expect(await running.store.cases.get('case-conv-auth')).toBeUndefined();
  });

  it('still answers health checks', async () => {
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { auth: string }).auth).toBe('bot-framework');
  });
});

describe('closing the server', () => {
  it('lets a turn in flight finish and persist, then refuses new connections', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inTurn = new Promise<void>((r) => (entered = r));
    const running = await startServer({
      bot: (s) => ({
        run: async (context) => {
          entered();
          await gate;
          await s.cases.put({ id: 'slow', createdAt: '', updatedAt: '', status: 'open', evidence: [], history: [] });
          await context.sendActivity('done');
        },
      }),
    });
    const pending = say(running.url, 'slow', 'wait for me');
    await inTurn;
    let closed = false;
    const closing = running.server.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(false);
    release();
    const { status, replies } = await pending;
    await closing;
    await running.store.close();
    expect(status).toBe(200);
    expect(replies[0]?.text).toBe('done');
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    const onDisk = JSON.parse(await readFile(`${running.dir}/sqltriage.json`, 'utf8'));
    expect(onDisk.cases.slow).toBeDefined();
    await removeDir(running.dir);
  });
});
