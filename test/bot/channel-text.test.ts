import type { Activity } from 'botbuilder';
import { commandWords, inboundText, stripBotMention, submissionOf, threadConversationId } from '../../src/bot/channel-text';

const bot = { id: '28:bot-app-id', name: 'sqltriage' };

describe('stripBotMention', () => {
  test('removes the Teams mention of this bot named by the mention entity', () => {
    const a: Partial<Activity> = {
      text: '<at>sqltriage</at> Login failed for user \'app\'.',
      recipient: bot,
      entities: [{ type: 'mention', mentioned: { id: bot.id, name: 'sqltriage' }, text: '<at>sqltriage</at>' }],
    };
    expect(stripBotMention(a).trim()).toBe("Login failed for user 'app'.");
  });

  test('keeps the names of other people mentioned in the paste', () => {
    const a: Partial<Activity> = {
      text: '<at>sqltriage</at> <at>Robin Lee</at> sees error 18456',
      recipient: bot,
      entities: [
        { type: 'mention', mentioned: { id: bot.id }, text: '<at>sqltriage</at>' },
        { type: 'mention', mentioned: { id: '29:robin' }, text: '<at>Robin Lee</at>' },
      ],
    };
    expect(stripBotMention(a).trim()).toBe('Robin Lee sees error 18456');
  });

  test('removes a mention by the bot name when the entity is missing (group chats after a rename)', () => {
    expect(stripBotMention({ text: '<at>sqltriage</at> help', recipient: bot }).trim()).toBe('help');
  });

  test('removes the Slack mention of the bot and keeps other Slack mentions', () => {
    const a: Partial<Activity> = { text: '<@B0BOT> help <@U0SOMEONE>', recipient: { id: 'B0BOT:T0TEAM', name: 'sqltriage' } };
    expect(stripBotMention(a).trim()).toBe('help <@U0SOMEONE>');
  });

  test('is linear on hostile input (unclosed tags, 200 KB)', () => {
    const text = '<at '.repeat(50_000) + '<at>'.repeat(10_000);
    const started = process.hrtime.bigint();
    stripBotMention({ text, recipient: bot });
    commandWords(text);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});

describe('submissionOf', () => {
  test('reads a Teams or web Action.Submit value', () => {
    expect(submissionOf({ value: { answer: { question: 'q1', option: 'yes' } } })).toEqual({ answer: { question: 'q1', option: 'yes' } });
  });

  test('reads a Slack button through Azure Bot Service, as object or string payload', () => {
    const value = JSON.stringify({ command: 'probe', arg: 'sql01' });
    expect(submissionOf({ channelData: { Payload: { actions: [{ value }] } } })).toEqual({ command: 'probe', arg: 'sql01' });
    expect(submissionOf({ channelData: { payload: JSON.stringify({ actions: [{ value }] }) } })).toEqual({ command: 'probe', arg: 'sql01' });
  });

  test('ignores values that are not ours', () => {
    expect(submissionOf({ value: { answer: { question: 3 } } })).toBeUndefined();
    expect(submissionOf({ value: 'yes' })).toBeUndefined();
    expect(submissionOf({ channelData: { Payload: { actions: [{ value: '{not json' }] } } })).toBeUndefined();
    expect(submissionOf({ channelData: { tenant: { id: 'x' } } })).toBeUndefined();
  });
});

describe('commandWords', () => {
  test('turns Teams HTML around a command into the words', () => {
    expect(commandWords('<p>start&nbsp;over</p>')).toBe('start over');
    expect(commandWords('<div>probe   sql01.corp</div>\n')).toBe('probe sql01.corp');
  });
});

describe('threadConversationId', () => {
  const channelPost: Partial<Activity> = { channelId: 'msteams', id: '1700000000001', conversation: { id: '19:abc@thread.tacv2', conversationType: 'channel', isGroup: true, name: '' } };

  test('a new post in a Teams channel is answered in its own thread', () => {
    expect(threadConversationId(channelPost)).toBe('19:abc@thread.tacv2;messageid=1700000000001');
  });

  test('a reply inside a thread already names the thread', () => {
    expect(threadConversationId({ ...channelPost, conversation: { ...channelPost.conversation!, id: '19:abc@thread.tacv2;messageid=17' } })).toBeUndefined();
  });

  test('personal chats and other channels are left alone', () => {
    expect(threadConversationId({ ...channelPost, conversation: { ...channelPost.conversation!, conversationType: 'personal' } })).toBeUndefined();
    expect(threadConversationId({ ...channelPost, channelId: 'slack' })).toBeUndefined();
  });
});

describe('inboundText', () => {
  test('turns a Teams HTML paste into the lines the user saw, without the mention', () => {
    const a: Partial<Activity> = {
      channelId: 'msteams',
      recipient: bot,
      text: '<at>sqltriage</at><div>Login failed for user &#39;app&#39;.<br>Reason: Password did not match.&nbsp;(Microsoft SQL Server, Error: 18456)</div>',
      entities: [{ type: 'mention', mentioned: { id: bot.id }, text: '<at>sqltriage</at>' }],
    };
    expect(inboundText(a)).toBe("Login failed for user 'app'.\nReason: Password did not match. (Microsoft SQL Server, Error: 18456)");
  });

  test('leaves other channels\' text as typed', () => {
    expect(inboundText({ channelId: 'emulator', text: '  <b>not html to us</b> ' })).toBe('<b>not html to us</b>');
  });
});
