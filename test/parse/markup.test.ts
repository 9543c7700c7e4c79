/** The same error pasted through Teams, Slack, a JSON logger, a colour terminal or a log file gives the same facts. */
import { normalizeText, parsePaste } from '../../src/parse';
import { corpusItem, loadCorpus } from './corpus';

const items = loadCorpus();
// Real pastes with many kinds of facts: numbers, providers, hosts, users, several records.
const SAMPLES = ['e035', 'e056', 'e041', 'e165', 'e239', 'e074', 'e011', 'e054', 'e219', 'e197'];

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const WRAPPERS: Record<string, (clean: string) => string> = {
  'Teams HTML with a mention': (clean) =>
    '<div><at id="0">TriageBot</at>&nbsp;help please</div>' +
    clean
      .split('\n')
      .map((line) => `<p>${htmlEscape(line).replace(/ {2}/g, '&nbsp; ')}</p>`)
      .join('') +
    '<div><br></div>',
  'Slack fence with a mention': (clean) =>
    '<@U0123ABCD> can you look at this?\n```' + clean.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') + '```',
  'JSON log line with escaped newlines': (clean) => JSON.stringify({ level: 'error', msg: clean }),
  'ANSI colours': (clean) =>
    clean
      .split('\n')
      .map((line) => `\x1b[31;1m${line}\x1b[0m`)
      .join('\n'),
  'timestamp and level prefixes': (clean) =>
    clean
      .split('\n')
      .map((line, i) => `2024-06-21T15:11:${String(10 + i).padStart(2, '0')}.9964710Z [ERROR] ${line}`)
      .join('\n'),
  'CRLF line ends': (clean) => clean.replace(/\n/g, '\r\n'),
};

describe.each(Object.entries(WRAPPERS))('%s', (_name, wrap) => {
  it.each(SAMPLES)('%s gives the same facts as the clean text', (id) => {
    const clean = corpusItem(items, id).text;
    const expected = parsePaste(clean).facts;
    const wrapped = parsePaste(wrap(clean)).facts;
    const withoutMessages = (f: typeof expected) => ({ ...f, errors: f.errors.map(({ message: _m, ...rest }) => rest) });
    expect(withoutMessages(wrapped)).toEqual(withoutMessages(expected));
  });
});

describe('normalizeText', () => {
  it('turns Teams HTML into lines and decodes entities', () => {
    const html = '<div><at>Bot</at> Login failed for user &#39;sa&#39;.<br>Cannot open database &quot;Sales&quot;</div>';
    expect(normalizeText(html)).toBe(`Login failed for user 'sa'.\nCannot open database "Sales"`);
  });

  it('keeps angle-bracket placeholders that are not HTML tags', () => {
    const text = "Login failed for user '<token-identified principal>'. Failed to connect to <redacted> - socket hang up";
    expect(normalizeText(text)).toBe(text);
  });

  it('turns Slack links and channel references into their labels', () => {
    expect(normalizeText('see <https://db1.example.net|db1.example.net> in <#C024BE7LR|dba>')).toBe('see db1.example.net in #dba');
  });

  it('leaves Windows paths alone when the text is not JSON-escaped', () => {
    const text = 'at Socket.onError (D:\\home\\site\\wwwroot\\node_modules\\tedious\\lib\\connector.js:169:16)';
    expect(normalizeText(text)).toBe(text);
  });

  it('unescapes a JSON-escaped stack with backslashed paths', () => {
    const text = 'ConnectionError: Login failed.\\n    at X (node_modules\\\\tedious\\\\lib\\\\errors.js:13:12)';
    expect(normalizeText(text)).toBe('ConnectionError: Login failed.\n    at X (node_modules\\tedious\\lib\\errors.js:13:12)');
  });

  it('rejoins a console capture hard-wrapped at 80 columns', () => {
    const item = corpusItem(items, 'e036');
    expect(normalizeText(item.text)).toContain('an error occurred during the login process. (provider: SSL Provider, error: 0 - An existing connection was forcibly closed by the remote host.)');
  });
});
