import { renderSlack, SLACK_LIMITS } from '../../../src/bot/render/slack';
import type { Message } from '../../../src/messages/model';
import { expectGolden } from './golden';
import { CASE, samples } from './sample-messages';

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
      { answer: { question: 'q-encrypt-setting', option: 'true', case: CASE } },
      { answer: { question: 'q-encrypt-setting', option: 'false', case: CASE } },
      { answer: { question: 'q-encrypt-setting', option: 'unsure', case: CASE } },
    ]);
  });

  test('every text Slack shows is escaped by the one function: a "<1%" score becomes "&lt;1%"', () => {
    const raw = JSON.stringify(renderSlack(samples.diagnosis).channelData);
    expect(raw).toContain('(&lt;1%)');
    expect(raw).not.toContain('(<1%)');
    expect(raw).toContain('&lt;alias&gt;');
    const mrkdwn = (v: unknown, out: string[]): string[] => {
      if (Array.isArray(v)) v.forEach((x) => mrkdwn(x, out));
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
        Object.values(o).forEach((x) => mrkdwn(x, out));
      }
      return out;
    };
    for (const msg of Object.values(samples)) {
      const activity = renderSlack(msg);
      // Only our own link syntax may carry '<' or '>': <https://...|label>.
      for (const t of [activity.text!, ...mrkdwn(activity.channelData, [])]) expect(t.replace(/<https:\/\/[^|<>]+\|[^<>]+>/g, '')).not.toMatch(/[<>]/);
    }
  });

  test('a cause shows one line and a "Details" button that names the cause and case', () => {
    const blocks = blocksOf(samples.diagnosis) as Record<string, any>[];
    const withDetails = blocks.filter((b) => b.accessory?.type === 'button');
    expect(withDetails.map((b) => JSON.parse(b.accessory.value))).toEqual([
      { command: 'details', arg: 'cert-self-signed', case: CASE },
      { command: 'details', arg: 'cert-name-mismatch', case: CASE },
    ]);
    expect(JSON.stringify(blocks)).not.toContain('How to fix');
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
