/** The recorded trace fixtures (test/fixtures/traces, made by capture.sh) and their scenarios. */
import fs from 'node:fs';
import path from 'node:path';

export const TRACE_DIR = path.join(__dirname, '../fixtures/traces');

export interface Scenario {
  scenario: string;
  file: string;
  ports: number[];
}

export const SCENARIOS: Scenario[] = fs
  .readFileSync(path.join(TRACE_DIR, 'scenarios.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Scenario);

export function scenario(name: string): Scenario & { path: string } {
  const s = SCENARIOS.find((x) => x.scenario === name);
  if (!s) throw new Error(`no fixture for ${name}`);
  return { ...s, path: path.join(TRACE_DIR, s.file) };
}

export const fixtureFiles = () => fs.readdirSync(TRACE_DIR).filter((f) => /\.pcap(ng)?$/.test(f));
