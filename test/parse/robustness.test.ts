/**
 * Bad input: parsePaste never throws and finishes on hostile shapes. Speed is measured in
 * bench/parse.ts; the cap here only catches a regular expression gone catastrophic.
 */
import fc from 'fast-check';
import { MAX_PASTE_BYTES, parsePaste } from '../../src/parse';

const SANITY_CAP_MS = 3000;

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

// Fragments of real error text, so random pastes reach deep into the extractors.
const FRAGMENTS = [
  '(provider: ', 'TCP Provider, error: ', ' - ', ')', 'Msg 18456, Level 14, State 1', 'Error Number:', ',State:', ',Class:',
  '[Microsoft][ODBC Driver 17 for SQL Server]', '(SQLDriverConnect)', '(10054)', '0x2746', '-2146893019', 'Password=', 'PWD={',
  '}}', '"', "'", ';', '<div>', '</div>', '<at>', '&lt;', '&#', '\\r\\n', '\\n', '\\"', '\x1b[31m', '```', '<@U1>', '\n', '\r',
  '\0', 'Failed to connect to ', ':1433', ' in 15000ms', "Login failed for user '", 'Server=tcp:', 'Data Source=', '\\',
  'mssql://u:', '@h', 'code: ', "'ESOCKET'", 'SQLSTATE[', '08001]', ' at ', 'Exception', '---> ', '{"msg":"', '"}', '信号灯', 'ğ',
];

describe('parsePaste on arbitrary input', () => {
  it('never throws on any string, unicode and NUL bytes included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (s) => {
        const result = parsePaste(s);
        expect(typeof result.text).toBe('string');
        expect(Array.isArray(result.facts.errors)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random mixes of error-text fragments, and never leaks what follows Password=', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 12 })), { maxLength: 80 }), (parts) => {
        const paste = parts.join('') + ';Password=ZZSECRETZZ9;';
        const result = parsePaste(paste);
        expect(JSON.stringify(result)).not.toContain('ZZSECRETZZ9');
      }),
      { numRuns: 400 },
    );
  });

  it('returns empty facts for empty and whitespace-only input', () => {
    for (const input of ['', '   ', '\n\n\t']) {
      const result = parsePaste(input);
      expect(result).toMatchObject({ text: '', normalized: '', redactions: 0, truncated: false });
      expect(result.facts).toMatchObject({ errors: [], sqlErrors: [], phase: null, driver: null });
    }
  });
});

describe('oversized input', () => {
  it('cuts beyond MAX_PASTE_BYTES, says so, and still reads the head', () => {
    const head = 'Msg 18456, Level 14, State 1, Server db1, Line 1\nLogin failed for user \'sa\'.\n';
    const result = parsePaste(head + 'x'.repeat(MAX_PASTE_BYTES + 10));
    expect(result.truncated).toBe(true);
    expect(Buffer.byteLength(result.text, 'utf8')).toBeLessThanOrEqual(MAX_PASTE_BYTES);
    expect(result.facts.sqlErrors).toEqual([18456]);
    expect(result.facts.user).toBe('sa');
  });

  it('does not split a multi-byte character at the cut', () => {
    const result = parsePaste('信'.repeat(MAX_PASTE_BYTES)); // 3 bytes each
    expect(result.truncated).toBe(true);
    expect(result.text).not.toContain('\uFFFD');
  });

  it('is not truncated at exactly the limit', () => {
    expect(parsePaste('a'.repeat(MAX_PASTE_BYTES)).truncated).toBe(false);
  });
});

describe('adversarial shapes finish (regexes stay linear)', () => {
  const cases: Record<string, () => string> = {
    '100 KB of "(provider:" without a close': () => '(provider: '.repeat(10_000),
    '1 MB of one character': () => 'a'.repeat(MAX_PASTE_BYTES),
    '1 MB of one digit': () => '9'.repeat(MAX_PASTE_BYTES),
    '1 MB of spaces': () => ' '.repeat(MAX_PASTE_BYTES),
    'deep nesting of <div>': () => '<div>'.repeat(100_000) + 'Login failed' + '</div>'.repeat(100_000),
    'unclosed tags': () => '<div '.repeat(100_000),
    'long runs of \\r\\n': () => '\\r\\n'.repeat(200_000),
    'Password= repeated 50k times': () => 'Password='.repeat(50_000),
    'unterminated quoted password': () => 'Password="' + 'a;'.repeat(200_000),
    'unterminated ODBC brace': () => 'PWD={' + '}}'.repeat(200_000),
    'many URL schemes without credentials': () => 'mssql://'.repeat(100_000),
    'long word ending in Exception-like text': () => 'A'.repeat(500_000) + 'Exceptio',
    'ODBC tags back to back': () => '[Microsoft]['.repeat(80_000),
    'FreeTDS Net-Lib lines that never close': () => 'Net-Lib error during ('.repeat(40_000) + 'Net-Lib error during ' + 'x'.repeat(500_000),
    'one line of 1 MB of error text': () => "Login failed for user 'sa'. (provider: TCP Provider, error: 0 - x) ".repeat(14_000),
    '50k short lines': () => 'Error: 1\n'.repeat(50_000),
    'binary noise': () => Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
  };

  it.each(Object.keys(cases))('%s', (name) => {
    const input = cases[name]();
    const { value, ms } = timed(() => parsePaste(input));
    expect(typeof value.normalized).toBe('string');
    expect(ms).toBeLessThan(SANITY_CAP_MS);
  });

  it('redacts every one of 50k repeated passwords in one paste', () => {
    const input = 'Pwd=CANARY-1;'.repeat(50_000); // 650 KB: under the size limit
    const result = parsePaste(input);
    expect(result.redactions).toBe(50_000);
    expect(result.text).not.toContain('CANARY');
  });
});
