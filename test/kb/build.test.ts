import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildKnowledge } from '../../src/kb/build';
import { knowledgeDir } from '../../src/kb/paths';
import { readKnowledge, formatProblem } from '../../src/kb/read';
import { indexKnowledge } from '../../src/kb/compiled';
import { FAMILY_IDS } from '../../src/kb/types';

/** A copy of knowledge/ that a test may break. */
function copyKnowledge(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-kb-'));
  fs.cpSync(knowledgeDir(), dir, { recursive: true });
  return dir;
}

describe('the knowledge base as committed', () => {
  const { kb, problems } = readKnowledge(knowledgeDir());

  test('validates without problems', () => {
    expect(problems.map(formatProblem)).toEqual([]);
  });

  test('has exactly the eleven symptom families other tools depend on', () => {
    expect(kb.families.map((f) => f.id).sort()).toEqual([...FAMILY_IDS].sort());
  });

  test('every cause cites a known source and every referenced question, cause and collect item exists', () => {
    const sources = new Set(kb.sources.map((s) => s.id));
    const causes = new Set(kb.causes.map((c) => c.id));
    const collect = new Set(kb.collect.map((c) => c.id));
    for (const c of kb.causes) {
      expect(sources.has(c.source.source)).toBe(true);
      for (const k of c.collect) expect(collect.has(k)).toBe(true);
    }
    for (const q of kb.questions) for (const o of q.options) for (const e of o.effects) expect(causes.has(e.cause)).toBe(true);
    for (const s of kb.signals) for (const e of s.effects) expect(causes.has(e.cause)).toBe(true);
  });

  test('compiles into a text model that tells the families apart on their own examples', () => {
    const compiled = buildKnowledge();
    const k = indexKnowledge(compiled);
    let right = 0;
    let total = 0;
    for (const f of compiled.kb.families) {
      for (const ex of f.examples) {
        const { logPost } = k.text.score(ex);
        const best = k.text.labels[logPost.indexOf(Math.max(...logPost))];
        total++;
        if (best === f.id) right++;
      }
    }
    expect(right / total).toBeGreaterThan(0.8);
  });
});

describe('a bad knowledge file fails the build with file, path and reason', () => {
  test('a cause without checks', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'causes', 'connection-refused.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(\s+)checks:/m, '$1checkz:'));
    expect(() => buildKnowledge(dir)).toThrow(/knowledge\/causes\/connection-refused\.yaml: \/causes\/\d+: must have required property 'checks'/);
  });

  test('a question effect naming a cause that does not exist', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'questions.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/cause: ([a-z0-9-]+)/, 'cause: no-such-cause'));
    const { problems } = readKnowledge(dir);
    expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/questions\.yaml: \/questions\/\d+\/options\/\d+\/effects\/\d+\/cause: unknown cause 'no-such-cause'$/)]);
  });

  test('a cause citing an unknown source', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'causes', 'login-failed.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/source: ([a-z0-9-]+)/, 'source: nowhere'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toContainEqual(expect.stringMatching(/login-failed\.yaml: \/causes\/0\/source\/source: unknown source 'nowhere'/));
  });

  test('YAML that does not parse', () => {
    const dir = copyKnowledge();
    fs.writeFileSync(path.join(dir, 'families.yaml'), 'families: [unclosed\n');
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/families\.yaml: \/: not valid YAML/)]);
  });

  test('a foreign-product phrase in upper case (phrases are matched on folded text)', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'foreign.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"npgsql"', '"Npgsql"'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/foreign\.yaml: \/products\/\d+\/phrases\/\d+: must match pattern/)]);
  });

  test('a missing family', () => {
    const dir = copyKnowledge();
    fs.rmSync(path.join(dir, 'causes', 'sspi-kerberos.yaml'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toContain("knowledge/causes: /: family 'sspi-kerberos' has no causes");
  });
});

describe('every question can be skipped', () => {
  test('a question without an unsure option fails the build', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'questions.yaml');
    // Rename the first question's unsure option: the question is then without one.
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('- id: unsure', '- id: unsure-renamed'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/questions\.yaml: \/questions\/0\/options: question '[a-z-]+' has no 'unsure' option/)]);
  });

  test('an unsure option that moves a cause fails the build', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'questions.yaml');
    const cause = readKnowledge(dir).kb.causes[0].id;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/(- id: unsure\n\s+label: [^\n]+\n\s+)effects: \[\]/, `$1effects: [{ cause: ${cause}, weight: 1 }]`));
    expect(readKnowledge(dir).problems.map(formatProblem)).toEqual([expect.stringMatching(/^knowledge\/questions\.yaml: \/questions\/0\/options\/\d+\/effects: the 'unsure' option must change no ranking/)]);
  });
});

describe('answers the paste can give (answeredBy)', () => {
  test('an answeredBy naming a login kind that does not exist fails the build', () => {
    const dir = copyKnowledge();
    const file = path.join(dir, 'questions.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('answeredBy: { userKind: [windows] }', 'answeredBy: { userKind: [kerberos] }'));
    expect(readKnowledge(dir).problems.map(formatProblem)).toContainEqual(expect.stringMatching(/^knowledge\/questions\.yaml: \/questions\/\d+\/options\/\d+\/answeredBy\/userKind\/0: must be equal to one of the allowed values \(windows, sql, entra\)/));
  });

  test('the committed questions let the paste answer the driver, the server name and the authentication', () => {
    const { kb } = readKnowledge(knowledgeDir());
    const answerable = (id: string) => kb.questions.find((q) => q.id === id)!.options.filter((o) => o.answeredBy).map((o) => o.id);
    expect(answerable('driver')).toEqual(expect.arrayContaining(['sqlclient-old', 'sqlclient-new', 'odbc17', 'odbc18', 'jdbc', 'node', 'python']));
    expect(answerable('instance')).toEqual(expect.arrayContaining(['named-instance', 'explicit-port']));
    expect(answerable('auth')).toEqual(expect.arrayContaining(['sql-login', 'windows', 'entra']));
    for (const q of kb.questions) expect(q.options.find((o) => o.id === 'unsure')?.answeredBy).toBeUndefined();
  });
});
