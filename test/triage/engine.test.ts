import { loadKnowledge } from '../../src/kb/load';
import { addAnswer, addNote, addPaste, addProbe, diagnose, expectedGain, nextStep, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';

const kb = loadKnowledge();
const REFUSED =
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. ' +
  '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
const INTERMITTENT =
  'A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - The semaphore timeout period has expired.)';

function pasted(text: string): Case {
  const out = addPaste(openCase({ id: 'T1' }), text, kb);
  expect(out.message).toBeUndefined();
  return out.case;
}

test('a pasted error opens the diagnosis on its family, with causes of that family first', () => {
  const c = pasted(REFUSED);
  const d = diagnose(c, kb);
  expect(d.family?.id).toBe('connection-refused');
  expect(d.causes.length).toBeGreaterThan(0);
  expect(d.causes[0].family).toBe('connection-refused');
  expect(d.causes[0].checks.length).toBeGreaterThan(0);
  expect(d.causes[0].fixes.length).toBeGreaterThan(0);
  expect(d.causes[0].source.url).toMatch(/^https:\/\//);
});

test('the engine asks a question while causes are close, and each answer re-ranks and is recorded', () => {
  let c = pasted(INTERMITTENT);
  const step = nextStep(c, kb);
  expect(step.kind).toBe('question');
  if (step.kind !== 'question') return;
  const before = rankCase(c, kb).causes.map((r) => r.id);
  // Answer with the option that moves the ranking the most.
  const option = step.question.options[0];
  c = addAnswer(c, step.question.id, option.id, kb);
  expect(c.evidence.at(-1)).toEqual(expect.objectContaining({ kind: 'answer', question: step.question.id, option: option.id }));
  expect(c.history).toHaveLength(2);
  const after = rankCase(c, kb).causes.map((r) => r.id);
  const d = diagnose(c, kb);
  expect(before.join() !== after.join() || d.changes.length > 0).toBe(true);
  // The same question is not asked twice.
  const next = nextStep(c, kb);
  if (next.kind === 'question') expect(next.question.id).not.toBe(step.question.id);
});

test('answering until the engine stops ends with a leader or with the questions exhausted, and offers next steps', () => {
  let c = pasted(INTERMITTENT);
  for (let i = 0; i < 30; i++) {
    const step = nextStep(c, kb);
    if (step.kind === 'done') {
      expect(['leader', 'exhausted']).toContain(step.reason);
      expect(step.offers).toContain('escalate');
      return;
    }
    c = addAnswer(c, step.question.id, step.question.options[0].id, kb);
  }
  throw new Error('the engine never stopped asking');
});

test('a changed answer replaces the earlier one', () => {
  let c = pasted(INTERMITTENT);
  const q = kb.kb.questions.find((x) => x.id === 'frequency')!;
  c = addAnswer(c, q.id, q.options[0].id, kb);
  c = addAnswer(c, q.id, q.options[1].id, kb);
  const answers = c.evidence.filter((e) => e.kind === 'answer');
  expect(answers).toHaveLength(1);
  expect(answers[0]).toEqual(expect.objectContaining({ option: q.options[1].id }));
  expect(new Set(c.evidence.map((e) => e.id)).size).toBe(c.evidence.length);
});

test('an answer to an unknown question or option is refused', () => {
  const c = pasted(INTERMITTENT);
  expect(() => addAnswer(c, 'no-such-question', 'x', kb)).toThrow(/unknown question/);
  expect(() => addAnswer(c, 'frequency', 'no-such-option', kb)).toThrow(/no answer/);
});

test('probe signals are evidence: a refused TCP probe lifts the causes it points at', () => {
  const c = pasted('Login timeout expired. A network-related or instance-specific error has occurred while establishing a connection to SQL Server.');
  const signal = kb.kb.signals.find((s) => s.id === 'probe:tcp.refused');
  expect(signal).toBeDefined();
  const target = [...signal!.effects].sort((a, b) => b.weight - a.weight)[0].cause;
  const before = rankCase(c, kb).causes.find((r) => r.id === target)!.score;
  const probed = addProbe(c, 'erp-prod', { steps: [] }, ['probe:tcp.refused'], kb);
  const after = rankCase(probed, kb).causes.find((r) => r.id === target)!.score;
  expect(after).toBeGreaterThan(before);
});

test('empty, binary and oversize pastes leave the case unchanged with a clear message', () => {
  const c = openCase({ id: 'T2' });
  for (const text of ['', '\u0000\u0001\u0002'.repeat(100), 'x'.repeat(3 * 1024 * 1024)]) {
    const out = addPaste(c, text, kb);
    expect(out.message).toMatch(/empty|binary|larger/);
    expect(out.case).toBe(c);
  }
});

test('notes and what was tried are kept on the case without changing the ranking', () => {
  const c = pasted(REFUSED);
  const noted = addNote(c, 'tried', 'restarted the SQL Server service');
  expect(noted.evidence.at(-1)).toEqual(expect.objectContaining({ kind: 'tried', text: 'restarted the SQL Server service' }));
  expect(rankCase(noted, kb).causes[0].id).toBe(rankCase(c, kb).causes[0].id);
});

test('question choice prefers a question whose answers split the likely causes', () => {
  const causes = [
    { id: 'a', p: 0.5 },
    { id: 'b', p: 0.5 },
  ];
  const splitting = { id: 's', text: 'split?', options: [{ id: 'x', label: 'x', effects: [{ cause: 'a', weight: 3 }] }, { id: 'y', label: 'y', effects: [{ cause: 'b', weight: 3 }] }] };
  const useless = { id: 'u', text: 'useless?', options: [{ id: 'x', label: 'x', effects: [] }, { id: 'y', label: 'y', effects: [] }] };
  expect(expectedGain(splitting, causes)).toBeGreaterThan(0.5);
  expect(expectedGain(useless, causes)).toBeCloseTo(0, 6);
});

test('when questions end, a probe is offered for network families but not for a rejected login', () => {
  const finish = (text: string) => {
    let c = pasted(text);
    for (let i = 0; i < 30; i++) {
      const step = nextStep(c, kb);
      if (step.kind === 'done') return step.offers;
      c = addAnswer(c, step.question.id, step.question.options[0].id, kb);
    }
    throw new Error('never stopped');
  };
  expect(finish(REFUSED)).toContain('probe');
  expect(finish("Login failed for user 'report'. Reason: Password did not match that for the login provided. [CLIENT: 10.1.2.3]")).not.toContain('probe');
});
