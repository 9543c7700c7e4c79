/**
 * The signature pre-check must never hide an artifact: on every sample, each reader that finds
 * something when run directly also finds it through readArtifacts, and the text holds one of its signs.
 * A text with none of a kind's signs is not read as that kind.
 */
import { readdirSync } from 'node:fs';
import { readArtifacts } from '../../../src/parse/artifacts';
import { READER_SIGNS } from '../../../src/parse/artifacts/data/reader-signs';
import { plainLines } from '../../../src/parse/artifacts/plain';
import { readPortCheck } from '../../../src/parse/artifacts/port-check';
import { readSchannel } from '../../../src/parse/artifacts/schannel';
import { readSetspn } from '../../../src/parse/artifacts/setspn';
import { redactInput } from '../../../src/parse/redact';
import { ARTIFACT_DIR, sample } from './fixtures';

const GATED = { schannel: readSchannel, setspn: readSetspn, 'port-check': readPortCheck } as const;
const samples = readdirSync(ARTIFACT_DIR).filter((f) => f.endsWith('.txt')).sort();

test('every gated kind has signs, all lower-case', () => {
  for (const kind of Object.keys(GATED) as (keyof typeof GATED)[]) {
    const signs = READER_SIGNS[kind] ?? [];
    expect(signs.length).toBeGreaterThan(0);
    for (const s of signs) expect(s).toBe(s.toLowerCase());
  }
});

test.each(samples)('%s: each gated reader that reads it directly still does, and a sign is there', (name) => {
  const text = sample(name);
  const lines = plainLines(redactInput(text).text);
  const kinds = readArtifacts(text).artifacts.map((a) => a.kind);
  for (const [kind, read] of Object.entries(GATED)) {
    if (!read(lines)) continue;
    expect(kinds).toContain(kind);
    const lower = lines.join('\n').toLowerCase();
    expect(READER_SIGNS[kind as keyof typeof GATED]!.some((s) => lower.includes(s))).toBe(true);
  }
});

test('a PortQry result is read; the same lines without their signature words are not', () => {
  expect(readArtifacts('TCP port 1433 (ms-sql-s service): LISTENING\nUDP port 1434 (ms-sql-m service): LISTENING or FILTERED').artifacts.map((a) => a.kind)).toEqual(['port-check']);
  expect(readArtifacts('TCP 1433 (ms-sql-s service): LISTENING\nUDP 1434 (ms-sql-m service): LISTENING or FILTERED').artifacts).toEqual([]);
});
