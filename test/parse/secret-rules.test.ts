/**
 * The secret rules are data, checked when they load: a pattern that can repeat without bound or
 * backtrack catastrophically is refused with its id. And every pattern, run alone and through the
 * redactor, stays fast on adversarial 1 MB inputs built from its own literals.
 */
import { SECRET_KEYS, SECRET_SHAPES, SecretShape } from '../../src/parse/data/secrets';
import { redactSecrets, redactInput, VALUE_GRAMMARS } from '../../src/parse/redact';
import { compileShapes, patternProblem, ruleProblems } from '../../src/parse/secret-rules';

describe('secret rules schema', () => {
  it('the shipped rules are sound', () => {
    expect(ruleProblems(SECRET_KEYS, SECRET_SHAPES, VALUE_GRAMMARS)).toEqual([]);
  });

  it.each([
    ['a*', /unbounded/],
    ['a+b', /unbounded/],
    ['x{2,}', /unbounded/],
    ['(?:a{1,3}){1,5}', /repeated group holding a quantifier/],
    ['(a|b{0,2}){0,9}', /repeated group holding a quantifier/],
    ['(?:(?:ab){1,2}c){1,4}', /repeated group holding a quantifier/],
    ['[a-z', /unterminated character class/],
    ['(ab', /unbalanced/],
  ])('refuses %s', (source, why) => {
    expect(patternProblem(source)).toMatch(why);
  });

  it.each(['[a*+]{0,9}', '(?:a|b){0,100}', '(?:x\\r?\\n)?', 'a(?=b{0,9}c)', '(?:[^"]|""){0,500}"', '\\{(?:[^}]|\\}\\}){0,10}\\}', 'a{3}'])('accepts the bounded %s', (source) => {
    expect(patternProblem(source)).toBeUndefined();
  });

  it('names the rule and what is wrong with it', () => {
    const bad: SecretShape[] = [
      { id: 'greedy', pattern: 'token=(.+)', mask: 1, needs: ['token'], source: 'test' },
      { id: 'no-group', pattern: 'key=[a-z]{1,9}', mask: 2, needs: ['key'], source: 'test' },
      { id: 'both', pattern: 'k=([a-z]{1,9})', mask: 1, value: 'shell', needs: ['k'], source: 'test' },
      { id: 'no-source', pattern: 'x=([a-z]{1,9})', mask: 1, needs: ['x'], source: '' },
      { id: 'bad-needs', pattern: 'y=([a-z]{1,9})', mask: 1, needs: ['Y'], source: 'test' },
    ];
    const problems = ruleProblems([{ id: 'password', words: ['password'], value: 'connection', suffix: true, source: 'x' }, { id: 'password', words: ['Pass'], value: 'connection', suffix: true, source: 'x' }], bad, {});
    expect(problems).toEqual(
      expect.arrayContaining([
        'password: id used twice',
        'password: words must be lower-case letters',
        expect.stringMatching(/^greedy: unbounded quantifier/),
        'no-group: mask must name one of its 0 capture groups',
        'both: needs either mask (a capture group) or value (a grammar), not both',
        'no-source: needs a source',
        'bad-needs: needs must list lower-case literals',
      ]),
    );
  });
});

describe('backtracking safety on adversarial 1 MB inputs', () => {
  const MB = 1024 * 1024;
  const fill = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  // Characters and literals that make a careless pattern backtrack: quotes, escapes, entities, separators.
  const generic = [
    fill('a'),
    fill(' '),
    fill('\n'),
    fill('"'),
    fill('\\"'),
    fill('&quot;'),
    fill('%22'),
    fill('://a:'),
    fill('eyJaaaaaaaa.'),
    fill('Bearer '),
    fill('-P '),
    `Password="${fill('x')}`,
    `Authorization: Bearer ${fill('A')}`,
    `${'x'.repeat(79)}Pass\n`.repeat(MB / 84),
    fill('password=\\"aaaaaaa'),
    fill('credentials=\\"aaaaaaa'),
  ];
  // Each shape also meets its own literals, repeated.
  const own = (s: SecretShape): string[] => s.needs.map((n) => fill(`${n} `));
  const shapes = compileShapes(SECRET_SHAPES);
  // Generous for a loaded 2-core machine; a backtracking pattern takes minutes on these.
  const BOUND_MS = 3000;

  it('each shape pattern alone', () => {
    for (const { shape, regex } of shapes) {
      for (const input of [...generic, ...own(shape)]) {
        const started = Date.now();
        regex.lastIndex = 0;
        let n = 0;
        while (regex.exec(input) && n++ < 100000) if (regex.lastIndex === 0) break;
        const ms = Date.now() - started;
        if (ms > BOUND_MS) throw new Error(`${shape.id} took ${ms} ms on ${JSON.stringify(input.slice(0, 40))}…`);
      }
    }
  });

  it('each value grammar alone, at every key of the input', () => {
    for (const [name, source] of Object.entries(VALUE_GRAMMARS)) {
      const re = new RegExp(source, 'yi');
      for (const input of generic) {
        const started = Date.now();
        for (let at = 0; at < input.length; at += 4096) {
          re.lastIndex = at;
          re.exec(input);
        }
        const ms = Date.now() - started;
        if (ms > BOUND_MS) throw new Error(`grammar ${name} took ${ms} ms on ${JSON.stringify(input.slice(0, 40))}…`);
      }
    }
  });

  it('the whole redactor, markup pass included', () => {
    for (const input of [...generic, ...SECRET_KEYS.map((k) => fill(`${k.words.join('_')}=\\"aaaaaaa`))]) {
      const started = Date.now();
      redactSecrets(input);
      redactInput(input.slice(0, MB / 4));
      const ms = Date.now() - started;
      if (ms > 2 * BOUND_MS) throw new Error(`redaction took ${ms} ms on ${JSON.stringify(input.slice(0, 40))}…`);
    }
  });
});
