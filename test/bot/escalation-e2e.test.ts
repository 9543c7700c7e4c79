/**
 * End to end through the real server and bot: paste, answer, probe a loopback TDS peer, escalate;
 * the summary arrives, as a proactive message, at the escalation channel: a loopback HTTP server
 * standing in for the Bot Framework connector (serviceUrl) that records what is posted to it.
 */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createBot } from '../../src/bot/bot';
import { escalationSettings } from '../../dialogs/escalation-destination';
import { readDataFile } from '../../src/store';
import type { ProbeRunner } from '../../dialogs/deps';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import { createProber, probeSignals, ProbeRefused } from '../../src/probes';
import { parseProbeConfig } from '../../src/probes/config';
import { makeCerts, TestCerts } from '../peers/certs';
import { startTdsPeer, TdsPeer } from '../peers/tds-server';
import { firstAnswer, removeDir, say, startServer, type Running } from './server-harness';

interface Posted {
  path: string;
  body: Record<string, unknown>;
}

/** The connector's activity endpoint, on loopback: records each POST and answers as the connector would. */
async function startConnector(): Promise<{ url: string; posted: Posted[]; close(): Promise<void> }> {
  const posted: Posted[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
        posted.push({ path: decodeURIComponent(req.url!), body: JSON.parse(raw) });
        // restify (loaded by the bot server) patches ServerResponse; keep to the plain calls.
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id: `posted-${posted.length}` }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posted, close: () => new Promise((r) => server.close(() => r())) };
}

/** The probes as the dialogs see them: the real prober, with refusals passed on as text. */
function probeRunner(port: number, caFile: string): { runner: ProbeRunner; close(): Promise<void> } {
  const config = parseProbeConfig(
    { probes: { servers: [{ name: 'payroll-sql', host: '127.0.0.1', port, addresses: ['127.0.0.1'], timeoutMs: 2000, tls: { caFile, servername: 'sql.test.local' } }], allow: { users: ['user-1'] } } },
    process.cwd(),
  );
  const prober = createProber(config);
  const runner: ProbeRunner = {
    servers: () => prober.servers(),
    async run({ server, user, channel, onProgress }) {
      try {
        const result = await prober.run({ server, requester: { user, channel, via: 'test' } }, onProgress);
        return { result, signals: probeSignals(result) };
      } catch (err) {
        if (err instanceof ProbeRefused) return { refused: err.message };
        throw err;
      }
    },
  };
  return { runner, close: () => prober.close() };
}

const TLS_PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) Server=payroll-sql;Password=E2E-Canary-4411';

const texts = (node: unknown): string => JSON.stringify(node).replace(/\\\\/g, '\\');

describe('escalation through the bot', () => {
  let certs: TestCerts;
  let peer: TdsPeer;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let probes: ReturnType<typeof probeRunner>;
  let running: Running;

  beforeAll(async () => {
    certs = makeCerts();
    peer = await startTdsPeer({ encryption: 'on', tls: { key: certs.good.key, cert: certs.good.cert } });
    connector = await startConnector();
    probes = probeRunner(peer.port, certs.caFile);
    const kb = indexKnowledge(buildKnowledge());
    // user-1 (the harness's default speaker) is the administrator who may choose the escalation channel.
    running = await startServer({
      bot: (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb, prober: probes.runner, escalation: escalationSettings(s.storage, { SQLTRIAGE_ESCALATION_ADMINS: 'user-1' }) }),
    });
  });

  afterAll(async () => {
    await running.stop();
    await removeDir(running.dir);
    await probes.close();
    await peer.close();
    await connector.close();
    certs.cleanup();
  });

  test('paste, answer, probe, escalate: the summary is posted here and to the escalation channel', async () => {
    const channel = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: '19:dba-escalations@thread.tacv2', conversationType: 'channel', name: 'DBA escalations' } };
    const set = await say(running.url, 'ignored', 'set escalation channel here', channel);
    expect(texts(set.replies)).toContain('Escalations will be posted here (DBA escalations (msteams conversation 19:dba-escalations@thread.tacv2)) from now on.');

    const dm = 'dm-escalation';
    const pasted = await say(running.url, dm, TLS_PASTE);
    expect(texts(pasted.replies)).toContain('TLS handshake failure');
    const button = firstAnswer(pasted.replies);
    expect(button).toBeDefined();
    await say(running.url, dm, '', { value: button });

    const probed = await say(running.url, dm, 'probe payroll-sql');
    expect(texts(probed.replies)).toContain('Probe of payroll-sql');
    expect(peer.connections).toBeGreaterThan(0);

    const askImpact = await say(running.url, dm, 'escalate');
    expect(texts(askImpact.replies)).toContain('business impact');
    const askContact = await say(running.url, dm, 'Payroll run blocked for 300 staff since 08:00');
    expect(texts(askContact.replies)).toContain('Who should the next tier contact');
    expect(connector.posted).toHaveLength(0);
    const done = await say(running.url, dm, 'Dana Ortiz, DBA on call');

    const [c] = await running.store.cases.list({ status: 'escalated' });
    expect(c).toBeDefined();
    expect(c.escalation).toMatchObject({ impact: 'Payroll run blocked for 300 staff since 08:00', contact: 'Dana Ortiz, DBA on call', destination: 'DBA escalations' });
    expect(c.evidence.map((e) => e.kind)).toEqual(['paste', 'answer', 'probe']);
    const here = texts(done.replies);
    expect(here).toContain(`Escalation: case ${c.id}`);
    expect(here).toContain(`Case ${c.id} is escalated. Posted here and to DBA escalations (msteams conversation 19:dba-escalations@thread.tacv2).`);

    expect(connector.posted).toHaveLength(1);
    const [post] = connector.posted;
    expect(post.path).toBe('/v3/conversations/19:dba-escalations@thread.tacv2/activities');
    const card = (post.body.attachments as { contentType: string; content: unknown }[])[0];
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const there = texts(card.content);
    // The probe shows as the port it found answering (the card may clip its evidence list to fit Teams).
    for (const expected of [`Escalation: case ${c.id}`, 'Payroll run blocked for 300 staff since 08:00', 'Dana Ortiz, DBA on call', 'TCP port answering on payroll-sql', 'handshake', 'TLS handshake failure']) {
      expect(there).toContain(expected);
    }
    for (const text of [here, there]) expect(text).not.toContain('E2E-Canary-4411');
  });

  test('when the escalation channel refuses the post, the summary is still posted here and the user is told', async () => {
    // A connector that refuses the bot (as it does after the bot is removed from the team).
    const refusing = http.createServer((_req, res) => {
      res.statusCode = 403;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
    });
    await new Promise<void>((r) => refusing.listen(0, '127.0.0.1', r));
    const port = (refusing.address() as AddressInfo).port;
    const channel = { channelId: 'msteams', serviceUrl: `http://127.0.0.1:${port}`, conversation: { id: '19:gone@thread.tacv2', conversationType: 'channel', name: 'Old channel' } };
    await say(running.url, 'ignored-2', 'set escalation channel here', channel);

    const dm = 'dm-unreachable';
    await say(running.url, dm, TLS_PASTE);
    await say(running.url, dm, 'escalate');
    await say(running.url, dm, 'skip');
    const done = await say(running.url, dm, 'skip');
    const text = texts(done.replies);
    expect(text).toContain('Escalation: case');
    expect(text).toMatch(/Posted here, but not to Old channel \(msteams conversation 19:gone@thread.tacv2\): .+ The case keeps everything/);
    await new Promise<void>((r) => refusing.close(() => r()));
  });

  test('a user who is not an administrator cannot redirect escalations; the attempt and every change are audited', async () => {
    const admins = { channelId: 'msteams', serviceUrl: connector.url, conversation: { id: '19:dba-oncall@thread.tacv2', conversationType: 'channel', name: 'DBA on call' } };
    await say(running.url, 'admin-sets', 'set escalation channel here', admins);

    const mallory = { id: 'mallory', name: 'Mallory' };
    const attempt = await say(running.url, 'mallory-dm', 'set escalation channel here', { from: mallory, serviceUrl: connector.url });
    expect(texts(attempt.replies)).toContain('Only an administrator can change where escalations go');
    expect(texts(attempt.replies)).toContain('nothing changed. Escalations keep going to DBA on call (msteams conversation 19:dba-oncall@thread.tacv2).');

    // The next person's escalation still goes to the administrators' channel, and they are told exactly where.
    const before = connector.posted.length;
    const dm = 'dm-after-mallory';
    await say(running.url, dm, TLS_PASTE, { from: { id: 'user-2', name: 'Someone' } });
    await say(running.url, dm, 'escalate', { from: { id: 'user-2', name: 'Someone' } });
    await say(running.url, dm, 'skip', { from: { id: 'user-2', name: 'Someone' } });
    const done = await say(running.url, dm, 'skip', { from: { id: 'user-2', name: 'Someone' } });
    expect(texts(done.replies)).toMatch(/is escalated\. Posted here and to DBA on call \(msteams conversation 19:dba-oncall@thread\.tacv2\)\./);
    expect(connector.posted.slice(before).map((p) => p.path)).toEqual(['/v3/conversations/19:dba-oncall@thread.tacv2/activities']);

    const audit = (await readDataFile(path.join(running.dir, 'sqltriage.json'))).audit.filter((a) => a.kind === 'escalation-destination');
    expect(audit.slice(-2)).toEqual([
      expect.objectContaining({ by: 'user-1', outcome: 'changed', requested: 'DBA on call (msteams conversation 19:dba-oncall@thread.tacv2)' }),
      expect.objectContaining({ by: 'mallory', outcome: 'refused', requested: 'mallory-dm (emulator)', previous: 'DBA on call (msteams conversation 19:dba-oncall@thread.tacv2)' }),
    ]);
  });
});
