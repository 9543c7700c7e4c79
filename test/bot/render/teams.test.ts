import { renderTeams } from '../../../src/bot/render/teams';
import { ADAPTIVE_CARD_TYPE } from '../../../src/bot/render/adaptive-card';
import { cardComplaints } from './adaptive-card-host';
import { expectGolden } from './golden';
import { samples } from './sample-messages';

describe('Teams renderer', () => {
  for (const [name, msg] of Object.entries(samples)) {
    test(`${name} renders as a valid Adaptive Card 1.5 matching the golden file`, () => {
      const activity = renderTeams(msg);
      expect(activity.attachments).toHaveLength(1);
      const [att] = activity.attachments!;
      expect(att.contentType).toBe(ADAPTIVE_CARD_TYPE);
      expect(cardComplaints(att.content)).toEqual([]);
      expectGolden(`teams-${name}`, activity);
    });
  }

  test('answer buttons submit the question and option ids', () => {
    const card = renderTeams(samples.question).attachments![0].content as { actions: { type: string; title: string; data: unknown }[] };
    expect(card.actions.map((a) => a.type)).toEqual(['Action.Submit', 'Action.Submit', 'Action.Submit']);
    expect(card.actions[1]).toMatchObject({ title: 'Encrypt=False', data: { answer: { question: 'q-encrypt-setting', option: 'false' } } });
  });

  test('markdown characters from pasted text are shown literally', () => {
    const card = JSON.stringify(renderTeams(samples.diagnosis).attachments![0].content);
    expect(card).toContain('a \\\\*wildcard\\\\* & <alias>');
  });
});
