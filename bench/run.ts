/**
 * `npm run bench`: every benchmark of the project, one section each, printed as `name: value` lines
 * (`--json` for one JSON object). Sections whose module is absent are reported as such, not hidden.
 */
import * as fs from 'fs';
import * as path from 'path';

type Bench = () => Promise<Record<string, number | string>>;
const SECTIONS: [string, string, string][] = [
  ['classify', './classify', 'benchClassify'],
  ['parse', './parse', 'benchParse'],
  ['sqlcheck', './sqlcheck', 'benchSqlcheck'],
  ['probes', './probes', 'benchProbes'],
  ['bot', './bot', 'benchBot'],
  ['store', './store', 'benchStore'],
  ['escalation', './escalation', 'benchEscalation'],
  ['trace', './trace', 'benchTrace'],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const results: Record<string, Record<string, number | string>> = {};
  for (const [name, mod, fn] of SECTIONS) {
    if (only.length && !only.includes(name)) continue;
    if (!fs.existsSync(path.join(__dirname, `${mod}.js`))) {
      results[name] = { status: 'not built' };
      continue;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bench = (require(mod) as Record<string, Bench>)[fn];
    try {
      results[name] = await bench();
    } catch (err) {
      results[name] = { error: (err as Error).message };
      process.exitCode = 1;
    }
    if (!process.argv.includes('--json')) {
      process.stdout.write(`## ${name}\n`);
      for (const [k, v] of Object.entries(results[name])) process.stdout.write(`${k}: ${v}\n`);
    }
  }
  if (process.argv.includes('--json')) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

void main();
