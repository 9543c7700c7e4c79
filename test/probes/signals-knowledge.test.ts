/** Every signal the ladder can emit is declared in the knowledge base, with effects on real causes. */
import path from 'node:path';
import { readKnowledge } from '../../src/kb/read';
import { ALL_PROBE_SIGNALS } from '../../src/probes';

test('knowledge/signals/probes.yaml declares exactly the signals probeSignals can emit, on known causes', () => {
  const { kb, problems } = readKnowledge(path.join(__dirname, '../../knowledge'));
  expect(problems.filter((p) => p.file.includes('probes.yaml'))).toEqual([]);
  const declared = kb.signals.filter((s) => s.producer === 'probe');
  expect(declared.map((s) => s.id).sort()).toEqual([...ALL_PROBE_SIGNALS].sort());
  const causes = new Set(kb.causes.map((c) => c.id));
  for (const s of declared) {
    for (const e of s.effects) {
      expect(causes.has(e.cause)).toBe(true);
      expect(Math.abs(e.weight)).toBeLessThanOrEqual(4);
    }
  }
});
