/**
 * Checks and compiles the secret rules of data/secrets.ts. A rule is refused, with its id and the
 * reason, when its pattern does not compile, can repeat without bound (`*`, `+`, `{n,}`), or
 * repeats a group that itself holds a quantifier: the shape that backtracks catastrophically.
 */
import type { SecretKey, SecretShape } from './data/secrets';

/** Why `source` is not a bounded, backtracking-safe pattern; undefined when it is. */
export function patternProblem(source: string): string | undefined {
  // Each open group: whether something inside it is quantified.
  const groups: { quantifiedInside: boolean; lookaround: boolean }[] = [];
  let lastAtomWasGroup: { quantifiedInside: boolean } | undefined;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++; // an escaped character is one atom
      lastAtomWasGroup = undefined;
      continue;
    }
    if (ch === '[') {
      // Skip the class: its contents are characters, not operators.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      if (i >= source.length) return 'unterminated character class';
      lastAtomWasGroup = undefined;
      continue;
    }
    if (ch === '(') {
      const lookaround = source.startsWith('(?=', i) || source.startsWith('(?!', i) || source.startsWith('(?<=', i) || source.startsWith('(?<!', i);
      groups.push({ quantifiedInside: false, lookaround });
      lastAtomWasGroup = undefined;
      continue;
    }
    if (ch === ')') {
      const g = groups.pop();
      if (!g) return 'unbalanced parenthesis';
      // A lookaround is tried once and never re-entered by backtracking: what it holds stays inside.
      if (g.quantifiedInside && !g.lookaround && groups.length > 0) groups[groups.length - 1].quantifiedInside = true;
      lastAtomWasGroup = g.lookaround ? undefined : g;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (!quantifier) {
      lastAtomWasGroup = undefined;
      continue;
    }
    if (quantifier.max === Infinity) return `unbounded quantifier '${source.slice(i, i + quantifier.length)}' at ${i}`;
    if (quantifier.max > 1 && lastAtomWasGroup?.quantifiedInside) return `repeated group holding a quantifier, before ${i}`;
    if (groups.length > 0) groups[groups.length - 1].quantifiedInside = true;
    i += quantifier.length - 1;
    if (source[i + 1] === '?') i++; // lazy marker
    lastAtomWasGroup = undefined;
  }
  if (groups.length > 0) return 'unbalanced parenthesis';
  return undefined;
}

function quantifierAt(source: string, i: number): { max: number; length: number } | undefined {
  const ch = source[i];
  if (ch === '*' || ch === '+') return { max: Infinity, length: 1 };
  if (ch === '?') return source[i - 1] === '(' ? undefined : { max: 1, length: 1 };
  if (ch !== '{') return undefined;
  const m = /^\{(\d{1,6})(,(\d{0,6}))?\}/.exec(source.slice(i, i + 16));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { max, length: m[0].length };
}

/** The key's words as a pattern: a space, '_' or '-' may join them. */
export function keyPattern(k: SecretKey): string {
  return k.words.join('[ _-]?');
}

export interface CompiledShape {
  shape: SecretShape;
  regex: RegExp;
  name?: RegExp;
}

/** Every problem with the rules, each naming the rule; empty when they are sound. */
export function ruleProblems(keys: readonly SecretKey[], shapes: readonly SecretShape[], grammars: Record<string, string>): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const tryCompile = (id: string, source: string, flags: string): void => {
    try {
      new RegExp(source, flags);
    } catch (err) {
      problems.push(`${id}: does not compile (${(err as Error).message})`);
      return;
    }
    const why = patternProblem(source);
    if (why) problems.push(`${id}: ${why}`);
  };
  for (const k of keys) {
    if (ids.has(k.id)) problems.push(`${k.id}: id used twice`);
    ids.add(k.id);
    if (!/^[a-z][a-z0-9-]{1,40}$/.test(k.id)) problems.push(`${k.id}: id must be lower-case words joined by '-'`);
    if (k.words.length === 0 || k.words.some((w) => !/^[a-z]{2,30}$/.test(w))) problems.push(`${k.id}: words must be lower-case letters`);
    if (k.value !== 'connection' && k.value !== 'token') problems.push(`${k.id}: value must be 'connection' or 'token'`);
    if (typeof k.suffix !== 'boolean') problems.push(`${k.id}: suffix must be true or false`);
    if (!k.source) problems.push(`${k.id}: needs a source`);
  }
  for (const s of shapes) {
    if (ids.has(s.id)) problems.push(`${s.id}: id used twice`);
    ids.add(s.id);
    if (!s.source) problems.push(`${s.id}: needs a source`);
    if (s.needs.length === 0 || s.needs.some((n) => n !== n.toLowerCase() || n === '')) problems.push(`${s.id}: needs must list lower-case literals`);
    tryCompile(s.id, s.pattern, s.caseSensitive ? 'gd' : 'gdi');
    if (s.name) tryCompile(`${s.id} (name)`, s.name.pattern, 'i');
    const groups = (new RegExp(`${s.pattern}|`).exec('') ?? []).length - 1;
    if ((s.mask === undefined) === (s.value === undefined)) problems.push(`${s.id}: needs either mask (a capture group) or value (a grammar), not both`);
    if (s.mask !== undefined && (!Number.isInteger(s.mask) || s.mask < 1 || s.mask > groups)) problems.push(`${s.id}: mask must name one of its ${groups} capture groups`);
    if (s.value !== undefined && !(s.value in grammars)) problems.push(`${s.id}: value '${s.value}' is not a value grammar`);
    if (s.name && (s.name.group < 1 || s.name.group > groups)) problems.push(`${s.id}: name.group must name a capture group`);
  }
  for (const [id, source] of Object.entries(grammars)) tryCompile(`grammar ${id}`, source, 'yi');
  return problems;
}

export function compileShapes(shapes: readonly SecretShape[]): CompiledShape[] {
  return shapes.map((shape) => ({
    shape,
    regex: new RegExp(shape.pattern, shape.caseSensitive ? 'gd' : 'gdi'),
    ...(shape.name ? { name: new RegExp(shape.name.pattern, 'i') } : {}),
  }));
}
