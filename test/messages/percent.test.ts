/** The one rounding rule every percentage goes through (chat, cards, CLI text, case list, escalation); --json keeps raw numbers. */
import { percent } from '../../src/messages/percent';

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
