/**
 * Truncated, shuffled and corrupted reports: the parser never throws and keeps what it could read.
 * Seeded: every property runs from the suite's fixed seed (test/helpers/fast-check-seed.ts), and a
 * failure prints the seed and path to replay it (FC_SEED=<seed>).
 */
import fc from 'fast-check';
import { looksLikeSqlcheck, parseSqlcheck } from '../../../src/parse/sqlcheck';
import { normalise } from '../../../src/parse/sqlcheck/normalise';
import { sqlcheckFindings } from '../../../src/classify/sqlcheck';
import { fixture } from './fixtures';

const lines = fixture('b').split('\n');

function accountedFor(text: string): void {
  const r = parseSqlcheck(text);
  const findings = sqlcheckFindings(r);
  expect(Array.isArray(findings)).toBe(true);
  // Every unparsed line is the line the parser read at that number, kept as it was. (What it reads
  // is the normalised paste: chat markup such as <P> taken away, so not always the input verbatim.)
  const read = normalise(text).lines;
  for (const u of r.unparsed) expect({ line: u.line, text: read[u.line - 1] ?? '' }).toEqual({ line: u.line, text: expect.stringContaining(u.raw.trim()) });
}

describe('fuzzing the parser', () => {
  it('reads any prefix of a report and keeps the facts before the cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: lines.length }), (n) => {
        const text = lines.slice(0, n).join('\n');
        accountedFor(text);
        const r = parseSqlcheck(text);
        if (n > 20) expect(r.computer.netbios).toBe('SQLPROD02');
      }),
      { numRuns: 150 },
    );
  });

  it('survives shuffled lines', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(lines, { minLength: 1 }), (picked) => {
        accountedFor(picked.join('\n'));
      }),
      { numRuns: 100 },
    );
  });

  it('survives corrupted characters and inserted junk', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.nat(), junk: fc.string({ maxLength: 40 }) }), { maxLength: 30 }),
        (edits) => {
          let text = fixture('d');
          for (const e of edits) {
            const at = e.at % (text.length + 1);
            text = text.slice(0, at) + e.junk + text.slice(at + 1);
          }
          accountedFor(text);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary text, binary or hostile input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'binary' }), (text) => {
        expect(() => parseSqlcheck(text)).not.toThrow();
        expect(typeof looksLikeSqlcheck(text)).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('stays linear on adversarial lines (no catastrophic backtracking)', () => {
    const hostile = [
      '-'.repeat(200000),
      `${'-'.repeat(100000)} x`,
      `A${' '.repeat(200000)}:`,
      `Warning:${' '.repeat(200000)}`,
      `<div${' '.repeat(100000)}`,
      `password=${'='.repeat(100000)}`,
      `${'<'.repeat(100000)}--`,
      ` ${'- '.repeat(100000)}`,
    ];
    // A backtracking pattern would take minutes on these and hit jest's timeout; linear code returns at once.
    for (const h of hostile) expect(parseSqlcheck(`${h}\n${h}\n`).truncated).toBe(false);
  });
});
