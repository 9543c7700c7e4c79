/**
 * Every answer reachable on every channel: no option dropped, no label clipped, whatever the number
 * of options or the length of their labels. Checked for every question in the knowledge base too.
 */
import type { Question } from '../../../src/kb/types';
import { questionMessage } from '../../../src/messages/triage-messages';
import { renderSlack, SLACK_LIMITS } from '../../../src/bot/render/slack';
import { renderTeams } from '../../../src/bot/render/teams';
import { renderText } from '../../../src/bot/render/text';
import { renderWeb } from '../../../src/bot/render/web';
import { CHANNELS, knowledge, see } from '../../dialogs/harness';
import { cardComplaints } from './adaptive-card-host';
import { CASE, driverQuestion, question } from './sample-messages';

const kb = knowledge();
const questions: Question[] = [question, driverQuestion, ...kb.kb.questions];

function render(channel: (typeof CHANNELS)[number], q: Question) {
  const msg = questionMessage(q, { case: CASE });
  return channel === 'slack' ? renderSlack(msg) : channel === 'msteams' ? renderTeams(msg) : renderWeb(msg);
}

describe.each(CHANNELS)('on %s', (channel) => {
  test.each(questions.map((q) => [q.id, q] as const))('every option of "%s" can be chosen, with its whole label and the case', (_id, q) => {
    const seen = see(channel, render(channel, q));
    const answers = seen.buttons.filter((b) => 'answer' in b.value);
    expect(answers.map((b) => b.label)).toEqual(q.options.map((o) => o.label));
    expect(answers.map((b) => b.value)).toEqual(q.options.map((o) => ({ answer: { question: q.id, option: o.id, case: CASE } })));
  });
});

test('more than five options become a compact list with a submit (Teams, web) and a static_select (Slack)', () => {
  const card = renderTeams(questionMessage(driverQuestion, { case: CASE })).attachments![0].content as { body: Record<string, any>[] };
  const list = card.body.find((e) => e.type === 'Input.ChoiceSet')!;
  expect(list).toMatchObject({ style: 'compact', wrap: true, isRequired: true });
  expect(list.choices).toHaveLength(driverQuestion.options.length);
  expect(cardComplaints(card)).toEqual([]);
  const blocks = (renderSlack(questionMessage(driverQuestion, { case: CASE })).channelData as { blocks: Record<string, any>[] }).blocks;
  const select = blocks.flatMap((b) => b.elements ?? []).find((e: Record<string, any>) => e.type === 'static_select');
  expect(select.options).toHaveLength(driverQuestion.options.length);
  for (const o of select.options) {
    expect(o.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
    expect(o.value.length).toBeLessThanOrEqual(SLACK_LIMITS.optionValue);
  }
});

test('a few short options stay buttons; a long label turns them into a list instead of being cut', () => {
  const card = renderTeams(questionMessage(question, { case: CASE })).attachments![0].content as { body: Record<string, any>[] };
  expect(card.body.some((e) => e.type === 'Input.ChoiceSet')).toBe(false);
  const long: Question = { ...question, options: [...question.options.slice(0, 2), { id: 'x', label: 'Windows patches, TLS hardening or a security policy', effects: [] }] };
  const withLong = renderTeams(questionMessage(long, { case: CASE })).attachments![0].content as { body: Record<string, any>[] };
  expect(withLong.body.find((e) => e.type === 'Input.ChoiceSet')).toMatchObject({ style: 'expanded', wrap: true });
});

test('the terminal numbers every option and maps each number to its answer', () => {
  const activity = renderText(questionMessage(driverQuestion, { case: CASE }));
  driverQuestion.options.forEach((o, i) => expect(activity.text).toContain(`  ${i + 1}) ${o.label}\n`.trimEnd()));
  expect(activity.suggestedActions!.actions.slice(0, driverQuestion.options.length).map((a) => a.value)).toEqual(
    driverQuestion.options.map((o) => ({ answer: { question: 'driver', option: o.id, case: CASE } })),
  );
});

test('the web page gets exactly the card Teams gets', () => {
  const msg = questionMessage(driverQuestion, { case: CASE });
  expect(renderWeb(msg)).toEqual(renderTeams(msg));
});
