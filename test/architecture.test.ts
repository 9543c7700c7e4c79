import * as fs from 'fs';
import * as path from 'path';

/**
 * Layers, one direction: each folder may import only the layers below it, and the chat SDK stays
 * inside the bot shell (botbuilder 4.23.3 is the SDK's last release; a move must touch one layer).
 */
const ROOT = path.join(__dirname, '..');

function sources(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(ROOT, path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name)));
}

function imports(file: string): { spec: string; typeOnly: boolean }[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const out: { spec: string; typeOnly: boolean }[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) out.push({ spec: m[3], typeOnly: !!m[2] });
  for (const m of text.matchAll(/(?:require|import)\(\s*'([^']+)'\s*\)/g)) out.push({ spec: m[1], typeOnly: false });
  for (const m of text.matchAll(/^\s*import\s+\w+\s*=\s*require\('([^']+)'\)/gm)) out.push({ spec: m[1], typeOnly: false });
  return out;
}

/** The project folder an import lands in ('src/parse', 'dialogs', ...), or undefined for packages. */
function layerOf(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const target = path.relative(ROOT, path.resolve(path.dirname(path.join(ROOT, from)), spec));
  const parts = target.split(path.sep);
  return parts[0] === 'src' ? `src/${parts[1]}` : parts[0];
}

const ALLOWED: Record<string, string[]> = {
  'src/kb': ['src/kb'],
  'src/parse': ['src/parse', 'src/kb'],
  'src/classify': ['src/classify', 'src/kb', 'src/parse'],
  'src/triage': ['src/triage', 'src/kb', 'src/classify', 'src/parse'],
  'src/net': ['src/net'],
  'src/probes': ['src/probes', 'src/net'],
  'src/trace': ['src/trace'],
  'src/store': ['src/store'],
  // Learning from closed cases: pure functions of cases and knowledge, beside the engine, above it.
  'src/learn': ['src/learn', 'src/triage', 'src/kb', 'src/classify', 'src/parse'],
  // The neutral message model: channel-free words over the engine's results.
  'src/messages': ['src/messages', 'src/triage', 'src/kb'],
  // Dialogs sequence the engine and speak in neutral messages; they never reach into the bot shell.
  dialogs: ['dialogs', 'src/messages', 'src/triage', 'src/parse'],
};
/** Imports allowed for types only (they vanish at run time). */
const TYPES_ONLY: Record<string, string[]> = {
  'src/probes': ['src/triage', 'src/kb'],
  'src/store': ['src/triage', 'src/kb'],
  'src/learn': ['src/store'],
  'src/messages': ['src/parse'],
  dialogs: ['src/kb', 'src/probes', 'src/store'],
};

describe('layers import only downwards', () => {
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    test(`${layer} imports only ${allowed.join(', ')}${TYPES_ONLY[layer] ? ` (and types from ${TYPES_ONLY[layer].join(', ')})` : ''}`, () => {
      const offending: string[] = [];
      for (const file of sources(layer)) {
        for (const { spec, typeOnly } of imports(file)) {
          const target = layerOf(file, spec);
          if (!target || allowed.includes(target)) continue;
          if (typeOnly && TYPES_ONLY[layer]?.includes(target)) continue;
          offending.push(`${file} -> ${spec}`);
        }
      }
      expect(offending).toEqual([]);
    });
  }
});

test('the chat SDK (botbuilder) and HTTP server (restify) are used only by the bot shell, dialogs, store and CLI chat', () => {
  const offending: string[] = [];
  for (const dir of ['src/kb', 'src/parse', 'src/classify', 'src/triage', 'src/learn', 'src/probes', 'src/trace', 'src/messages']) {
    for (const file of sources(dir)) {
      for (const { spec } of imports(file)) if (/^(botbuilder|restify|@slack\/)/.test(spec)) offending.push(`${file} -> ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});

test('the bot shell is the only place that knows channels: no renderer or adapter lives in the message model or the dialogs', () => {
  const offending = ['src/messages', 'dialogs'].flatMap(sources).filter((f) => imports(f).some((i) => layerOf(f, i.spec) === 'src/bot'));
  expect(offending).toEqual([]);
  expect(fs.existsSync(path.join(ROOT, 'src/bot/messages'))).toBe(false);
});

test("natural is imported by submodule only (its index loads every storage backend)", () => {
  const offending = ['src', 'bench', 'dialogs'].flatMap(sources).filter((f) => imports(f).some((i) => i.spec === 'natural'));
  expect(offending).toEqual([]);
});
