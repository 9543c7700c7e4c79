import { renderSlack, SLACK_LIMITS } from '../../../src/bot/render/slack';
import type { Message } from '../../../src/bot/messages/model';
import { expectGolden } from './golden';
import { samples } from './sample-messages';

type Blocks = { type: string; text?: { text: string }; elements?: { value: string; action_id: string; text: { text: string } }[]; fields?: unknown[] }[];
const blocksOf = (msg: Message): Blocks => (renderSlack(msg).channelData as { blocks: Blocks }).blocks;

describe('Slack renderer', () => {
  for (const [name, msg] of Object.entries(samples)) {
    test(`${name} renders as Block Kit with a text fallback, matching the golden file`, () => {
      const activity = renderSlack(msg);
      expect(activity.text).toBeTruthy();
      expect(activity.attachments).toBeUndefined();
      expectGolden(`slack-${name}`, activity);
    });
  }

  test('a button click carries the same answer payload as a Teams submit', () => {
    const actions = blocksOf(samples.question).find((b) => b.type === 'actions')!;
    expect(actions.elements!.map((e) => JSON.parse(e.value))).toEqual([
      { answer: { question: 'q-encrypt-setting', option: 'true' } },
      { answer: { question: 'q-encrypt-setting', option: 'false' } },
      { answer: { question: 'q-encrypt-setting', option: 'unknown' } },
    ]);
  });

  test('pasted angle brackets cannot become Slack links or mentions', () => {
    const msg: Message = { blocks: [{ kind: 'text', text: 'see <!channel> and <http://evil|click>' }], actions: [] };
    const text = blocksOf(msg)[0].text!.text;
    expect(text).toBe('see &lt;!channel&gt; and &lt;http://evil|click&gt;');
    expect(renderSlack(msg).text).not.toContain('<!channel>');
  });

  test('an oversized message stays within Block Kit limits and keeps its buttons', () => {
    const long = 'x'.repeat(5000);
    const msg: Message = {
      blocks: [
        { kind: 'heading', text: long },
        ...Array.from({ length: 80 }, () => ({ kind: 'text' as const, text: long })),
        { kind: 'facts', facts: Array.from({ length: 23 }, (_, i) => ({ label: `f${i}`, value: long })) },
      ],
      actions: Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, label: long, value: { command: 'help' as const } })),
    };
    const blocks = blocksOf(msg);
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(blocks[blocks.length - 1].type).toBe('actions');
    for (const b of blocks) {
      if (b.type === 'header') expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      if (b.fields) expect(b.fields.length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
      for (const e of b.elements ?? []) expect(e.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    }
    expect(blocks[blocks.length - 1].elements).toHaveLength(SLACK_LIMITS.actionsPerBlock);
  });
});
