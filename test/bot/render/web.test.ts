import { renderWeb } from '../../../src/bot/render/web';
import { cardComplaints } from './adaptive-card-host';
import { expectGolden } from './golden';
import { samples } from './sample-messages';

describe('web renderer', () => {
  for (const [name, msg] of Object.entries(samples)) {
    test(`${name} renders as a card the adaptivecards package accepts`, () => {
      const activity = renderWeb(msg);
      const card = activity.attachments![0].content as Record<string, unknown>;
      expect(cardComplaints(card)).toEqual([]);
      expectGolden(`web-${name}`, activity);
    });
  }
});
