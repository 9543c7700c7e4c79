/** The peer must convince real clients: tedious logs in against it, over TLS-in-TDS and strict. */
import { Connection } from 'tedious';
import { startTdsPeer, TdsPeer } from './tds-server';
import { makeCerts, TestCerts } from './certs';

let certs: TestCerts;
beforeAll(() => (certs = makeCerts()));
afterAll(() => certs.cleanup());

function tediousLogin(port: number, password: string, encrypt: boolean | 'strict', ca?: Buffer): Promise<Error | undefined> {
  return new Promise((resolve) => {
    const c = new Connection({
      server: 'localhost',
      authentication: { type: 'default', options: { userName: 'probe', password } },
      options: { port, encrypt, trustServerCertificate: true, connectTimeout: 3000, cryptoCredentialsDetails: ca ? { ca } : {} },
    });
    c.connect((err) => {
      c.once('end', () => resolve(err ?? undefined));
      c.close();
    });
  });
}

describe('TDS test peer against tedious', () => {
  let peer: TdsPeer;
  afterEach(() => peer?.close());

  test('tedious logs in through TLS inside TDS and the peer sees the password it sent', async () => {
    peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { probe: 'Canary-7f3a' } });
    expect(await tediousLogin(peer.port, 'Canary-7f3a', true)).toBeUndefined();
    expect(peer.logins).toEqual([{ user: 'probe', password: 'Canary-7f3a' }]);
  });

  test('tedious gets 18456 for a wrong password', async () => {
    peer = await startTdsPeer({ encryption: 'off', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { probe: 'right' } });
    const err = await tediousLogin(peer.port, 'wrong', true);
    expect(err?.message).toBe("Login failed for user 'probe'.");
  });

  test('tedious logs in over TDS 8.0 strict', async () => {
    peer = await startTdsPeer({ behaviour: 'strict-only', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { probe: 'pw' } });
    expect(await tediousLogin(peer.port, 'pw', 'strict', certs.ca)).toBeUndefined();
  });
});
