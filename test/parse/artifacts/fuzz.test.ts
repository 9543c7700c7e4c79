/**
 * Hostile, huge and binary artifact text: the readers never throw, never backtrack catastrophically
 * (each 1 MB adversarial input is read within a time bound), and a truncated or corrupted sample still
 * yields what its intact lines say. Seeded: the seed is in the test names.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { readArtifacts } from '../../../src/parse/artifacts';
import { MAX_PASTE_BYTES } from '../../../src/parse/limits';
import { loadKnowledge } from '../../../src/kb/load';
import { addPaste, openCase, rankCase } from '../../../src/triage';
import { ARTIFACT_DIR, sample } from './fixtures';

const SEED = 20261129;
/**
 * A sanity cap, not a speed claim: alone, the slowest of these 1 MB inputs reads in under a second, and a
 * catastrophic (quadratic or worse) pattern over 1 MB would take hours. Generous so a loaded machine running
 * the whole suite on 2 shared cores stays green.
 */
const BOUND_MS = 10_000;

const SAMPLES = readdirSync(ARTIFACT_DIR).sort().map((f) => sample(f));
const LINES = SAMPLES.flatMap((s) => s.split('\n'));

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = process.hrtime.bigint();
  const value = fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

const MB = 1 << 20;
const fill = (unit: string, bytes = MB) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** Inputs built to make a regular expression or a line scanner work hard. */
const ADVERSARIAL: [string, string][] = [
  ['unclosed listening brackets', fill("Server is listening on [ 'any' <ipv4> ")],
  ['one endless login line', `Error: 18456, Severity: 14, State: 8.\nLogin failed for user '${fill('a')}`],
  ['an endless reason', `Login failed for user 'x'. Reason: ${fill('Password did not match ')} [CLIENT: 1.2.3.4]`],
  ['one endless netstat row', `  TCP    ${fill('0.0.0.0:1433 ')}`],
  ['a million colons', fill(':')],
  ['nested brackets', fill('[[[[]]]]')],
  ['cipher-suite look-alikes', fill('TLS_A_B_C_D_E_F_G_H_')],
  ['endless underscores after TLS_', `TLS_RSA${fill('_')}`],
  ['nslookup failures', fill("*** dc can't find x: ")],
  ['setspn accounts with no end', `Registered ServicePrincipalNames for ${fill('CN=a,')}`],
  ['PortQry without a result', fill('TCP port 1433 (ms-sql-s service): ')],
  ['Test-NetConnection fields', fill('TcpTestSucceeded : ')],
  ['spaces and tabs', fill(' \t')],
  ['many short netstat rows', fill('  TCP    10.0.0.1:50000  10.0.0.5:1433  TIME_WAIT  0\n')],
  ['html tags without end', fill('<div a="')],
  ['certutil headers without end', fill('================ Certificate 0 ================\nIssuer:\n    CN=')],
  ['an endless EKU line', `Enhanced Key Usage\n        ${fill('Server Authentication (1.3.6.1.5.5.7.3.1')}`],
  ['an endless PowerShell list', `Thumbprint : ${'A'.repeat(40)}\nEnhancedKeyUsageList : {${fill('Server Authentication (1.3.6.1.5.5.7.3.1), ')}`],
  ['date look-alikes', `NotAfter : ${fill('1/1/1/1/1/1 ')}`],
  ['entities', fill('&#1234567;&lt;')],
  ['NUL and control bytes', fill('\u0000\u0001\u001b[')],
  ['Get-TlsCipherSuite braces', fill('Protocols : {771, ')],
  ['ERRORLOG prefixes only', fill('2024-05-01 10:11:12.34 Server      ')],
  ['Schannel alerts', fill('The TLS protocol defined fatal alert code is ')],
];

describe(`artifact readers on adversarial 1 MB inputs (seed ${SEED})`, () => {
  test.each(ADVERSARIAL)('%s: read without throwing within the bound', (_name, text) => {
    const { value, ms } = timed(() => readArtifacts(text));
    expect(Array.isArray(value.artifacts)).toBe(true);
    expect(ms).toBeLessThan(BOUND_MS);
  });

  test('over-size input is cut at the paste limit and says so', () => {
    const r = readArtifacts(sample('netstat-aon-1434.txt') + fill('x', MAX_PASTE_BYTES + 10));
    expect(r.truncated).toBe(true);
    expect(r.artifacts.map((a) => a.kind)).toEqual(['netstat']);
  });

  test('a case given a 1 MB netstat ranks it within the bound', () => {
    const kb = loadKnowledge();
    const text = fill(sample('netstat-ano-de-timewait.txt'));
    const { value, ms } = timed(() => rankCase(addPaste(openCase(), text, kb).case, kb));
    expect(value.causes[0].id).toBe('exhaust-no-pooling-ephemeral-ports');
    expect(ms).toBeLessThan(BOUND_MS * 2);
  });
});

describe(`artifact readers on random input (seed ${SEED})`, () => {
  test('any string, unicode and binary included, never throws', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => {
        const r = readArtifacts(s);
        expect(typeof r.rest).toBe('string');
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('random mixes of real artifact lines and junk never throw, and every fact is short text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...LINES), fc.string({ maxLength: 40 })), { maxLength: 120 }), (parts) => {
        const r = readArtifacts(parts.join('\n'));
        for (const a of r.artifacts) for (const f of a.facts) expect(f.value.length).toBeLessThanOrEqual(200);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  test('a sample cut anywhere keeps the facts of the lines before the cut', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES.keys()), fc.double({ min: 0, max: 1, noNaN: true }), (i, at) => {
        const text = SAMPLES[i];
        const cut = text.slice(0, Math.floor(text.length * at));
        const whole = readArtifacts(text).artifacts.map((a) => a.kind);
        const part = readArtifacts(cut).artifacts.map((a) => a.kind);
        for (const k of part) expect(whole).toContain(k);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  test('corrupted characters in a sample never throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SAMPLES.keys()), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0xffff })), { maxLength: 30 }), (i, edits) => {
        const chars = [...SAMPLES[i]];
        for (const [at, code] of edits) if (chars.length) chars[at % chars.length] = String.fromCharCode(code);
        expect(() => readArtifacts(chars.join(''))).not.toThrow();
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});
