/**
 * Frames from the Socket Mode connection are outside input: a malformed one is logged and dropped,
 * and the bot process (Slack, the Bot Framework endpoint and the chat page) keeps serving. The
 * compiled bot runs in its own process, connected to the Slack stand-in on loopback, so a crash
 * would show as a dead process, not as a test framework error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_TOKEN, BOT_TOKEN, SlackPeer, TEAM } from '../../peers/slack/slack-peer';
import { say } from '../server-harness';
import { exited, spawnBot, type SpawnedBot } from '../spawn-bot';
import { ALICE, shown } from './harness';

let peer: SlackPeer;
let bot: SpawnedBot;
let url: string;
let dir: string;

beforeAll(async () => {
  peer = await new SlackPeer().start();
  dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-frames-'));
  bot = spawnBot({ PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: path.join(dir, 'data'), SQLTRIAGE_CONFIG: path.join(dir, 'none.json'), SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: peer.apiUrl }, dir);
  url = await bot.ready;
  for (let i = 0; i < 150 && !/Socket Mode connected/.test(bot.stderr()); i++) await new Promise((r) => setTimeout(r, 100));
  expect(bot.stderr()).toMatch(/Socket Mode connected/);
}, 30_000);

afterAll(async () => {
  if (bot.child.exitCode === null) {
    const done = exited(bot.child);
    bot.child.kill('SIGTERM');
    await done;
  }
  await peer.close();
  rmSync(dir, { recursive: true, force: true });
});

const envelope = (fields: Record<string, unknown>) => JSON.stringify({ envelope_id: `env-${Math.random().toString(36).slice(2)}`, ...fields });

const SHAPES: [string, string][] = [
  ['a null frame', 'null'],
  ['a number', '5'],
  ['an array', '[]'],
  ['a frame that is not JSON', '{"type": "events_api", '],
  ['events_api with payload null', envelope({ type: 'events_api', payload: null })],
  ['events_api with payload "x"', envelope({ type: 'events_api', payload: 'x' })],
  ['events_api without event', envelope({ type: 'events_api', payload: { type: 'event_callback', team_id: TEAM } })],
  ['events_api with event null', envelope({ type: 'events_api', payload: { event: null } })],
  ['events_api with an event without type', envelope({ type: 'events_api', payload: { event: { text: 'hi' } } })],
  ['interactive with payload null', envelope({ type: 'interactive', payload: null })],
  ['interactive with payload "x"', envelope({ type: 'interactive', payload: 'x' })],
  ['slash_commands with a number payload', envelope({ type: 'slash_commands', payload: 7 })],
  ['a frame without type', envelope({ payload: { event: { type: 'message' } } })],
];

it.each(SHAPES)('%s is logged and dropped; Slack, the Bot Framework endpoint and the page keep serving', async (_name, frame) => {
  const logged = bot.stderr().length;
  peer.sendRaw(frame);
  // Then a real message: it is answered over the same socket.
  const posts = peer.posts().length;
  peer.sendEvent({ type: 'message', channel: 'D0ALICE001', channel_type: 'im', user: ALICE, text: 'help', ts: peer.nextTs(), team: TEAM });
  await peer.until(() => peer.posts().length > posts, 'the help reply after the malformed frame');
  expect(shown(peer.posts()[peer.posts().length - 1]).length).toBeGreaterThan(20);
  expect(bot.child.exitCode).toBeNull();
  expect(bot.stderr().slice(logged)).toMatch(/slack: dropped a (malformed )?Socket Mode frame/);

  const web = await say(url, `frames-${posts}`, 'help');
  expect(web.status).toBe(200);
  expect(web.replies.length).toBeGreaterThan(0);
  expect((await fetch(`${url}/`)).status).toBe(200);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});
