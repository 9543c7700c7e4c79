import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvFile, parseEnvFile } from '../../src/bot/env-file';

// The rules are Node's own (util.parseEnv, the same as `node --env-file`); these tests pin what an
// operator's .env means, including where those rules differ from the old hand-written reader.
describe('.env parsing', () => {
  it('reads KEY=value lines with comments, quotes and export', () => {
    const text = [
      '# a comment',
      'PORT=4000',
      'MicrosoftAppId= 1234 ',
      'export SQLTRIAGE_DATA_DIR="./my data"',
      "QUOTED='a # not a comment'",
      'TRAILING=value # comment',
      'EMPTY=',
      '1BAD=x',
      '',
    ].join('\r\n');
    expect(parseEnvFile(text)).toEqual({
      PORT: '4000',
      MicrosoftAppId: '1234',
      SQLTRIAGE_DATA_DIR: './my data',
      QUOTED: 'a # not a comment',
      TRAILING: 'value',
      EMPTY: '',
    });
  });

  it('expands \\n in double quotes only', () => {
    expect(parseEnvFile('D="line1\\nline2"\nS=\'line1\\nline2\'\nU=line1\\nline2\n')).toEqual({ D: 'line1\nline2', S: 'line1\\nline2', U: 'line1\\nline2' });
  });

  it('takes a quoted value over several lines (a PEM key pasted as it is)', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIabc\n-----END PRIVATE KEY-----';
    expect(parseEnvFile(`KEY="${pem}"\nAFTER=1\n`)).toEqual({ KEY: pem, AFTER: '1' });
  });

  it('keeps # inside quotes and cuts an unquoted one, even without a space before it', () => {
    expect(parseEnvFile('A="p#ss # word"\nB=abc#def\nC=`x # y`\n')).toEqual({ A: 'p#ss # word', B: 'abc', C: 'x # y' });
  });

  it('drops lines that are not NAME=value', () => {
    expect(parseEnvFile('not a setting\n=nokey\n1BAD=x\nGOOD=1\n')).toEqual({ GOOD: '1' });
  });

  it('lets the real environment win and tolerates a missing file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sqltriage-env-'));
    writeFileSync(path.join(dir, '.env'), 'PORT=1\nHOST=127.0.0.1\n');
    expect(loadEnvFile(path.join(dir, '.env'), { PORT: '2' })).toEqual({ PORT: '2', HOST: '127.0.0.1' });
    expect(loadEnvFile(path.join(dir, 'missing'), { PORT: '2' })).toEqual({ PORT: '2' });
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays linear on hostile lines (long runs of spaces and = signs)', () => {
    const hostile = `K=${' '.repeat(200_000)}x${' \t'.repeat(100_000)}\n${'='.repeat(200_000)}\nA${' '.repeat(200_000)}=1`;
    const t0 = performance.now();
    const parsed = parseEnvFile(hostile);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(parsed.K.startsWith('x')).toBe(true);
  });
});
