import { renderText } from '../../../src/bot/render/text';
import { rendererFor, renderSlack, renderTeams, renderWeb } from '../../../src/bot/render';
import { expectGolden } from './golden';
import { CASE, samples } from './sample-messages';

describe('text renderer', () => {
  for (const [name, msg] of Object.entries(samples)) {
    test(`${name} renders as plain text matching the golden file`, () => {
      const activity = renderText(msg);
      expect(activity.attachments).toBeUndefined();
      expectGolden(`text-${name}`, activity);
    });
  }

  test('buttons become numbered choices that carry the answer', () => {
    const activity = renderText(samples.question);
    expect(activity.text).toContain('  1) Encrypt=True or Mandatory\n  2) Encrypt=False\n  3) Not sure / skip');
    expect(activity.suggestedActions!.actions[2].value).toEqual({ answer: { question: 'q-encrypt-setting', option: 'unsure', case: CASE } });
  });
});

describe('renderer choice by channel', () => {
  test.each([
    ['msteams', renderTeams],
    ['emulator', renderWeb],
    ['webchat', renderWeb],
    ['directline', renderWeb],
    ['test', renderWeb],
    ['cli', renderText],
    ['something-new', renderText],
  ])('%s', (channel, expected) => {
    expect(rendererFor(channel)).toBe(expected);
  });

  test('slack renders ordinary messages with the Block Kit renderer', () => {
    const msg = samples.question;
    expect(rendererFor('slack')(msg)).toEqual(renderSlack(msg));
  });
});
