/** knowledge/signals/artifacts.yaml declares every signal the artifact readers can give, each with its reasoning. */
import { loadKnowledge } from '../../src/kb/load';
import { ERRORLOG_EVENTS } from '../../src/parse/artifacts/data/errorlog-events';
import { SCHANNEL_EVENTS } from '../../src/parse/artifacts/data/schannel-events';

const kb = loadKnowledge();
const artifactSignals = kb.kb.signals.filter((s) => s.producer === 'artifact');

test('every ERRORLOG event and Schannel event the readers know has a declared signal', () => {
  const ids = new Set(artifactSignals.map((s) => s.id));
  const missing = [
    ...ERRORLOG_EVENTS.filter((e) => e.id !== 'spn-not-registered').map((e) => `artifact:errorlog.${e.id}`),
    ...SCHANNEL_EVENTS.map((e) => `artifact:schannel.${e.id}`),
  ].filter((id) => !ids.has(id));
  expect(missing).toEqual([]);
});

test('every artifact signal says why, and its effects name causes of the knowledge base', () => {
  expect(artifactSignals.length).toBeGreaterThan(50);
  for (const s of artifactSignals) {
    expect(s.id.startsWith('artifact:')).toBe(true);
    expect((s.why ?? '').length).toBeGreaterThan(10);
    for (const e of s.effects) expect(kb.cause.has(e.cause)).toBe(true);
  }
});
