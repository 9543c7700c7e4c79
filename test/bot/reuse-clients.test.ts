/**
 * Connector and user-token clients are built once per bot identity, service URL and audience
 * instead of once per activity; clients are never shared across bot identities, and the number
 * kept stays bounded whatever service URLs requests name.
 */
import { ClaimsIdentity, AuthenticationConstants } from 'botframework-connector';
import { createAuthentication } from '../../src/bot/auth';
import { RecentCache } from '../../src/bot/reuse-clients';

const activity = (serviceUrl: string) => ({ type: 'message', channelId: 'emulator', serviceUrl, conversation: { id: 'c' }, from: { id: 'u' }, recipient: { id: 'b' } });
const claimsFor = (appId: string) => new ClaimsIdentity([{ type: AuthenticationConstants.AudienceClaim, value: appId }], true);

describe('client reuse', () => {
  it('hands the same connector client to every activity from one service URL, a different one for another', async () => {
    const { auth } = createAuthentication({});
    const connectorFor = async (url: string) => {
      const result = await auth.authenticateRequest(activity(url) as never, '');
      return result.connectorFactory.create(url, result.audience);
    };
    const a1 = await connectorFor('http://127.0.0.1:9/a/');
    const a2 = await connectorFor('http://127.0.0.1:9/a/');
    const b = await connectorFor('http://127.0.0.1:9/b/');
    expect(a2).toBe(a1);
    expect(b).not.toBe(a1);
    expect((b as unknown as { baseUri: string }).baseUri).toBe('http://127.0.0.1:9/b/');
  });

  it('keeps user-token clients per bot identity: two identities never share one', async () => {
    const { auth } = createAuthentication({ MicrosoftAppId: 'app-a', MicrosoftAppPassword: 'secret-a' });
    const a1 = await auth.createUserTokenClient(claimsFor('app-a'));
    const a2 = await auth.createUserTokenClient(claimsFor('app-a'));
    expect(a2).toBe(a1);
    // Another identity is not handed app-a's cached client: botbuilder is asked, and refuses it.
    await expect(auth.createUserTokenClient(claimsFor('app-b'))).rejects.toThrow(/Invalid appId/);
  });
});

describe('RecentCache', () => {
  it('keeps at most its limit, dropping the least recently used', async () => {
    const cache = new RecentCache<string>(2);
    let made = 0;
    const make = (v: string) => async () => {
      made++;
      return v;
    };
    await cache.get('a', make('A'));
    await cache.get('b', make('B'));
    await cache.get('a', make('A2')); // a is now the most recent
    await cache.get('c', make('C')); // drops b
    expect(cache.size).toBe(2);
    expect(await cache.get('a', make('A3'))).toBe('A');
    expect(await cache.get('b', make('B2'))).toBe('B2');
    expect(made).toBe(4);
  });

  it('does not keep a creation that failed, so the next request tries again', async () => {
    const cache = new RecentCache<string>(4);
    await expect(cache.get('k', () => Promise.reject(new Error('no network')))).rejects.toThrow('no network');
    await new Promise((r) => setImmediate(r));
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('stays bounded under 10,000 distinct keys', async () => {
    const cache = new RecentCache<number>(256);
    for (let i = 0; i < 10_000; i++) await cache.get(`http://host-${i}/`, async () => i);
    expect(cache.size).toBe(256);
  });
});
