/**
 * Every trace pattern on a real capture (tcpdump/tshark on loopback while the project's TDS peers
 * played the scenario): the finding is reported, and as case evidence it moves the cause the
 * articles name for it to the top, from an error text that alone does not single it out.
 */
import path from 'node:path';
import { loadKnowledge } from '../../src/kb/load';
import { openCase } from '../../src/triage/case';
import { addPaste, addTrace } from '../../src/triage/evidence';
import { rankCase } from '../../src/triage/rank';
import { compareTraces, readTraceFile, traceEvidence, TraceReport } from '../../src/trace';
import { scenario, TRACE_DIR } from './fixtures';

const kb = loadKnowledge();

const PASTE = {
  refused:
    'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)',
  timeout:
    'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.)',
  prelogin:
    'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
  transport: 'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
  slow: 'Connection Timeout Expired. The timeout period elapsed while attempting to consume the pre-login handshake acknowledgement. This could be because the pre-login handshake failed or the server was unable to respond back in time.',
  ports: 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - Only one usage of each socket address (protocol/network address/port) is normally permitted.)',
  login: "Login failed for user 'app'.",
};

interface Case {
  name: string;
  findings: string[];
  top: string[];
  paste: string;
}

const CASES: Case[] = [
  { name: 'refused', findings: ['tcp.syn-refused'], top: ['refused-not-listening', 'refused-wrong-port'], paste: PASTE.refused },
  { name: 'syn-unanswered', findings: ['tcp.syn-unanswered'], top: ['timeout-firewall-drop', 'notfound-firewall-blocked'], paste: PASTE.timeout },
  { name: 'reset-after-clienthello', findings: ['tls.reset-after-client-hello'], top: ['tls-closed-after-clienthello', 'tls-no-common-protocol', 'tls-no-common-cipher'], paste: PASTE.prelogin },
  { name: 'tls10-only', findings: ['tls.alert-protocol-version', 'tls.old-version-chosen'], top: ['tls-no-common-protocol'], paste: PASTE.prelogin },
  { name: 'dhe', findings: ['tls.dhe-chosen'], top: ['tls-dhe-leading-zero'], paste: PASTE.prelogin },
  { name: 'slow-login', findings: ['tds.login-slow'], top: ['timeout-server-thread-starvation'], paste: PASTE.slow },
  { name: 'drops', findings: ['tcp.server-reset-during-login'], top: ['dropped-server-side-close'], paste: PASTE.transport },
  { name: 'non-pooled', findings: ['tds.short-conversations', 'tcp.port-reuse'], top: ['exhaust-no-pooling-ephemeral-ports'], paste: PASTE.ports },
  { name: 'retransmits-then-reset', findings: ['tcp.retransmits-then-reset'], top: ['dropped-network-device'], paste: PASTE.transport },
  { name: 'keepalives-then-reset', findings: ['tcp.keepalives-then-reset'], top: ['dropped-network-device', 'dropped-firewall'], paste: PASTE.transport },
  { name: 'not-sql-server', findings: ['tds.not-sql-server'], top: ['tls-prelogin-not-tds', 'refused-not-sql-server'], paste: PASTE.prelogin },
  { name: 'closed-after-prelogin', findings: ['tds.closed-after-prelogin'], top: ['tls-encryption-level-mismatch', 'dropped-server-side-close'], paste: PASTE.prelogin },
  { name: 'encryption-mismatch', findings: ['tds.encryption-mismatch'], top: ['tls-encryption-level-mismatch'], paste: PASTE.prelogin },
  { name: 'login-error', findings: ['tds.login-error'], top: ['login-wrong-password', 'login-user-not-found'], paste: PASTE.login },
];

async function read(name: string): Promise<TraceReport> {
  const s = scenario(name);
  return readTraceFile(s.path, { ports: s.ports });
}

function rankOf(c: ReturnType<typeof openCase>, cause: string): number {
  return rankCase(c, kb).causes.findIndex((r) => r.id === cause) + 1;
}

describe.each(CASES)('$name', ({ name, findings, top, paste }) => {
  let report: TraceReport;
  beforeAll(async () => {
    report = await read(name);
  });

  test(`reports ${findings.join(' and ')}`, () => {
    expect(report.warnings).toEqual([]);
    expect(report.findings.map((f) => f.id)).toEqual(expect.arrayContaining(findings));
  });

  test(`as evidence it ranks ${top.join(' or ')} first, above where the error text alone puts it`, () => {
    const pasted = addPaste(openCase(), paste, kb).case;
    const before = Math.min(...top.map((t) => rankOf(pasted, t)));
    const withTrace = addTrace(pasted, traceEvidence([`${name}.pcap`], [report]), kb);
    const leader = rankCase(withTrace, kb).causes[0].id;
    expect(top).toContain(leader);
    expect(rankOf(withTrace, leader)).toBeLessThanOrEqual(before);
    // From the trace alone, too.
    const alone = rankCase(addTrace(openCase(), traceEvidence([name], [report]), kb), kb).causes[0].id;
    expect(top).toContain(alone);
  });
});

test('the reset-after-ClientHello conversation says what was said last and who reset', async () => {
  const r = await read('reset-after-clienthello');
  const c = r.conversations[0];
  expect(c.prelogin?.encryption).toBe('on');
  expect(c.tls?.mode).toBe('in-tds');
  expect(c.tls?.clientHello?.maxVersion).toBe('TLS 1.2');
  expect(c.tls?.serverHello).toBeUndefined();
  expect(c.end).toMatchObject({ kind: 'rst-ack', by: 'server', after: 'ClientHello from client' });
});

test('slow login is timed both in the clear (LOGIN7 to LOGINACK) and inside TLS (the slowest encrypted answer)', async () => {
  const r = await read('slow-login');
  const [clear, tls] = r.conversations;
  expect(clear.login?.loginMs).toBeGreaterThanOrEqual(1400);
  expect(clear.login?.loginMs).toBeLessThan(3000);
  expect(tls.tls?.serverHello?.version).toBe('TLS 1.2');
  expect(tls.login?.afterHandshakeMs).toBeGreaterThanOrEqual(1400);
});

test('TDS 8.0 strict: TLS first with ALPN tds/8.0, TLS 1.3 chosen, and no pattern reported on a healthy login', async () => {
  const r = await read('strict');
  const c = r.conversations[0];
  expect(c.speaksTds).toBe(true);
  expect(c.prelogin).toBeUndefined();
  expect(c.tls).toMatchObject({ mode: 'strict', serverHello: { version: 'TLS 1.3' } });
  expect(c.tls?.clientHello?.alpn).toContain('tds/8.0');
  expect(r.findings).toEqual([]);
});

test('a TLS 1.0-only server: the modern client alerts protocol_version, the one that allows 1.0 gets TLS 1.0', async () => {
  const r = await read('tls10-only');
  expect(r.conversations.map((c) => c.tls?.serverHello?.version)).toEqual(['TLS 1.0', 'TLS 1.0']);
  expect(r.conversations[0].tls?.alerts[0]).toMatchObject({ from: 'client', description: 'protocol_version', level: 'fatal' });
});

test('client and server traces through a device that resets the client side: matched by the client first bytes, the stories differ, the device is blamed', async () => {
  const s = scenario('middle-reset');
  const client = await readTraceFile(path.join(TRACE_DIR, 'middle-reset-client.pcap'), { ports: s.ports });
  const server = await readTraceFile(path.join(TRACE_DIR, 'middle-reset-server.pcap'), { ports: s.ports });
  const cmp = compareTraces(client, server);
  expect(cmp.matched).toHaveLength(1);
  expect(cmp.matched[0]).toMatchObject({ by: 'fingerprint', agree: false });
  expect(cmp.matched[0].story).toMatch(/client trace: reset .* by the server.*server trace: closed \(FIN\) by the client/);
  expect(cmp.findings.map((f) => f.id)).toEqual(['compare.reset-in-the-middle']);
  const pasted = addPaste(openCase(), PASTE.transport, kb).case;
  const c = addTrace(pasted, traceEvidence(['client.pcap', 'server.pcap'], [client, server], cmp), kb);
  expect(rankCase(c, kb).causes[0].id).toBe('dropped-network-device');
  // The same client trace alone points at the server closing the session instead.
  const alone = addTrace(pasted, traceEvidence(['client.pcap'], [client]), kb);
  expect(rankCase(alone, kb).causes[0].id).not.toBe('dropped-network-device');
});

test('the same trace compared with itself agrees on every conversation', async () => {
  const r = await read('drops');
  const cmp = compareTraces(r, r);
  expect(cmp.matched.every((m) => m.agree && m.by === 'addresses')).toBe(true);
  expect(cmp.findings).toEqual([]);
});
