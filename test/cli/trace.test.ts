/** `sqltriage trace` end to end through the CLI dispatcher, on the recorded fixtures. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli';
import { scenario, TRACE_DIR } from '../trace/fixtures';

test('one trace: conversations, the finding, and the cause it ranks first', async () => {
  const s = scenario('reset-after-clienthello');
  const r = await runCli(['trace', s.path]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/1 of 1 TCP conversations to SQL Server/);
  expect(r.stdout).toMatch(/ClientHello up to TLS 1\.2 \(\d+ suites\), no ServerHello; ACK\+RST from server after ClientHello from client/);
  expect(r.stdout).toMatch(/tls\.reset-after-client-hello: /);
  expect(r.stdout).toMatch(/Likely causes from the trace alone:\n\s+\d+% .*\((tls-no-common-protocol|tls-closed-after-clienthello|tls-no-common-cipher)\)/);
});

test('--json with --port: every conversation, the signals and the ranked causes as data', async () => {
  const s = scenario('refused');
  const r = await runCli(['trace', s.path, '--json', '--port', String(s.ports[0])]);
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.traces[0]).toMatchObject({ file: 'refused.pcap', format: 'pcap', sqlConversations: 2 });
  expect(out.traces[0].conversations[0]).toMatchObject({ refused: true, end: { kind: 'rst-ack', by: 'server', after: 'the SYN' } });
  expect(out.signals).toEqual(['trace:tcp.syn-refused']);
  expect(['refused-not-listening', 'refused-wrong-port']).toContain(out.causes[0].id);
});

test('client and server traces: the comparison says the stories differ and who really reset', async () => {
  const r = await runCli(['trace', path.join(TRACE_DIR, 'middle-reset-client.pcap'), path.join(TRACE_DIR, 'middle-reset-server.pcap')]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/1 conversations matched/);
  expect(r.stdout).toMatch(/disagree: client trace: reset \(ACK\+RST\) by the server .*; server trace: closed \(FIN\) by the client/);
  expect(r.stdout).toMatch(/compare\.reset-in-the-middle/);
  expect(r.stdout).toMatch(/\(dropped-network-device\)/);
});

describe('bad usage and unreadable input exit 2 with one line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-trace-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  test.each([
    ['no file', [], /usage: sqltriage trace/],
    ['three files', ['a', 'b', 'c'], /usage: sqltriage trace/],
    ['a missing file', [path.join(dir, 'nope.pcap')], /cannot read .*nope\.pcap: ENOENT/],
    ['a bad port', [path.join(TRACE_DIR, 'dhe.pcapng'), '--port', '99999'], /--port 99999 is not a TCP port/],
    ['an unknown option', [path.join(TRACE_DIR, 'dhe.pcapng'), '--fast'], /unknown option '--fast'/],
  ])('%s', async (_what, args, message) => {
    const r = await runCli(['trace', ...(args as string[])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  test('an empty file and a text file', async () => {
    fs.writeFileSync(path.join(dir, 'empty.pcap'), '');
    fs.writeFileSync(path.join(dir, 'text.pcap'), 'Login failed for user sa');
    expect((await runCli(['trace', path.join(dir, 'empty.pcap')])).stderr).toMatch(/empty\.pcap is empty/);
    const t = await runCli(['trace', path.join(dir, 'text.pcap')]);
    expect([t.code, t.stderr]).toEqual([2, expect.stringMatching(/is not a \.pcap or \.pcapng capture/)]);
  });
});

test('a 40 MB trace reports its progress on stderr and still finds every conversation', async () => {
  const { generateCapture } = await import('../../bench/trace-gen');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-trace-big-'));
  try {
    const file = path.join(dir, 'big.pcap');
    await generateCapture(file, 40 * 1024 * 1024, 40);
    const r = await runCli(['trace', file, '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/reading big\.pcap: \d+% \(\d+ of 40 MB\)/);
    expect(r.stderr).toMatch(/read big\.pcap: 40\.\d MB in [\d.]+ s/);
    expect(JSON.parse(r.stdout).traces[0].sqlConversations).toBeGreaterThan(500);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
