/** The one rounding rule every percentage goes through (chat, cards, CLI text, case list, escalation); --json keeps raw numbers. */
import fc from 'fast-check';
import { percent, roundScore } from '../../src/messages/percent';

test.each([
  [0.878, '88%'],
  [0.995, '99%'],
  [0.9999, '99%'],
  [1, '100%'],
  [0.004, '<1%'],
  [0, '0%'],
  [0.5, '50%'],
])('%p shows as %s', (score, shown) => {
  expect(percent(score)).toBe(shown);
});

test('a score and its 4-decimal rounding (what --json prints) always show the same percentage', () => {
  fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (score) => percent(score) === percent(roundScore(score))));
  for (const score of [0.87496, 0.87495, 0.99995, 0.99994, 0.00004, 0.00005, 0.005, 0.00499]) expect(percent(score)).toBe(percent(roundScore(score)));
});

test.each([
  [0.87496, 0.875, '88%'],
  [0.99995, 0.9999, '99%'],
  [0.99994, 0.9999, '99%'],
  [1, 1, '100%'],
  [0.00004, 0.0001, '<1%'],
  [0, 0, '0%'],
])('%p rounds to %p and shows as %s', (score, rounded, shown) => {
  expect(roundScore(score)).toBe(rounded);
  expect(percent(score)).toBe(shown);
});
