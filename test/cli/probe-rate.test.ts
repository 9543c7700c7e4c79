/**
 * The per-minute probe limit is kept with the store, so it holds across separate `sqltriage probe`
 * runs and across bot restarts (each run or restart starts with a fresh process-local limiter).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProber } from '../../src/bot/probe-runner';
import { probeStartsFromEnv } from '../../src/store';
import { runCliWith } from '../helpers/cli';
import { startTdsPeer, type TdsPeer } from '../peers/tds-server';

let peer: TdsPeer;
let dir: string;
const me = os.userInfo().username;

beforeAll(async () => {
  peer = await startTdsPeer({});
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-probe-rate-'));
  const config = {
    probes: {
      servers: [{ name: 'lab', host: '127.0.0.1', port: peer.port }],
      allow: { users: [me, 'U-ALICE'] },
      limits: { perUserPerMinute: 6 },
    },
  };
  fs.writeFileSync(path.join(dir, 'sqltriage.config.json'), JSON.stringify(config));
});
afterAll(async () => {
  await peer.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('8 CLI runs in a row with 6 a minute allowed: the 7th and 8th are refused', async () => {
  const env = { SQLTRIAGE_DATA_DIR: path.join(dir, 'cli-data') };
  const codes: number[] = [];
  let lastErr = '';
  for (let i = 0; i < 8; i++) {
    const r = await runCliWith(['probe', 'lab', '--steps', 'tcp'], { env, cwd: dir });
    codes.push(r.code);
    lastErr = r.stderr;
  }
  expect(codes).toEqual([0, 0, 0, 0, 0, 0, 2, 2]);
  expect(lastErr).toMatch(/Probe limit reached \(6 a minute\); try again in \d+ s/);
  const file = path.join(dir, 'cli-data', 'probe-starts.jsonl');
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
});

test('the bot keeps the limit across a restart', async () => {
  const env = { SQLTRIAGE_CONFIG: path.join(dir, 'sqltriage.config.json'), SQLTRIAGE_DATA_DIR: path.join(dir, 'bot-data') };
  const outcomes: string[] = [];
  for (const restart of [0, 1]) {
    const loaded = loadProber(env, dir, probeStartsFromEnv(env, dir));
    for (let i = 0; i < 4; i++) {
      const r = await loaded.runner!.run({ server: 'lab', user: 'U-ALICE', via: 'slack' });
      outcomes.push(`${restart}:${'refused' in r ? 'refused' : 'ran'}`);
    }
    await loaded.close();
  }
  expect(outcomes).toEqual(['0:ran', '0:ran', '0:ran', '0:ran', '1:ran', '1:ran', '1:refused', '1:refused']);
});
