/**
 * The probe configuration is re-read when its file changes, without a restart: grants and servers
 * an administrator adds count at the next use, a watch re-reads soon after a save (once for a burst
 * of writes), and a file that cannot be used keeps the last good configuration and says so.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadProber, type LoadedProber } from '../../src/bot/probe-runner';

let dir: string;
let file: string;
let logs: string[];
const open: LoadedProber[] = [];

function write(config: unknown): void {
  // As editors and deploy tools do: a new file renamed over the old one.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, typeof config === 'string' ? config : JSON.stringify(config));
  fs.renameSync(tmp, file);
}

function config(servers: string[], users: string[]) {
  return { probes: { servers: servers.map((name) => ({ name, host: 'localhost', addresses: ['127.0.0.1'], port: 1 })), allow: { users } } };
}

function load(opts: { watch?: boolean } = {}): LoadedProber {
  const loaded = loadProber({ SQLTRIAGE_CONFIG: file }, dir, undefined, { log: (l) => logs.push(l), watch: opts.watch ?? false, debounceMs: 300 });
  open.push(loaded);
  return loaded;
}

async function until(what: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms; log: ${logs.join(' | ')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-probe-config-'));
  file = path.join(dir, 'sqltriage.config.json');
  logs = [];
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((l) => l.close()));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a grant added to the file counts at the next probe, without a restart, and the log says the file was re-read', () => {
  write(config(['sql01'], ['admin']));
  const { runner } = load();
  expect(runner.check!({ server: 'sql01', user: 'alice' })).toMatch(/not allowed/);
  write(config(['sql01'], ['admin', 'alice']));
  expect(runner.check!({ server: 'sql01', user: 'alice' })).toBeUndefined();
  expect(logs).toEqual([`probes: re-read ${file}: 1 configured server(s)`]);
});

test('servers added later are offered; a bot started without the file picks it up when it appears', () => {
  const { runner, status } = load();
  expect(status).toMatch(/no servers configured/);
  expect(runner.servers()).toEqual([]);
  write(config(['sql01', 'sql02'], ['alice']));
  expect(runner.servers()).toEqual(['sql01', 'sql02']);
  expect(runner.check!({ server: 'sql02', user: 'alice' })).toBeUndefined();
});

test('a file that cannot be used keeps the last good configuration and says why; the next good save is taken', () => {
  write(config(['sql01'], ['alice']));
  const { runner } = load();
  write('{"probes": {"servers": [ {"name": "sql01", ');
  expect(runner.servers()).toEqual(['sql01']);
  expect(runner.check!({ server: 'sql01', user: 'alice' })).toBeUndefined();
  expect(logs).toHaveLength(1);
  expect(logs[0]).toContain(`probes: ${file} changed but cannot be used (`);
  expect(logs[0]).toContain('not valid JSON');
  expect(logs[0]).toContain('keeping the last good configuration (1 server(s))');
  // The same bad file is reported once, not at every use.
  runner.servers();
  expect(logs).toHaveLength(1);
  write({ probes: { servers: [{ name: 'bad name!', host: 'x' }] } });
  expect(runner.servers()).toEqual(['sql01']);
  expect(logs[1]).toMatch(/probes\.servers\[0\]\.name must be/);
  write(config(['sql03'], ['alice']));
  expect(runner.servers()).toEqual(['sql03']);
  expect(runner.check!({ server: 'sql01', user: 'alice' })).toMatch(/sql01/);
});

test('the watch re-reads a saved file on its own, once for a burst of writes', async () => {
  write(config(['sql01'], ['alice']));
  load({ watch: true });
  for (let i = 2; i <= 6; i++) write(config(Array.from({ length: i }, (_, k) => `sql0${k + 1}`), ['alice']));
  await until(() => logs.length > 0);
  // Quiet for well over the debounce: nothing more comes.
  await new Promise((r) => setTimeout(r, 1000));
  expect(logs).toEqual([`probes: re-read ${file}: 6 configured server(s)`]);
});

test('a bad file at start-up still stops the start with the reason', () => {
  write('not json');
  expect(() => load()).toThrow(/not valid JSON/);
});
