/**
 * Honest confidence: the shown cause scores are the model's log-odds tempered by knowledge/calibration.yaml.
 * Calibrating changes how sure the bot sounds, never the order of causes nor the questions it asks.
 */
import { loadKnowledge } from '../../src/kb/load';
import { confidenceTemperature } from '../../src/classify/calibration';
import { addPaste, nextStep, openCase } from '../../src/triage';
import { scoreCase } from '../../src/triage/rank';
import { evaluateHalf } from '../../bench/stories';

const kb = loadKnowledge();
const PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';

test('the fitted calibration is loaded from knowledge/calibration.yaml and sounds less sure, never more, with fewer answers', () => {
  expect(kb.kb.calibration?.confidence.temperature).toBeGreaterThan(0);
  for (let n = 0; n < 6; n++) expect(confidenceTemperature(kb.kb, n)).toBeGreaterThanOrEqual(confidenceTemperature(kb.kb, n + 1));
});

test('calibrated scores keep the order of the model and the question asked', () => {
  const c = addPaste(openCase({ id: 'C1' }), PASTE, kb).case;
  const { ranking, posterior } = scoreCase(c, kb);
  expect(ranking.causes.map((r) => r.id)).toEqual(posterior.map((r) => r.id));
  const saved = kb.kb.calibration;
  try {
    const step = nextStep(c, kb);
    kb.kb.calibration = { confidence: { temperature: 3, fewAnswersTemperature: 2 } };
    const c2 = addPaste(openCase({ id: 'C1' }), PASTE, kb).case;
    const hot = scoreCase(c2, kb);
    expect(hot.ranking.causes.map((r) => r.id)).toEqual(ranking.causes.map((r) => r.id));
    expect(hot.ranking.causes[0].score).toBeLessThan(ranking.causes[0].score);
    expect(nextStep(c2, kb)).toEqual(step);
  } finally {
    kb.kb.calibration = saved;
  }
});

// With about 100 stories a bucket's share moves by a whole story at a time: a bucket may fall short of
// the one below by at most one story's worth, more is a calibration that claims more than it delivers.
test('on the tuning stories the reliability table is monotone (to one story): a higher stated confidence is right at least as often', () => {
  const { figures } = evaluateHalf('tuning', kb);
  const rows = figures!.reliability.filter((r) => r.n >= 5);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  const table = rows.map((r) => `${r.bucket} ${r.n} ${(r.share! * 100).toFixed(0)}%`).join(', ');
  rows.forEach((r, i) => {
    if (i > 0 && r.share! < rows[i - 1].share! - 1 / Math.min(r.n, rows[i - 1].n)) throw new Error(`reliability not monotone: ${table}`);
  });
});
