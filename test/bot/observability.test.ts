/**
 * What an operator reads from a running bot, through the real bot over HTTP: every log line is a
 * JSON object with time, level and the request or conversation it concerns, and none carries a
 * secret a user pasted; /metrics shows the documented series after a triage and refuses a caller
 * without the token.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type StartedBot } from '../../src/bot/main';
import { memoryLogger } from '../../src/bot/log';
import { firstAnswer, say } from './server-harness';

const TOKEN = 'metrics-token-0123456789abcdef';
// Canary secrets in the shapes users paste them: connection-string password, a bearer token, a SAS signature.
const CANARIES = ['Cnry7Pw-Qx41-zz', 'eyJhbGciOiJIUzI1NiJ9.Y2FuYXJ5LXRva2Vu.c2lnbmF0dXJlLWNhbmFyeQ', 'sig=CanarySas%2Fq9Zk3w%3D'];
const PASTE_WITH_SECRETS =
  "Login failed for user 'app_reader'. (Microsoft SQL Server, Error: 18456)\n" +
  `Server=tcp:erp-db.corp.example,1433;Database=erp;User ID=app_reader;Password=${CANARIES[0]};Encrypt=True;\n` +
  `Authorization: Bearer ${CANARIES[1]}\n` +
  `https://acct.blob.core.windows.net/c/x?sv=2022-11-02&${CANARIES[2]}`;
const TLS_PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

let dir: string;
let bot: StartedBot | undefined;
const lines: string[] = [];

async function start(env: Record<string, string>): Promise<string> {
  bot = await startBot({ PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: path.join(dir, 'data'), SQLTRIAGE_CONFIG: path.join(dir, 'none.json'), ...env }, dir, memoryLogger(lines, 'info'));
  return `http://127.0.0.1:${bot.port}`;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-observability-'));
  lines.length = 0;
});
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('logs', () => {
  it('are JSON lines with time, level and ids, and never carry a pasted secret', async () => {
    const url = await start({});
    const pasted = await say(url, 'conv-logs-1', PASTE_WITH_SECRETS, {}, { 'x-request-id': 'req-canary-1' });
    expect(pasted.status).toBe(200);
    // The secrets are in the request; an answer, a refused activity and a secret in a reply address follow.
    const answer = firstAnswer(pasted.replies);
    if (answer) await say(url, 'conv-logs-1', '', { value: answer });
    await say(url, 'conv-logs-2', `password=${CANARIES[0]}`, { deliveryMode: 'normal', serviceUrl: `https://user:${CANARIES[0]}@evil.example/` });
    // Ids come from the channel and are logged: one that holds a secret is logged redacted.
    await say(url, `conv-logs-3;Password=${CANARIES[0]};`, 'help');

    expect(lines.length).toBeGreaterThanOrEqual(4);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of entries) {
      expect(typeof e.msg).toBe('string');
      expect(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).toContain(e.level);
      expect(new Date(String(e.time)).toISOString()).toBe(e.time);
    }
    const handled = entries.find((e) => e.msg === 'activity handled' && e.reqId === 'req-canary-1');
    expect(handled).toMatchObject({ conversationId: 'conv-logs-1', channel: 'emulator', type: 'message', status: 200 });
    // Every request gets an id, given or made, and says it back.
    expect(entries.filter((e) => e.msg === 'activity handled').every((e) => typeof e.reqId === 'string' && e.reqId !== '')).toBe(true);
    expect(entries.some((e) => e.msg === 'activity refused' && e.conversationId === 'conv-logs-2')).toBe(true);
    expect(entries.some((e) => e.msg === 'activity handled' && e.conversationId === 'conv-logs-3;Password=***;')).toBe(true);

    const all = lines.join('\n');
    for (const canary of CANARIES) expect(all).not.toContain(canary);
  });

  it('LOG_LEVEL and LOG_FORMAT are checked at start with a clear message', async () => {
    const { logSettingsFromEnv } = await import('../../src/bot/log');
    expect(logSettingsFromEnv({ LOG_LEVEL: 'WARN', LOG_FORMAT: 'pretty' }, false)).toEqual({ level: 'warn', format: 'pretty' });
    expect(logSettingsFromEnv({}, true)).toEqual({ level: 'info', format: 'pretty' });
    expect(logSettingsFromEnv({}, false)).toEqual({ level: 'info', format: 'json' });
    expect(() => logSettingsFromEnv({ LOG_LEVEL: 'verbose' })).toThrow("LOG_LEVEL 'verbose' is not a level: use one of fatal, error, warn, info, debug, trace, silent");
    expect(() => logSettingsFromEnv({ LOG_FORMAT: 'xml' })).toThrow("LOG_FORMAT 'xml' is not known: use json or pretty");
  });

  it('the terminal form is one short line per entry, secrets redacted there too; LOG_LEVEL=warn drops info', async () => {
    const { createLogger } = await import('../../src/bot/log');
    const out: string[] = [];
    const log = createLogger({ level: 'info', format: 'pretty' }, { write: (l) => out.push(l) });
    log.info({ conversationId: 'c1' }, `pasted Password=${CANARIES[0]};`);
    log.error({ err: new Error(`could not open Password=${CANARIES[0]};`) }, 'turn failed');
    expect(out[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} {2}INFO {3}pasted Password=\*\*\*; {2}conversationId=c1\n$/);
    expect(out[1]).toMatch(/ERROR {2}turn failed\n {4}Error: could not open Password=\*\*\*;/);
    expect(out.join('')).not.toContain(CANARIES[0]);
    const quiet: string[] = [];
    const warnOnly = createLogger({ level: 'warn', format: 'json' }, { write: (l) => quiet.push(l) });
    warnOnly.info('not shown');
    warnOnly.warn('shown');
    expect(quiet.map((l) => JSON.parse(l).msg)).toEqual(['shown']);
  });
});

describe('/metrics', () => {
  const scrape = async (url: string, token?: string) => {
    const res = await fetch(`${url}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '', auth: res.headers.get('www-authenticate') };
  };
  const value = (text: string, series: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };

  it('shows the listed series after a triage, and refuses a caller without the token', async () => {
    // A probe configuration that grants nobody: "probe lab" is refused, and counted with its reason.
    writeFileSync(path.join(dir, 'probes.json'), JSON.stringify({ probes: { servers: [{ name: 'lab', host: '127.0.0.1', port: 1 }], allow: { users: ['someone-else'] } } }));
    const url = await start({ SQLTRIAGE_METRICS_TOKEN: TOKEN, SQLTRIAGE_CONFIG: path.join(dir, 'probes.json') });

    const refused = await scrape(url);
    expect(refused.status).toBe(401);
    expect(refused.auth).toMatch(/^Bearer/);
    expect((await scrape(url, 'wrong-token-0123456789abcdef')).status).toBe(401);

    const pasted = await say(url, 'conv-metrics-1', TLS_PASTE);
    expect(pasted.status).toBe(200);
    await say(url, 'conv-metrics-1', 'probe lab');
    await say(url, 'conv-metrics-2', "Login failed for user 'app_reader'. (Microsoft SQL Server, Error: 18456)");

    const { status, text, type } = await scrape(url, TOKEN);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(text, 'sqltriage_activities_total{channel="emulator",type="message",outcome="ok"}')).toBe(3);
    expect(value(text, 'sqltriage_activity_duration_seconds_count{channel="emulator",type="message"}')).toBe(3);
    expect(value(text, 'sqltriage_triage_outcomes_total{family="tls-handshake-failure"}')).toBe(1);
    expect(value(text, 'sqltriage_triage_outcomes_total{family="login-failed"}')).toBe(1);
    expect(text).toMatch(/^sqltriage_questions_asked_total\{question="[a-z0-9-]+"\} [1-9]/m);
    expect(value(text, 'sqltriage_cases_total{event="opened"}')).toBe(2);
    expect(value(text, 'sqltriage_cases_total{event="resolved"}')).toBe(0);
    expect(value(text, 'sqltriage_cases_total{event="escalated"}')).toBe(0);
    expect(value(text, 'sqltriage_probe_runs_total{outcome="refused",reason="not-granted"}')).toBe(1);
    expect(value(text, 'sqltriage_probe_runs_total{outcome="ok",reason=""}')).toBe(0);
    expect(value(text, 'sqltriage_store_write_duration_seconds_count{kind="case",outcome="ok"}')).toBeGreaterThanOrEqual(2);
    expect(value(text, 'sqltriage_store_write_duration_seconds_count{kind="state",outcome="ok"}')).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    // Labels hold ids, never text from the conversation.
    expect(text).not.toContain('pre-login');
  });

  it('a caller-chosen channel or activity type cannot add series: unknown ones count as other', async () => {
    const url = await start({});
    for (const channelId of ['made-up-1', 'made-up-2']) await say(url, `conv-${channelId}`, 'help', { channelId, type: 'message' });
    const { status, text } = await scrape(url);
    expect(status).toBe(200); // local and no token set: open, like the trends page
    expect(value(text, 'sqltriage_activities_total{channel="other",type="message",outcome="ok"}')).toBe(2);
    expect(text).not.toContain('made-up');
  });

  it('is off on a public bot without a token, and whenever SQLTRIAGE_METRICS=off', async () => {
    let url = await start({ HOST: '0.0.0.0', SQLTRIAGE_TRENDS: 'off' });
    expect((await scrape(url)).status).toBe(404);
    await bot!.stop();
    url = await start({ SQLTRIAGE_METRICS: 'off', SQLTRIAGE_METRICS_TOKEN: TOKEN });
    expect((await scrape(url, TOKEN)).status).toBe(404);
  });
});
