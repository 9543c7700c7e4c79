/** `npm start`'s Slack switch: both tokens start Socket Mode beside the HTTP server; one alone is a clear error. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler } from 'botbuilder';
import { startBot } from '../../../src/bot/main';
import { startSlackFromEnv } from '../../../src/bot/slack/from-env';
import { APP_TOKEN, BOT_TOKEN, SlackPeer, TEAM } from '../../peers/slack/slack-peer';
import { ALICE, shown } from './harness';

const bot = new ActivityHandler();
const noLog = () => undefined;

describe('startSlackFromEnv', () => {
  it('stays off without the tokens', async () => {
    await expect(startSlackFromEnv({ SLACK_APP_TOKEN: ' ', SLACK_BOT_TOKEN: '' }, bot, noLog)).resolves.toBeUndefined();
  });

  it.each([
    [{ SLACK_APP_TOKEN: APP_TOKEN }, 'Slack needs both SLACK_APP_TOKEN and SLACK_BOT_TOKEN; only SLACK_APP_TOKEN is set'],
    [{ SLACK_BOT_TOKEN: BOT_TOKEN }, 'Slack needs both SLACK_APP_TOKEN and SLACK_BOT_TOKEN; only SLACK_BOT_TOKEN is set'],
    [{ SLACK_APP_TOKEN: BOT_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN }, 'SLACK_APP_TOKEN must be a Slack token starting with xapp- (see docs/slack.md)'],
    [{ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: APP_TOKEN }, 'SLACK_BOT_TOKEN must be a Slack token starting with xoxb- (see docs/slack.md)'],
    [{ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_CHANNEL_MESSAGES: 'some' }, "SLACK_CHANNEL_MESSAGES must be 'mentions' or 'all', not 'some'"],
  ])('refuses %j', async (env, message) => {
    await expect(startSlackFromEnv(env, bot, noLog)).rejects.toThrow(message);
  });

  it('names the token Slack refused', async () => {
    const peer = await new SlackPeer().start();
    try {
      await expect(startSlackFromEnv({ SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: 'xoxb-wrong', SLACK_API_URL: peer.apiUrl }, bot, noLog)).rejects.toThrow(
        /^Slack refused SLACK_BOT_TOKEN \(auth.test\): .*invalid_auth/,
      );
      await expect(startSlackFromEnv({ SLACK_APP_TOKEN: 'xapp-wrong', SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: peer.apiUrl }, bot, noLog)).rejects.toThrow(
        /^Slack refused SLACK_APP_TOKEN \(apps.connections.open\): .*invalid_auth/,
      );
    } finally {
      await peer.close();
    }
  });
});

it('npm start with both tokens answers Slack over Socket Mode beside the HTTP server, and stops cleanly', async () => {
  const peer = await new SlackPeer().start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-slack-start-'));
  const lines: string[] = [];
  const env = { PORT: '0', HOST: '127.0.0.1', SQLTRIAGE_DATA_DIR: dir, SQLTRIAGE_CONFIG: path.join(dir, 'none.json'), SLACK_APP_TOKEN: APP_TOKEN, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: peer.apiUrl };
  const started = await startBot(env, dir, (l) => lines.push(l));
  try {
    expect(lines).toContain('slack: Socket Mode connected as @sqltriage in Peer Team');
    peer.sendEvent({ type: 'message', channel: 'D0ALICE001', channel_type: 'im', user: ALICE, text: 'help', ts: peer.nextTs(), team: TEAM });
    await peer.until(() => peer.posts().length > 0, 'the help reply');
    expect(shown(peer.posts()[0]).length).toBeGreaterThan(20);
  } finally {
    await started.stop();
    await peer.close();
    await rm(dir, { recursive: true, force: true });
  }
  // The socket was closed on purpose: no reconnect after stop.
  expect(peer.calls.filter((c) => c.method === 'apps.connections.open')).toHaveLength(1);
});
