import { loadKnowledge } from '../../src/kb/load';
import { UNSURE_OPTION } from '../../src/kb/types';
import { addAnswer, addPaste, expectedGain, nextStep, openCase, rankCase, STOP_RULES } from '../../src/triage';
import type { Case } from '../../src/triage/types';

const kb = loadKnowledge();
const INTERMITTENT =
  'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - The semaphore timeout period has expired.)';

function pasted(text: string): Case {
  const out = addPaste(openCase({ id: 'U1' }), text, kb);
  expect(out.message).toBeUndefined();
  return out.case;
}

test('every question offers "Not sure / skip" with the id unsure and no effects', () => {
  for (const q of kb.kb.questions) {
    const unsure = q.options.find((o) => o.id === UNSURE_OPTION);
    expect({ question: q.id, unsure }).toEqual({ question: q.id, unsure: expect.objectContaining({ label: 'Not sure / skip', effects: [] }) });
  }
});

test.each(kb.kb.questions.map((q) => q.id))('answering %s with unsure leaves every cause score unchanged and the question is not asked again', (id) => {
  const c = pasted(INTERMITTENT);
  const before = rankCase(c, kb).causes.map((r) => [r.id, r.score]);
  const after = addAnswer(c, id, UNSURE_OPTION, kb);
  expect(rankCase(after, kb).causes.map((r) => [r.id, r.score])).toEqual(before);
  const next = nextStep(after, kb);
  if (next.kind === 'question') expect(next.question.id).not.toBe(id);
});

test('a skip-able question gains exactly what the same question without unsure gains', () => {
  const c = pasted(INTERMITTENT);
  const candidates = rankCase(c, kb).causes.map((r) => ({ id: r.id, p: r.score }));
  for (const q of kb.kb.questions) {
    const without = { ...q, options: q.options.filter((o) => o.id !== UNSURE_OPTION) };
    expect(expectedGain(q, candidates)).toBeCloseTo(expectedGain(without, candidates), 10);
  }
});

test('the engine stops asking after STOP_RULES.maxQuestions questions, skips included', () => {
  const saved = STOP_RULES.maxQuestions;
  STOP_RULES.maxQuestions = 2;
  try {
    let c = pasted(INTERMITTENT);
    for (let i = 0; i < 2; i++) {
      const step = nextStep(c, kb);
      if (step.kind !== 'question') throw new Error('expected a question');
      c = addAnswer(c, step.question.id, UNSURE_OPTION, kb);
    }
    expect(nextStep(c, kb)).toEqual(expect.objectContaining({ kind: 'done', reason: 'exhausted' }));
  } finally {
    STOP_RULES.maxQuestions = saved;
  }
});
