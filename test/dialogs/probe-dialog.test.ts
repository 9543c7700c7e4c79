/**
 * "probe NAME" through the real bot with the real prober (src/probes via the same loader npm start
 * uses), against a loopback port with nothing listening.
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { loadProber, LoadedProber } from '../../src/bot/probe-runner';
import { allText, CHANNELS, harness, lastButtons, see } from './harness';

const CERT_PASTE = 'Login failed. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';

/** A port that was just free: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

let loaded: LoadedProber;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-probe-'));
  const config = {
    probes: {
      servers: [{ name: 'sql-loop', host: 'localhost', addresses: ['127.0.0.1'], port: await closedPort(), timeoutMs: 1500 }],
      allow: { users: ['user-1'] },
      limits: { perUserPerMinute: 1000, perUserConcurrent: 4, globalConcurrent: 8 },
    },
  };
  fs.writeFileSync(path.join(dir, 'sqltriage.config.json'), JSON.stringify(config));
  loaded = loadProber({ SQLTRIAGE_CONFIG: path.join(dir, 'sqltriage.config.json') }, dir);
  expect(loaded.runner).toBeDefined();
});
afterAll(async () => loaded.close());

describe.each(CHANNELS)('probe on %s', (channel) => {
  test('a configured server is probed in one progress message redrawn in place, then what it changed, and the result joins the case', async () => {
    const h = await harness(channel, { prober: loaded.runner });
    await h.say(CERT_PASTE);
    const seen = await h.say('probe sql-loop');
    const text = allText(seen);
    // One progress message, redrawn as steps finish; its final state names the failed step.
    expect(seen.filter((s) => s.text.includes('Probe of sql-loop'))).toHaveLength(1);
    expect(h.lastUpdates.length).toBeGreaterThan(1);
    const final = see(channel, h.lastUpdates[h.lastUpdates.length - 1]).text;
    expect(final).toMatch(/(TCP: FAILED|:x: TCP).*refused/);
    expect(final).toMatch(/Added to case \S+/);
    expect(text).toMatch(/What the probe changed|did not change the ranking/);
    expect(h.lastRaw.some((a) => a.type === 'typing')).toBe(true);
    // The triage picks up again after the probe.
    expect(seen[seen.length - 1].buttons.length).toBeGreaterThan(0);
    const [c] = await h.store.cases.list();
    const probe = c.evidence.find((e) => e.kind === 'probe');
    expect(probe).toMatchObject({ kind: 'probe', server: 'sql-loop' });
    expect((probe as { signals: string[] }).signals.length).toBeGreaterThan(0);
    await h.close();
  });

  test('an unknown server is refused with the reason, and the case is unchanged', async () => {
    const h = await harness(channel, { prober: loaded.runner });
    await h.say(CERT_PASTE);
    const seen = await h.say('probe prod-db-01');
    expect(allText(seen)).toMatch(/I will not probe prod-db-01: .+/);
    // Nothing was announced before the refusal.
    expect(allText(seen)).not.toContain('Probe of');
    const [c] = await h.store.cases.list();
    expect(c.evidence.map((e) => e.kind)).toEqual(['paste']);
    await h.close();
  });

  test('"probe" alone offers the configured servers as buttons', async () => {
    const h = await harness(channel, { prober: loaded.runner });
    const seen = await h.say('probe');
    expect(lastButtons(seen).map((b) => [b.label, b.value])).toEqual([['sql-loop', { command: 'probe', arg: 'sql-loop' }]]);
    await h.close();
  });

  test('a user without a grant is refused before anything is announced, with their id, the channel id and the setting', async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-probe-nogrant-'));
    const config = { probes: { servers: [{ name: 'sql-loop', host: 'localhost', addresses: ['127.0.0.1'], port: await closedPort() }], allow: { users: ['someone-else'] } } };
    fs.writeFileSync(path.join(d, 'sqltriage.config.json'), JSON.stringify(config));
    const strict = loadProber({ SQLTRIAGE_CONFIG: path.join(d, 'sqltriage.config.json') }, d);
    const h = await harness(channel, { prober: strict.runner, conversation: { id: `room-${channel}` } });
    await h.say(CERT_PASTE);
    const seen = await h.say('probe sql-loop');
    await strict.close();
    expect(seen).toHaveLength(1);
    expect(h.lastRaw.filter((a) => a.type === 'typing')).toHaveLength(0);
    const text = allText(seen);
    expect(text).toMatch(/I will not probe sql-loop: .*not allowed/);
    expect(text).toContain('user-1');
    expect(text).toContain(`room-${channel}`);
    expect(text).toContain('probes.allow.users');
    expect(text).not.toContain('Probe of');
    await h.close();
  });

  test('without a prober the bot says probing is not configured', async () => {
    const h = await harness(channel);
    const seen = await h.say('probe sql-loop');
    expect(allText(seen)).toContain('no prober is configured');
    await h.close();
  });
});

describe('a probe granted to a channel', () => {
  let channelGrant: LoadedProber;
  let auditFile: string;
  beforeAll(async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-probe-grant-'));
    auditFile = path.join(d, 'audit.jsonl');
    const config = {
      probes: {
        servers: [{ name: 'sql-loop', host: 'localhost', addresses: ['127.0.0.1'], port: await closedPort(), timeoutMs: 1500 }],
        allow: { users: [], channels: ['C0CHANNEL', '19:teamschannel@thread.tacv2'] },
        limits: { perUserPerMinute: 1000, perUserConcurrent: 4, globalConcurrent: 8 },
        auditFile,
      },
    };
    fs.writeFileSync(path.join(d, 'sqltriage.config.json'), JSON.stringify(config));
    channelGrant = loadProber({ SQLTRIAGE_CONFIG: path.join(d, 'sqltriage.config.json') }, d);
  });
  afterAll(async () => channelGrant.close());

  test.each([
    ['slack', 'C0CHANNEL;messageid=1700000000.000100'],
    ['msteams', '19:teamschannel@thread.tacv2;messageid=1700000000000'],
  ] as const)('on %s is allowed from a thread of that channel, and the audit names the channel and chat', async (channel, conversationId) => {
    const h = await harness(channel, { prober: channelGrant.runner, conversation: { id: conversationId, isGroup: true, conversationType: 'channel' } });
    const seen = await h.say('probe sql-loop');
    expect(allText(seen)).not.toMatch(/I will not probe/);
    expect(allText(seen)).toContain('Probe of sql-loop');
    const lines = fs.readFileSync(auditFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1)).toEqual(expect.objectContaining({ channel: conversationId.split(';')[0], via: channel }));
    await h.close();
  });
});
