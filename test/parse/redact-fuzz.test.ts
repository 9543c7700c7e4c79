/**
 * Seeded fuzz of realistic secret-bearing inputs (bench/secret-fuzz.ts): every credential form in
 * every input kind, through what the engine keeps (a parsed paste, a parsed SQLCHECK report, a note)
 * and what the bot keeps in dialog state (the redactor at entry). No canary may survive.
 * The seed is printed on failure; SQLTRIAGE_FUZZ_SEED reruns one.
 */
import { FORM_NAMES, fuzzCases, INPUT_KINDS, leaks } from '../../bench/secret-fuzz';
import { parsePaste, redactInput } from '../../src/parse';
import { looksLikeSqlcheck, parseSqlcheck } from '../../src/parse/sqlcheck';
import { addNote, openCase } from '../../src/triage';

const SEED = Number(process.env.SQLTRIAGE_FUZZ_SEED ?? 1329);
const COUNT = 1200;

function stored(kind: string, text: string): string {
  if (kind === 'note') return JSON.stringify(addNote(openCase({ id: 'fuzz', now: new Date(0) }), 'note', text));
  return JSON.stringify(looksLikeSqlcheck(text) ? parseSqlcheck(text) : parsePaste(text));
}

describe(`redaction fuzz (seed ${SEED})`, () => {
  it(`keeps no canary of ${COUNT} secret-bearing inputs, stored or in dialog state`, () => {
    const leaked: string[] = [];
    for (const c of fuzzCases(SEED, COUNT)) {
      const where = [leaks(stored(c.kind, c.text), c.canaries) ? 'stored' : '', leaks(redactInput(c.text).text, c.canaries) ? 'at entry' : ''].filter(Boolean);
      if (where.length > 0) leaked.push(`#${c.index} ${c.kind}/${c.form} (${where.join(', ')}): ${JSON.stringify(c.text.slice(0, 200))}`);
    }
    if (leaked.length > 0) throw new Error(`seed ${SEED}: ${leaked.length} of ${COUNT} inputs leaked a canary\n${leaked.slice(0, 10).join('\n')}`);
  });

  it('covers every form in every input kind at this size', () => {
    const seen = new Set<string>();
    for (const c of fuzzCases(SEED, COUNT)) seen.add(`${c.kind}/${c.form}`);
    // A uniform draw misses a few kind/form pairs, never a whole kind or form.
    expect(new Set([...seen].map((k) => k.split('/')[0])).size).toBe(INPUT_KINDS.length);
    expect(new Set([...seen].map((k) => k.split('/')[1])).size).toBe(FORM_NAMES.length);
  });
});
