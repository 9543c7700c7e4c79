/** Options that say nothing (no effects: "I don't know which servers", "another driver") move no cause. */
import { loadKnowledge } from '../../src/kb/load';
import { UNSURE_OPTION } from '../../src/kb/types';
import { addAnswer, addPaste, expectedGain, openCase, rankCase } from '../../src/triage';

const kb = loadKnowledge();
const PASTES = [
  'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - The semaphore timeout period has expired.)',
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)',
  "Login failed for user 'app'.",
];

const empty = kb.kb.questions.flatMap((q) => q.options.filter((o) => o.id !== UNSURE_OPTION && o.effects.every((e) => e.weight === 0)).map((o) => [q.id, o.id] as const));

test('the knowledge base has options without effects to check', () => {
  expect(empty.length).toBeGreaterThan(0);
});

test.each(empty)('answering %s with %s leaves every cause score where it was', (question, option) => {
  for (const text of PASTES) {
    const c = addPaste(openCase({ id: 'E1' }), text, kb).case;
    if (c.evidence.some((e) => e.kind === 'answer' && e.question === question)) continue;
    const before = rankCase(c, kb).causes.map((r) => [r.id, r.score]);
    expect(rankCase(addAnswer(c, question, option, kb), kb).causes.map((r) => [r.id, r.score])).toEqual(before);
  }
});

test('a question whose options all say nothing gains nothing', () => {
  const c = addPaste(openCase({ id: 'E2' }), PASTES[0], kb).case;
  const candidates = rankCase(c, kb).causes.map((r) => ({ id: r.id, p: r.score }));
  const q = { id: 'q', text: 'q?', options: [{ id: 'a', label: 'a', effects: [] }, { id: 'b', label: 'b', effects: [{ cause: 'dropped-firewall', weight: 0 }] }] };
  expect(expectedGain(q, candidates)).toBe(0);
});
