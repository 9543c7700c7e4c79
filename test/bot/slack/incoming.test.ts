import { conversationIdOf, placeOf } from '../../../src/bot/slack/conversation-id';
import { fromBlockActions, fromMessageEvent, type Listening } from '../../../src/bot/slack/incoming';
import { TtlSet } from '../../../src/bot/slack/ttl-set';

const identity = { botUserId: 'U0BOT0001', teamId: 'T0PEER001', botName: 'sqltriage' };
const mentionsOnly: Listening = { channelMessages: 'mentions', inThread: () => false };
const base = { type: 'message', channel: 'C0HELP0001', channel_type: 'channel', user: 'U0ALICE01', ts: '1700000000.000100', team: 'T0PEER001' };

describe('message events', () => {
  it('makes a channel post a turn in its own thread, from the Slack user, to the bot', () => {
    const got = fromMessageEvent({ ...base, text: '<@U0BOT0001> Login failed for user &lt;sa&gt;' }, identity, mentionsOnly);
    expect(got.kind).toBe('turn');
    if (got.kind !== 'turn') return;
    expect(got.place).toEqual({ channel: 'C0HELP0001', threadTs: '1700000000.000100' });
    expect(got.activity).toMatchObject({
      type: 'message',
      channelId: 'slack',
      id: '1700000000.000100',
      text: 'Login failed for user <sa>',
      from: { id: 'U0ALICE01' },
      recipient: { id: 'U0BOT0001', role: 'bot' },
      conversation: { id: 'C0HELP0001;messageid=1700000000.000100', isGroup: true, conversationType: 'channel', tenantId: 'T0PEER001' },
      channelData: { channel: 'C0HELP0001', team: 'T0PEER001', threadTs: '1700000000.000100' },
    });
    expect(got.keys).toEqual(['message:C0HELP0001:1700000000.000100']);
  });

  it('keeps a thread reply in the thread, and takes it only where the bot is part of the thread', () => {
    const reply = { ...base, ts: '1700000000.000200', thread_ts: '1700000000.000100', text: 'yes, SQL login' };
    expect(fromMessageEvent(reply, identity, mentionsOnly)).toEqual({ kind: 'ignore', reason: 'not addressed to the bot' });
    const inThread: Listening = { channelMessages: 'mentions', inThread: (id) => id === 'C0HELP0001;messageid=1700000000.000100' };
    const got = fromMessageEvent(reply, identity, inThread);
    expect(got.kind === 'turn' && got.activity.conversation?.id).toBe('C0HELP0001;messageid=1700000000.000100');
    expect(got.kind === 'turn' && got.activity.replyToId).toBe('1700000000.000100');
  });

  it('keeps a direct message outside any thread', () => {
    const got = fromMessageEvent({ ...base, channel: 'D0ALICE001', channel_type: 'im', text: 'help' }, identity, mentionsOnly);
    expect(got.kind === 'turn' && got.activity.conversation).toMatchObject({ id: 'D0ALICE001', isGroup: false, conversationType: 'personal' });
  });

  it.each([
    ['its own post', { user: 'U0BOT0001' }],
    ['another bot', { bot_id: 'B0OTHER01' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a join', { subtype: 'channel_join' }],
    ['a hidden message', { hidden: true }],
    ['a bad channel id', { channel: '../x' }],
    ['a bad ts', { ts: 'now' }],
  ])('ignores %s', (_what, extra) => {
    expect(fromMessageEvent({ ...base, text: '<@U0BOT0001> hi', ...extra }, identity, mentionsOnly).kind).toBe('ignore');
  });

  it('ignores what is not an event at all', () => {
    for (const raw of [undefined, null, 'message', [], { type: 'reaction_added' }]) expect(fromMessageEvent(raw, identity, mentionsOnly).kind).toBe('ignore');
  });
});

describe('button clicks', () => {
  const click = (value: string, extra: Record<string, unknown> = {}) => ({
    type: 'block_actions',
    user: { id: 'U0ALICE01', username: 'alice' },
    team: { id: 'T0PEER001' },
    channel: { id: 'C0HELP0001' },
    container: { type: 'message', message_ts: '1700000000.000300', channel_id: 'C0HELP0001', thread_ts: '1700000000.000100' },
    message: { ts: '1700000000.000300', thread_ts: '1700000000.000100' },
    actions: [{ action_id: 'answer-auth-sql-login', value, type: 'button', action_ts: '1700000100.000001' }],
    ...extra,
  });

  it('becomes the answer value the Teams cards send, in the thread of the question', () => {
    const got = fromBlockActions(click('{"answer":{"question":"auth","option":"sql-login"}}'), identity);
    expect(got.kind === 'turn' && got.activity).toMatchObject({
      value: { answer: { question: 'auth', option: 'sql-login' } },
      text: '',
      from: { id: 'U0ALICE01' },
      conversation: { id: 'C0HELP0001;messageid=1700000000.000100' },
      replyToId: '1700000000.000300',
    });
  });

  it('refuses buttons that are not ours', () => {
    for (const value of ['not json', '{"answer":{"question":1}}', '{"command":"rm -rf"}', 'x'.repeat(5000)]) {
      expect(fromBlockActions(click(value), identity)).toEqual({ kind: 'ignore', reason: 'not one of the bot’s buttons' });
    }
    expect(fromBlockActions(click('{"command":"help"}', { user: {} }), identity).kind).toBe('ignore');
  });
});

describe('conversation ids', () => {
  it('round-trips and refuses ids the adapter did not make', () => {
    expect(placeOf(conversationIdOf({ channel: 'C1', threadTs: '1.2' }))).toEqual({ channel: 'C1', threadTs: '1.2' });
    expect(placeOf('D0ALICE001')).toEqual({ channel: 'D0ALICE001' });
    for (const bad of [undefined, '', '19:abc@thread.tacv2', 'C1;messageid=abc', 'c1', 'C'.repeat(101)]) expect(placeOf(bad)).toBeUndefined();
  });
});

describe('TtlSet', () => {
  it('forgets after the time to live and keeps at most its size, oldest out first', () => {
    let now = 0;
    const set = new TtlSet(3, 1000, () => now);
    expect(set.seenBefore(['a'])).toBe(false);
    expect(set.seenBefore(['a'])).toBe(true);
    expect(set.seenBefore(['b', 'a'])).toBe(true);
    set.add('c');
    set.add('d');
    expect(set.size).toBe(3);
    expect(set.has('d') && set.has('c')).toBe(true);
    now = 1000;
    expect(set.has('d')).toBe(false);
    set.add('e');
    expect(set.size).toBe(1);
  });
});
