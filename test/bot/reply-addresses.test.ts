/**
 * Where replies go, as a caller meets it over HTTP: an anonymous bot answers only requests that
 * name it by its own name (DNS rebinding), and posts replies only to a serviceUrl on this machine;
 * every connection a connector client opens is checked again at connect time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClaimsIdentity } from 'botframework-connector';
import { createAuthentication } from '../../src/bot/auth';
import { removeDir, say, startServer, type Running } from './server-harness';

/** A stand-in for the Bot Framework connector: records every request it gets. */
async function connectorPeer(): Promise<{ server: http.Server; url: string; posts: string[] }> {
  const posts: string[] = [];
  const server = http.createServer((req, res) => {
    posts.push(`${req.method} ${req.url}`);
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"id":"r1"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts };
}

let running: Running;
let peer: Awaited<ReturnType<typeof connectorPeer>>;
beforeAll(async () => {
  running = await startServer();
  peer = await connectorPeer();
});
afterAll(async () => {
  await running.stop();
  await removeDir(running.dir);
  await new Promise((r) => peer.server.close(r));
});

/** A raw request with any Host header (fetch would not let us set it). */
function rawGet(path: string, host: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(running.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: path === '/api/messages' ? 'POST' : 'GET', headers: { host, 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(path === '/api/messages' ? JSON.stringify({ type: 'message', text: 'hi', conversation: { id: 'rebind' }, deliveryMode: 'expectReplies', serviceUrl: 'http://localhost/' }) : undefined);
  });
}

describe('the Host header of an anonymous bot (DNS rebinding)', () => {
  it.each(['/', '/healthz', '/api/messages', '/chat.js'])('a request to %s naming another host gets 421 and is not served', async (path) => {
    const { status, body } = await rawGet(path, 'attacker.example:3978');
    expect(status).toBe(421);
    expect(JSON.parse(body).error).toMatch(/only requests addressed to it by its own name/);
    expect(await running.store.cases.get('case-rebind')).toBeUndefined();
  });

  it.each(['localhost:3978', '127.0.0.1', '[::1]:3978', 'LOCALHOST.'])('Host %s is served', async (host) => {
    expect((await rawGet('/healthz', host)).status).toBe(200);
  });

  it('a request without a Host header is refused', async () => {
    const { port } = new URL(running.url);
    const status = await new Promise<number>((resolve) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/healthz', setHost: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0)));
      req.end();
    });
    expect(status).toBeGreaterThanOrEqual(400); // Node itself refuses an HTTP/1.1 request without Host
  });
});

describe('the serviceUrl an anonymous caller names', () => {
  it.each(['http://169.254.169.254/', 'http://[64:ff9b::a9fe:a9fe]/', 'http://[::ffff:0:a9fe:a9fe]/', 'http://10.0.0.5/', 'http://[64:ff9b::7f00:1]/', 'file:///etc/passwd'])(
    'a reply to %s is refused with 400 before the turn runs',
    async (serviceUrl) => {
      const conversation = `svc-${Math.random().toString(36).slice(2)}`;
      const { status, body } = await say(running.url, conversation, 'hello', { serviceUrl, deliveryMode: 'normal' });
      expect(status).toBe(400);
      expect(JSON.parse(body).error).toMatch(/serviceUrl .*an anonymous bot replies only to this machine/);
      expect(await running.store.cases.get(`case-${conversation}`)).toBeUndefined();
    },
  );

  it('a reply to a serviceUrl on this machine is posted there', async () => {
    const before = peer.posts.length;
    const { status } = await say(running.url, 'svc-local', 'hello', { serviceUrl: peer.url, deliveryMode: 'normal' });
    expect(status).toBe(200);
    expect(peer.posts.slice(before)).toEqual([expect.stringMatching(/^POST \/v3\/conversations\/svc-local\/activities/)]);
  });
});

describe('at connect time, for every connector client', () => {
  const claims = new ClaimsIdentity([], true);
  const message = { type: 'message', text: 'x' };

  it('an anonymous bot posts to no address off this machine, in any spelling', async () => {
    const { auth } = createAuthentication({});
    for (const url of ['http://[64:ff9b::a9fe:a9fe]/', 'http://169.254.169.254/', 'http://10.0.0.5/']) {
      const client = await auth.createConnectorFactory(claims).create(url);
      await expect(client.conversations.sendToConversation('c', message)).rejects.toThrow(/no reply was sent to .*: it (points at|is not on this machine)/);
    }
    const ok = await auth.createConnectorFactory(claims).create(peer.url);
    const before = peer.posts.length;
    await ok.conversations.sendToConversation('c', message);
    expect(peer.posts.length).toBe(before + 1);
  });

  it('a bot with an app id refuses a name that resolves to this machine at connect time, without connecting', async () => {
    const { auth } = createAuthentication({ MicrosoftAppId: '11111111-2222-3333-4444-555555555555', MicrosoftAppPassword: 'unused' });
    const before = peer.posts.length;
    const appClaims = new ClaimsIdentity([{ type: 'aud', value: '11111111-2222-3333-4444-555555555555' }], true);
    const client = await auth.createConnectorFactory(appClaims).create(peer.url.replace('127.0.0.1', 'localhost'));
    await expect(client.conversations.sendToConversation('c', message)).rejects.toThrow(/no reply was sent to localhost: it points at a loopback address/);
    expect(peer.posts.length).toBe(before);
  });
});
