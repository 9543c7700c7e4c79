/**
 * The loopback peer checked against an independent client: FreeTDS's `tsql` (Debian package
 * freetds-bin, installed by .ci/run) logs in through TLS inside TDS, and sees 18456 for a wrong
 * password, so the peer is not merely agreeing with our own probe code.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startTdsPeer, TdsPeer } from './tds-server';
import { makeCerts, TestCerts } from './certs';

const TSQL = '/usr/bin/tsql';
let certs: TestCerts;
let peer: TdsPeer;
beforeAll(() => {
  if (!fs.existsSync(TSQL)) throw new Error('FreeTDS tsql is missing: apt-get install freetds-bin (.ci/run installs it)');
  certs = makeCerts();
});
afterAll(() => certs.cleanup());
afterEach(() => peer?.close());

/** Runs tsql in its own process (the peer lives in this one, so the call must not block). */
async function tsql(port: number, password: string, encryption: 'require' | 'off'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-freetds-'));
  const conf = path.join(dir, 'freetds.conf');
  fs.writeFileSync(conf, `[global]\n\ttds version = 7.4\n\tencryption = ${encryption}\n\tlogin timeout = 10\n`);
  const child = spawn(TSQL, ['-H', '127.0.0.1', '-p', String(port), '-U', 'probe', '-P', password], { env: { ...process.env, FREETDSCONF: conf, HOME: dir } });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.stdin.end('exit\n');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(killer);
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

test('tsql logs in to the peer through TLS inside TDS', async () => {
  peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { probe: 'Canary-9c1e' } });
  const out = await tsql(peer.port, 'Canary-9c1e', 'require');
  expect(out).toMatch(/^1> /m);
  expect(peer.logins).toEqual([{ user: 'probe', password: 'Canary-9c1e' }]);
});

test('tsql is refused with 18456 for a wrong password', async () => {
  peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { probe: 'right' } });
  const out = await tsql(peer.port, 'wrong', 'require');
  expect(out).toMatch(/18456/);
  expect(out).toMatch(/Login failed for user 'probe'/);
  expect(out).not.toMatch(/^1> /m);
});
