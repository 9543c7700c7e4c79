/**
 * With an app id set, a request carrying a properly signed Bot Framework token is served and a
 * forged or misdirected one is refused. The signing keys are published by a loopback server named
 * through botbuilder's cloud settings, so the whole validation runs for real without leaving the machine.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { removeDir, say, startServer, type Running } from './server-harness';

const APP_ID = '11111111-2222-3333-4444-555555555555';
const SERVICE_URL = 'http://127.0.0.1:9/unused';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

function token(key: KeyObject, kid: string, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const body = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ iss: 'https://api.botframework.com', aud: APP_ID, serviceurl: SERVICE_URL, nbf: now - 60, exp: now + 600, ...claims })}`;
  return `${body}.${sign('RSA-SHA256', Buffer.from(body), key).toString('base64url')}`;
}

// CloudAdapter prints every refused token with console.error; those are expected here.
beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

let keys: Server;
let running: Running;
const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

beforeAll(async () => {
  keys = createHttpServer((req, res) => {
    const base = `http://127.0.0.1:${(keys.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
    else res.end(JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', use: 'sig', ...trusted.publicKey.export({ format: 'jwk' }) }] }));
  });
  await new Promise<void>((r) => keys.listen(0, '127.0.0.1', r));
  const port = (keys.address() as AddressInfo).port;
  const metadata = `http://127.0.0.1:${port}/openid`;
  running = await startServer({
    env: {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'unused-secret',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: metadata,
      ToBotFromEmulatorOpenIdMetadataUrl: metadata,
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
    },
  });
});
afterAll(async () => {
  await running.stop();
  await removeDir(running.dir);
  await new Promise((r) => keys.close(r));
});

const withToken = (conversation: string, t: string) => say(running.url, conversation, 'hello', { channelId: 'msteams' }, { authorization: `Bearer ${t}` });

it('serves a request signed with the published key for this app', async () => {
  const { status, replies } = await withToken('signed', token(trusted.privateKey, 'k1', {}));
  expect(status).toBe(200);
  expect(replies[0]?.text).toBe('case-signed: hello');
});

it.each([
  ['signed by another key under the same key id', () => token(stranger.privateKey, 'k1', {})],
  ['for another app', () => token(trusted.privateKey, 'k1', { aud: '99999999-2222-3333-4444-555555555555' })],
  ['expired', () => token(trusted.privateKey, 'k1', { nbf: 1000, exp: 2000 })],
  ['naming another service URL', () => token(trusted.privateKey, 'k1', { serviceurl: 'https://attacker.example/' })],
  ['from an unknown key id', () => token(trusted.privateKey, 'k2', {})],
])('refuses a token %s with 401 and runs no turn', async (_what, make) => {
  const conversation = `refused-${Math.random().toString(36).slice(2)}`;
  const { status } = await withToken(conversation, make());
  expect(status).toBe(401);
  expect(await running.store.cases.get(`case-${conversation}`)).toBeUndefined();
});

describe('forged tokens and the sign-in metadata host', () => {
  /** A metadata host that counts what it is asked; `down` answers 503 to everything. */
  async function metadataHost(down: boolean): Promise<{ server: Server; url: string; hits: () => number }> {
    let hits = 0;
    const server = createHttpServer((req, res) => {
      hits++;
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      res.setHeader('content-type', 'application/json');
      if (down) {
        res.statusCode = 503;
        res.end('{"error":"down"}');
      } else if (req.url === '/openid') res.end(JSON.stringify({ issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }));
      else res.end(JSON.stringify({ keys: [{ kty: 'RSA', kid: 'k1', use: 'sig', ...trusted.publicKey.export({ format: 'jwk' }) }] }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`, hits: () => hits };
  }

  async function botOn(metadata: string): Promise<Running> {
    return startServer({
      env: {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'unused-secret',
        ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
        ToBotFromChannelOpenIdMetadataUrl: metadata,
        ToBotFromEmulatorOpenIdMetadataUrl: metadata,
        ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
        ToChannelFromBotOAuthScope: 'https://api.botframework.com',
        OAuthUrl: 'https://api.botframework.com',
      },
    });
  }

  const forged = (i: number) => token(stranger.privateKey, `forged-${i}`, {});
  const UNAUTHORIZED = { error: 'unauthorized: a valid Bot Framework token is required' };

  it('refuses 20 forged tokens with unknown key ids with 401 and a fixed body, fetching the keys once', async () => {
    const host = await metadataHost(false);
    const bot = await botOn(host.url);
    try {
      for (let i = 0; i < 20; i++) {
        const { status, body } = await say(bot.url, `forged-${i}`, 'hello', { channelId: 'msteams' }, { authorization: `Bearer ${forged(i)}` });
        expect(status).toBe(401);
        expect(JSON.parse(body)).toEqual(UNAUTHORIZED);
      }
      expect(host.hits()).toBe(2); // the metadata document and the keys, once
    } finally {
      await bot.stop();
      await removeDir(bot.dir);
      await new Promise((r) => host.server.close(r));
    }
  });

  it('fails closed when the keys cannot be fetched: 401, no error text, and no fetch per request', async () => {
    const host = await metadataHost(true);
    const bot = await botOn(host.url);
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => say(bot.url, `down-${i}`, 'hello', { channelId: 'msteams' }, { authorization: `Bearer ${token(trusted.privateKey, 'k1', {})}` })),
      );
      for (const { status, body } of answers) {
        expect(status).toBe(401);
        expect(JSON.parse(body)).toEqual(UNAUTHORIZED);
      }
      expect(host.hits()).toBe(1);
      expect(await bot.store.cases.list()).toHaveLength(0);
    } finally {
      await bot.stop();
      await removeDir(bot.dir);
      await new Promise((r) => host.server.close(r));
    }
  });

  it.each([
    ['no Authorization header', undefined],
    ['a token that is not a JWT', 'Bearer not-a-token'],
    ['a JWT header that is not JSON', `Bearer ${Buffer.from('{{').toString('base64url')}.e30.sig`],
  ])('answers %s with 401 and no internal text', async (_what, header) => {
    const { status, body } = await say(running.url, 'no-token', 'hello', { channelId: 'msteams' }, header ? { authorization: header } : {});
    expect(status).toBe(401);
    expect(JSON.parse(body)).toEqual(UNAUTHORIZED);
  });
});
