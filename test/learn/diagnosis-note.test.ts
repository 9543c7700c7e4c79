/**
 * The diagnosis says when local history moved a cause, with the count behind it, through the
 * message model on every channel; with the knowledge base's own priors it says nothing of the kind.
 */
import { diagnose, addPaste, openCase } from '../../src/triage';
import { learnFromCases } from '../../src/learn/apply';
import { allText, CHANNELS, harness, knowledge } from '../dialogs/harness';
import { dhePaste, generateCases, LOGIN_PASTE } from './generated-cases';

const kb = knowledge();
const START = new Date('2026-10-01T08:00:00Z');
// 40 closed 10054 cases here: 12 were the DHE leading-zero bug, 28 an encryption-level mismatch.
const history = [
  ...generateCases(kb, { idPrefix: 'ST-DHE', paste: dhePaste, cause: 'tls-dhe-leading-zero', count: 12, start: START }),
  ...generateCases(kb, { idPrefix: 'ST-ENC', paste: (i) => dhePaste(100 + i), cause: 'tls-encryption-level-mismatch', count: 28, start: START }),
  ...generateCases(kb, { idPrefix: 'ST-LOGIN', paste: LOGIN_PASTE, cause: 'login-wrong-password', count: 5, start: START }),
];
const learned = learnFromCases(history, kb);
const PASTE = dhePaste(5000);

test('the engine notes the causes local history moved, counted among closed cases with the same error number', () => {
  const c = addPaste(openCase({ id: 'new' }), PASTE, learned).case;
  const d = diagnose(c, learned);
  const dhe = d.local?.find((n) => n.cause === 'tls-dhe-leading-zero');
  expect(dhe).toMatchObject({ seen: 12, of: 40, error: 10054 });
  expect(dhe!.localPrior).toBeGreaterThan(dhe!.defaultPrior);
  expect(d.causes.slice(0, 2).map((x) => x.id)).toEqual(['tls-encryption-level-mismatch', 'tls-dhe-leading-zero']);
  // The knowledge base's own priors: no such note.
  expect(diagnose(addPaste(openCase({ id: 'new' }), PASTE, kb).case, kb).local).toBeUndefined();
});

test.each(CHANNELS)('on %s the diagnosis says "seen in 12 of the last 40 closed 10054 cases here"', async (channel) => {
  const h = await harness(channel, { kb: learned });
  try {
    const shown = allText(await h.say(PASTE));
    expect(shown).toContain('seen in 12 of the last 40 closed 10054 cases here');
    expect(shown).toMatch(/local history raised it \(prior in its family 10% → \d+%\)/);
  } finally {
    await h.close();
  }
});
