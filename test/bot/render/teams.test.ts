import { renderTeams } from '../../../src/bot/render/teams';
import { ADAPTIVE_CARD_TYPE } from '../../../src/bot/render/adaptive-card';
import { cardComplaints } from './adaptive-card-host';
import { expectGolden } from './golden';
import { CASE, samples } from './sample-messages';

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

  test('answer buttons submit the question, option and case ids', () => {
    const card = renderTeams(samples.question).attachments![0].content as { body: { type: string; actions?: { type: string; title: string; data: unknown }[] }[] };
    const buttons = card.body.find((e) => e.type === 'ActionSet')!.actions!;
    expect(buttons.map((a) => a.type)).toEqual(['Action.Submit', 'Action.Submit', 'Action.Submit']);
    expect(buttons[1]).toMatchObject({ title: 'Encrypt=False', data: { answer: { question: 'q-encrypt-setting', option: 'false', case: CASE } } });
  });

  test('a cause opens short: its checks, fixes with their risks and source sit in a folded container its toggle opens', () => {
    const card = renderTeams(samples.diagnosis).attachments![0].content as Record<string, unknown>;
    const json = JSON.stringify(card);
    const toggles = [...json.matchAll(/"targetElements":\["([^"]+)"\]/g)].map((m) => m[1]);
    expect(toggles).toHaveLength(2);
    for (const id of toggles) expect(json).toContain(`"id":"${id}","isVisible":false`);
    expect(json).toContain('Risk: weakens security (temporary: undo it once the real fix is in). The client no longer checks the server identity.');
  });

  test('markdown characters from pasted text are shown literally', () => {
    const card = JSON.stringify(renderTeams(samples.diagnosis).attachments![0].content);
    expect(card).toContain('a \\\\*wildcard\\\\* & <alias>');
  });
});
