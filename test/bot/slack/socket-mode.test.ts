/**
 * The Slack Socket Mode adapter end to end: the real bot and a real lowdb store, the real
 * @slack/socket-mode and @slack/web-api clients, and a Slack stand-in on loopback.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Case } from '../../../src/triage/types';
import { BOT_TOKEN, BOT_USER, TEAM } from '../../peers/slack/slack-peer';
import { ALICE, HELP_CHANNEL, buttons, channelMessage, click, mention, settle, shown, slackEscape, start, startBotOn, threadPosts, type Running } from './harness';
import { sharedDir } from '../../../src/kb/paths';

const PASTE = "Login failed for user 'app_user'. (Microsoft SQL Server, Error: 18456)";
const REPORT = path.join(sharedDir(), 'fixtures', 'sqlcheck', 'b_server_weak_cert_hash_force_encryption.txt');

let r: Running | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

async function onlyCase(run: Running): Promise<Case> {
  const cases = await run.store.cases.list();
  expect(cases).toHaveLength(1);
  return cases[0];
}

async function pasteInChannel(run: Running, text = PASTE) {
  const event = channelMessage(run.peer, mention('```' + slackEscape(text) + '```'));
  const sent = run.peer.sendEvent(event);
  await settle(run, run.peer.acks.length + 1);
  return { event, ...sent };
}

it('triages a paste in a channel in the thread of the paste, as Block Kit with buttons', async () => {
  r = await start();
  const { event, envelopeId } = await pasteInChannel(r);

  expect(r.peer.acks.map((a) => a.envelope_id)).toEqual([envelopeId]);
  const replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  // One reply: the short diagnosis and the question together.
  expect(replies.length).toBe(1);
  expect(r.peer.posts()).toHaveLength(replies.length);
  expect(replies.every((p) => p.token === BOT_TOKEN)).toBe(true);
  const diagnosis = replies[0];
  expect((diagnosis.args.blocks as { type: string }[])[0].type).toBe('header');
  expect(shown(diagnosis)).toContain('Wrong password for a SQL login');
  expect(String(diagnosis.args.text)).toContain('Login failed');
  // The 18456 names a SQL login, so the authentication question is answered by the paste, not asked.
  const asked = buttons(replies[replies.length - 1]).map((b) => b.label);
  expect(asked).toContain('Not sure / skip');
  expect(asked).not.toContain('SQL login (user name and password)');

  // The case holds the words the user pasted, without Slack's mention, fences or escapes.
  const c = await onlyCase(r);
  const paste = c.evidence.find((e) => e.kind === 'paste');
  expect(paste && 'text' in paste ? paste.text : '').toContain("Login failed for user 'app_user'");
  expect(JSON.stringify(c.evidence)).not.toMatch(/```|&lt;|<@U0BOT/);
});

it('takes a button click as the answer and re-ranks in the same thread', async () => {
  r = await start();
  const { event } = await pasteInChannel(r);
  const before = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  const question = before[before.length - 1];
  const first = buttons(question)[0];

  const envelope = r.peer.sendInteractive(click(question, first));
  await settle(r, 2);

  expect(r.peer.acks[1].envelope_id).toBe(envelope);
  const after = threadPosts(r.peer, HELP_CHANNEL, event.ts).slice(before.length);
  expect(after.length).toBeGreaterThanOrEqual(1);
  expect(shown(after[0])).toContain('You answered: Password did not match (state 8).');
  expect(shown(after[0])).toContain('Now leading');
  const c = await onlyCase(r);
  expect(c.evidence.filter((e) => e.kind === 'answer' && !e.implied)).toEqual([expect.objectContaining({ question: 'login-reason', option: 'password-mismatch' })]);
});

it('reads a SQLCHECK report shared as a file, fetching it with the bot token', async () => {
  r = await start();
  const report = readFileSync(REPORT);
  const file = r.peer.addFile({ id: 'F0REPORT01', name: 'SQLCHECK_SQLPROD02.txt', mimetype: 'text/plain', content: report });
  const event = channelMessage(r.peer, mention('here is the SQLCHECK report'), { subtype: 'file_share', files: [file], upload: false, display_as_bot: false });
  r.peer.sendEvent(event);
  await settle(r, 1);

  expect(r.peer.downloads).toEqual([{ path: '/files-pri/T0PEER001-F0REPORT01/download/SQLCHECK_SQLPROD02.txt', authorization: `Bearer ${BOT_TOKEN}` }]);
  const replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  expect(replies.length).toBeGreaterThanOrEqual(1);
  expect(shown(replies[0])).toMatch(/SQLCHECK/i);
  const c = await onlyCase(r);
  const sqlcheck = c.evidence.find((e) => e.kind === 'sqlcheck');
  expect(sqlcheck && 'computer' in sqlcheck ? sqlcheck.computer : undefined).toMatch(/SQLPROD02/i);
});

it('asks files.info for a file the event only names, and refuses a file over the size cap with a notice', async () => {
  r = await start({ files: { maxBytes: 4096 } });
  r.peer.addFile({ id: 'F0SMALL001', name: 'error.txt', mimetype: 'text/plain', content: Buffer.from(PASTE) });
  r.peer.addFile({ id: 'F0BIG00001', name: 'SQLCHECK.txt', mimetype: 'text/plain', content: readFileSync(REPORT) });
  const small = channelMessage(r.peer, mention(''), { subtype: 'file_share', files: [{ id: 'F0SMALL001', file_access: 'check_file_info' }] });
  const big = channelMessage(r.peer, mention(''), { subtype: 'file_share', files: [{ id: 'F0BIG00001', file_access: 'check_file_info' }] });
  r.peer.sendEvent(small);
  r.peer.sendEvent(big);
  await settle(r, 2);

  expect(r.peer.calls.filter((c) => c.method === 'files.info').map((c) => c.args.file)).toEqual(['F0SMALL001', 'F0BIG00001']);
  expect(shown(threadPosts(r.peer, HELP_CHANNEL, small.ts)[0])).toContain('Wrong password for a SQL login');
  const bigReplies = threadPosts(r.peer, HELP_CHANNEL, big.ts);
  expect(bigReplies).toHaveLength(1);
  expect(shown(bigReplies[0])).toBe('I could not read SQLCHECK.txt: it is larger than 4 KB, more than I read; share the SQLCHECK report or the error lines on their own');
  // The size was known from files.info: nothing was downloaded for it.
  expect(r.peer.downloads.map((d) => d.path)).toEqual(['/files-pri/T0PEER001-F0SMALL001/download/error.txt']);
});

it('does not send the bot token to a file address outside Slack', async () => {
  r = await start();
  const file = r.peer.addFile({ id: 'F0ELSEWH01', name: 'error.txt', mimetype: 'text/plain', content: Buffer.from(PASTE) });
  const moved = { ...file, url_private_download: `http://localhost:${r.peer.port}/files-pri/T0PEER001-F0ELSEWH01/download/error.txt` };
  const event = channelMessage(r.peer, mention(''), { subtype: 'file_share', files: [moved] });
  r.peer.sendEvent(event);
  await settle(r, 1);

  expect(r.peer.downloads).toEqual([]);
  expect(shown(threadPosts(r.peer, HELP_CHANNEL, event.ts)[0])).toContain(`its address is not on Slack (localhost:${r.peer.port}), so I did not send my token there`);
});

it('runs one triage when the same post arrives twice, and as both message and app_mention', async () => {
  r = await start();
  const event = channelMessage(r.peer, mention(slackEscape(PASTE)));
  const first = r.peer.sendEvent(event);
  r.peer.sendEvent(event, { eventId: first.eventId, retryAttempt: 1, retryReason: 'timeout' });
  r.peer.sendEvent({ type: 'app_mention', user: ALICE, text: event.text, ts: event.ts, channel: HELP_CHANNEL, team: TEAM });
  await settle(r, 3);

  expect(new Set(r.peer.acks.map((a) => a.envelope_id)).size).toBe(3);
  const diagnoses = r.peer.posts().filter((p) => shown(p).includes('Most likely causes'));
  expect(diagnoses).toHaveLength(1);
  const c = await onlyCase(r);
  expect(c.evidence.filter((e) => e.kind === 'paste')).toHaveLength(1);
  expect(r.logs.filter((l) => l.includes('skipped a repeated delivery'))).toHaveLength(2);
});

it('continues the conversation after the socket drops, after a disconnect request, and after a restart', async () => {
  r = await start();
  const { event } = await pasteInChannel(r);
  let replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  const firstQuestion = replies[replies.length - 1];

  r.peer.dropConnection();
  await r.peer.until(() => r!.peer.connections === 2, 'the client to reconnect');
  // An answer that decides nothing keeps a question open for the restart below.
  r.peer.sendInteractive(click(firstQuestion, buttons(firstQuestion).find((b) => b.label === 'Another reason')!));
  await settle(r, 2);
  replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  const answered = replies.filter((p) => shown(p).startsWith('You answered:'));
  expect(answered).toHaveLength(1);

  // Slack recycles its servers with a `disconnect` message; a thread reply afterwards still belongs to the case.
  r.peer.sendDisconnect();
  await r.peer.until(() => r!.peer.connections === 3, 'the client to reconnect after disconnect');
  r.peer.sendEvent(channelMessage(r.peer, 'the password was rotated last night', { thread_ts: event.ts }));
  await settle(r, 3);
  expect((await onlyCase(r)).evidence.some((e) => JSON.stringify(e).includes('the password was rotated last night'))).toBe(true);

  // A new process over the same store: a click on the last question continues the same case.
  await r.stopBot();
  r = await startBotOn(r.peer, r.dir);
  replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  const lastQuestion = [...replies].reverse().find((p) => buttons(p).some((b) => b.label === 'Not sure / skip'))!;
  const count = replies.length;
  r.peer.sendInteractive(click(lastQuestion, buttons(lastQuestion)[0]));
  await settle(r, 4);
  const more = threadPosts(r.peer, HELP_CHANNEL, event.ts).slice(count);
  expect(shown(more[0])).toMatch(/^You answered: /);
  const c = await onlyCase(r);
  expect(c.evidence.filter((e) => e.kind === 'answer' && !e.implied)).toHaveLength(2);
  expect(c.evidence.filter((e) => JSON.stringify(e).includes('app_user'))).toHaveLength(1);
  expect(r.peer.calls.filter((call) => call.method === 'apps.connections.open').length).toBe(4);
});

it('waits out a 429 for as long as Retry-After says, then posts every reply in order', async () => {
  r = await start();
  r.peer.rateLimit('chat.postMessage', 1, 1);
  const event = channelMessage(r.peer, mention(slackEscape(PASTE)));
  r.peer.sendEvent(event);
  // The envelope is acknowledged at once, long before the rate-limited reply gets through.
  await r.peer.until(() => r!.peer.acks.length === 1, 'the ack');
  expect(r.peer.posts()).toHaveLength(0);
  await settle(r, 1);

  const attempts = r.peer.calls.filter((c) => c.method === 'chat.postMessage');
  expect(attempts[0].rateLimited).toBe(true);
  expect(attempts[1].rateLimited).toBeUndefined();
  expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(1000);
  expect(attempts[1].args).toEqual(attempts[0].args);
  const replies = threadPosts(r.peer, HELP_CHANNEL, event.ts);
  expect(shown(replies[0])).toContain('Most likely causes');
  expect(buttons(replies[replies.length - 1]).length).toBeGreaterThan(0);
  expect(r.logs).toContain('slack: rate limited on chat.postMessage, waiting 1 s as asked');
});

it('answers a direct message at the top level, and leaves alone channel talk and its own posts', async () => {
  r = await start();
  r.peer.sendEvent({ type: 'message', channel: 'D0ALICE001', channel_type: 'im', user: ALICE, text: slackEscape(PASTE), ts: r.peer.nextTs(), team: TEAM });
  r.peer.sendEvent(channelMessage(r.peer, 'does anyone know why the build is red?'));
  r.peer.sendEvent(channelMessage(r.peer, 'Most likely causes', { user: BOT_USER, bot_id: 'B0BOT0001' }));
  r.peer.sendEvent(channelMessage(r.peer, PASTE, { subtype: 'message_changed' }));
  await settle(r, 4);

  const posts = r.peer.posts();
  expect(posts.length).toBeGreaterThanOrEqual(1);
  expect(posts.every((p) => p.args.channel === 'D0ALICE001' && p.args.thread_ts === undefined)).toBe(true);
  expect(shown(posts[0])).toContain('Wrong password for a SQL login');
});

it('answers every message in a dedicated channel when told to', async () => {
  r = await start({ channelMessages: 'all' });
  const event = channelMessage(r.peer, slackEscape(PASTE));
  r.peer.sendEvent(event);
  await settle(r, 1);
  expect(shown(threadPosts(r.peer, HELP_CHANNEL, event.ts)[0])).toContain('Wrong password for a SQL login');
});

it('gives the prober the Slack user and the channel, with Slack links turned back into the server name', async () => {
  const asked: { server: string; user: string; channel?: string }[] = [];
  r = await start({
    prober: {
      servers: () => ['sqlprod02.northwind.test'],
      // The grant is asked first: nothing is announced to someone who may not probe.
      check: (req) => {
        asked.push({ server: req.server, user: req.user, channel: req.channel });
        return 'You are not allowed to run probes here.';
      },
      run: async (req) => {
        asked.push({ server: req.server, user: req.user, channel: req.channel });
        return { refused: 'You are not allowed to run probes here.' };
      },
    },
  });
  // Slack turns a host name into a link token and the user's mention into <@U…>.
  const event = channelMessage(r.peer, mention('probe <http://sqlprod02.northwind.test|sqlprod02.northwind.test>'));
  r.peer.sendEvent(event);
  await settle(r, 1);

  expect(asked).toHaveLength(1);
  expect(asked[0].server).toBe('sqlprod02.northwind.test');
  expect(asked[0].user).toBe(ALICE);
  expect(asked[0].channel?.split(';')[0]).toBe(HELP_CHANNEL);
  const posts = threadPosts(r.peer, HELP_CHANNEL, event.ts).map(shown);
  expect(posts).toHaveLength(1);
  expect(posts[0]).toContain('I will not probe sqlprod02.northwind.test: You are not allowed to run probes here.');
  expect(posts[0]).toContain(ALICE);
  expect(posts[0]).toContain(HELP_CHANNEL);
});
