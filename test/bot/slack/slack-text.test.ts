import fc from 'fast-check';
import { MAX_SLACK_TEXT, mentionsUser, slackToPlain } from '../../../src/bot/slack/slack-text';

const BOT = 'U0BOT0001';

describe('slackToPlain', () => {
  it.each([
    [`<@${BOT}> Login failed for user 'sa'.`, "Login failed for user 'sa'."],
    [`<@${BOT}|sqltriage> help`, 'help'],
    ['ask <@U0ALICE01> or <@U0BOB0001|bob>', 'ask @U0ALICE01 or @bob'],
    ['seen in <#C0HELP0001|sql-help> and <#C0OPS00001>', 'seen in #sql-help and #C0OPS00001'],
    ['probe <http://sqlprod02.northwind.test|sqlprod02.northwind.test>', 'probe sqlprod02.northwind.test'],
    ['see <https://learn.microsoft.com/x?a=1&amp;b=2>', 'see https://learn.microsoft.com/x?a=1&b=2'],
    ['mail <mailto:dba@northwind.test|dba@northwind.test> or <mailto:ops@northwind.test>', 'mail dba@northwind.test or ops@northwind.test'],
    ['<!here> it is down, <!subteam^S0DBA|@dbas>', '@here it is down, @dbas'],
    ['since <!date^1700000000^{date_short}|Nov 14>', 'since Nov 14'],
    ['Server=tcp:db,1433;User ID=a&amp;b &lt;none&gt;', 'Server=tcp:db,1433;User ID=a&b <none>'],
    ['```Error: 18456, Severity: 14, State: 8.```', 'Error: 18456, Severity: 14, State: 8.'],
    ['```\nline one\nline two\n```', 'line one\nline two'],
    ['&amp;lt; stays as typed', '&lt; stays as typed'],
  ])('%s', (input, expected) => {
    expect(slackToPlain(input, BOT)).toBe(expected);
  });

  it('leaves angle brackets that are not Slack tokens as they are', () => {
    expect(slackToPlain('a <b> c <not a link|x> <ftpx:y>', BOT)).toBe('a <b> c <not a link|x> <ftpx:y>');
  });

  it('keeps every mention when it does not know the bot', () => {
    expect(slackToPlain(`<@${BOT}> help`)).toBe(`@${BOT} help`);
  });

  it('bounds the input it reads', () => {
    expect(slackToPlain('x'.repeat(MAX_SLACK_TEXT + 10)).length).toBe(MAX_SLACK_TEXT);
  });

  it('gets through hostile strings (many opening brackets, long unterminated tokens)', () => {
    const hostile = ['<'.repeat(100_000), '<@'.repeat(50_000), `<http://${'a'.repeat(1999)}|${'b'.repeat(1999)}`.repeat(50), `<${'|'.repeat(100_000)}`, '&amp'.repeat(50_000)];
    for (const text of hostile) expect(slackToPlain(text, BOT).length).toBeLessThanOrEqual(text.length);
  });

  it('never leaves the bot’s mention token, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('<', '>', '@', '|', '#', '!', 'U', '0', 'h', 't', 'p', ':', '/', ' ', '&', ';', '`', 'x') }), (s) => {
        const out = slackToPlain(`${s}<@${BOT}>${s}`, BOT);
        expect(out).not.toContain(`<@${BOT}>`);
      }),
    );
  });
});

describe('mentionsUser', () => {
  it('finds the bare and the labelled mention, and nothing else', () => {
    expect(mentionsUser(`hi <@${BOT}>`, BOT)).toBe(true);
    expect(mentionsUser(`hi <@${BOT}|sqltriage>`, BOT)).toBe(true);
    expect(mentionsUser(`hi <@${BOT}1>`, BOT)).toBe(false);
    expect(mentionsUser(`hi @${BOT}`, BOT)).toBe(false);
    expect(mentionsUser(undefined, BOT)).toBe(false);
  });
});
