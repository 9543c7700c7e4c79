/** `sqltriage probe` end to end through the CLI dispatcher, against a loopback peer. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCliWith } from '../helpers/cli';
import { startTdsPeer, TdsPeer } from '../peers/tds-server';
import { makeCerts, TestCerts } from '../peers/certs';

let certs: TestCerts;
let peer: TdsPeer;
let dir: string;
const PASSWORD = 'cli-canary-pw-4417';

beforeAll(async () => {
  certs = makeCerts();
  peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert }, logins: { prober: PASSWORD } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-cli-'));
  const config = {
    probes: {
      servers: [{ name: 'lab', host: 'localhost', port: peer.port, addresses: ['127.0.0.1'], tls: { caFile: certs.caFile }, credentials: { userEnv: 'LAB_USER', passwordEnv: 'LAB_PW' } }],
      allow: { users: [os.userInfo().username] },
      auditFile: 'audit.jsonl',
    },
  };
  fs.writeFileSync(path.join(dir, 'sqltriage.config.json'), JSON.stringify(config));
});
afterAll(async () => {
  await peer.close();
  certs.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = { LAB_USER: 'prober', LAB_PW: PASSWORD }) {
  const r = await runCliWith(['probe', ...args], { env, cwd: dir });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

test('--json prints the ladder result with its signals; progress goes to stderr', async () => {
  const { code, out, err } = await cli(['lab', '--json']);
  expect(code).toBe(0);
  const result = JSON.parse(out);
  expect(result.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual(['dns:ok', 'browser:skipped', 'tcp:ok', 'prelogin:ok', 'tls:ok', 'login:ok']);
  expect(result.signals).toEqual(expect.arrayContaining(['probe:tcp.open', 'probe:prelogin.encrypt-required', 'probe:login.ok']));
  expect(err).toMatch(/^dns: ok\n/);
  expect(err).toContain('login: ok');
  const audit = fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8');
  expect(audit + out + err).not.toContain(PASSWORD);
});

test('human output with a series', async () => {
  const { code, out } = await cli(['lab', '--series', '10', '--rate', '100', '--steps', 'tcp']);
  expect(code).toBe(0);
  expect(out).toMatch(/^series {3}0\/10 failed \{\}; p50 [\d.]+ ms/m);
  expect(out).toContain('probe:series.stable');
});

test('a refused probe exits 2 with one line', async () => {
  const { code, out, err } = await cli(['10.0.0.1']);
  expect(code).toBe(2);
  expect(out).toBe('');
  expect(err.trim().split('\n')).toHaveLength(1);
  expect(err).toMatch(/^sqltriage probe: Probes take a configured server name, not an address/);
});

test('misuse exits 2', async () => {
  expect((await cli([])).code).toBe(2);
  expect((await cli(['lab', '--series', 'lots'])).err).toBe('sqltriage probe: --series needs a positive number\n');
});
