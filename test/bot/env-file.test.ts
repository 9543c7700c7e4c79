import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvFile, parseEnvFile } from '../../src/bot/env-file';

describe('.env parsing', () => {
  it('reads KEY=value lines with comments, quotes and export', () => {
    const text = [
      '# a comment',
      'PORT=4000',
      'MicrosoftAppId= 1234 ',
      'export SQLTRIAGE_DATA_DIR="./my data"',
      "QUOTED='a # not a comment'",
      'TRAILING=value # comment',
      'HASH=abc#def',
      'EMPTY=',
      'not a setting',
      '=nokey',
      '1BAD=x',
      '',
    ].join('\r\n');
    expect(parseEnvFile(text)).toEqual({
      PORT: '4000',
      MicrosoftAppId: '1234',
      SQLTRIAGE_DATA_DIR: './my data',
      QUOTED: 'a # not a comment',
      TRAILING: 'value',
      HASH: 'abc#def',
      EMPTY: '',
    });
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
    expect(parsed.K).toBe('x');
  });
});
