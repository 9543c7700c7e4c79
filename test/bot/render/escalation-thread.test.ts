/** A long escalation summary on Slack: a thread of messages each within Slack's size, nothing cut. */
import { escalationSummary } from '../../../src/triage/escalation';
import { escalationMessage } from '../../../src/messages/escalation-message';
import { rendererFor } from '../../../src/bot/render';
import { escalationBlocks, SLACK_MESSAGE_TEXT } from '../../../src/bot/render/escalation/slack';
import { SLACK_LIMITS } from '../../../src/bot/render/slack';
import { FIXED_CASES, GENERATED_AT, kb } from '../../triage/escalation/cases';

const blockText = (b: Record<string, any>): string => b.text?.text ?? '';

test.each(Object.keys(FIXED_CASES))('the %s summary is split into messages Slack takes, in order, with nothing dropped', (name) => {
  const summary = escalationSummary(FIXED_CASES[name](), kb(), { now: GENERATED_AT, probeServers: [] });
  const out = rendererFor('slack')(escalationMessage(summary));
  const parts = Array.isArray(out) ? out : [out];
  const all = escalationBlocks(summary, undefined, Infinity).map(blockText).filter(Boolean);
  const sent: string[] = [];
  parts.forEach((p, i) => {
    const blocks = (p.channelData as { blocks: Record<string, any>[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    const size = blocks.filter((b) => b.type !== 'context').map(blockText).join('').length;
    // A part is over the size only when one block alone is (each block stays under Slack's section limit).
    if (blocks.length > 2) expect(size).toBeLessThanOrEqual(SLACK_MESSAGE_TEXT);
    if (i > 0) expect(blocks[0].elements[0].text).toContain(`part ${i + 1} of ${parts.length}`);
    sent.push(...blocks.filter((b) => b.type !== 'context').map(blockText).filter(Boolean));
  });
  expect(sent).toEqual(all);
});
