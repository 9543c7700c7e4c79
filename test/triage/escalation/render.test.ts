/**
 * Each rendering of the escalation summary for four fixed cases, against golden files; the JSON
 * against its published schema, the card through the adaptivecards parser, Slack against its limits.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { escalationSummary, renderEscalationJson, renderEscalationMarkdown } from '../../../src/triage/escalation';
import { CHAT_LIMITS } from '../../../src/triage/escalation/render/clip';
import { renderEscalationCard, renderEscalationSlack } from '../../../src/bot/render/escalation';
import { SLACK_LIMITS } from '../../../src/bot/render/slack';
import { TEAMS_CARD_BUDGET } from '../../../src/bot/render/escalation/adaptive-card';
import { cardComplaints } from '../../bot/render/adaptive-card-host';
import { CANARY, FIXED_CASES, GENERATED_AT, kb } from './cases';
import { expectGoldenText } from './golden';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../docs/escalation-schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
// ajv-formats is not a dependency; the one format the schema uses, checked the same way.
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

const summaries = Object.entries(FIXED_CASES).map(([name, make]) => ({ name, s: escalationSummary(make(), kb(), { now: GENERATED_AT, probeServers: ['sqlprod01'] }) }));

function renderings(s: ReturnType<typeof escalationSummary>): Record<string, string> {
  return {
    markdown: renderEscalationMarkdown(s),
    'markdown-chat': renderEscalationMarkdown(s, CHAT_LIMITS),
    json: renderEscalationJson(s),
    card: `${JSON.stringify(renderEscalationCard(s), null, 2)}\n`,
    slack: `${JSON.stringify(renderEscalationSlack(s), null, 2)}\n`,
  };
}

describe.each(summaries)('escalation of the $name case', ({ name, s }) => {
  const out = renderings(s);

  test('Markdown, chat Markdown, JSON, Adaptive Card and Block Kit match their golden files', () => {
    expectGoldenText(`${name}.md`, out.markdown);
    expectGoldenText(`${name}.chat.md`, out['markdown-chat']);
    expectGoldenText(`${name}.json`, out.json);
    expectGoldenText(`${name}.card.json`, out.card);
    expectGoldenText(`${name}.slack.json`, out.slack);
  });

  test('the JSON validates against docs/escalation-schema.json and carries its version', () => {
    const doc = JSON.parse(out.json);
    const ok = validate(doc);
    expect(ajv.errorsText(validate.errors)).toBe('No errors');
    expect(ok).toBe(true);
    expect(doc.schemaVersion).toBe(schema.properties.schemaVersion.const);
  });

  test('the Adaptive Card parses without complaints and folds long sections behind toggles', () => {
    const card = renderEscalationCard(s).attachments![0].content as { body: Record<string, unknown>[] };
    expect(cardComplaints(card)).toEqual([]);
    const hidden = card.body.filter((e) => e.isVisible === false).map((e) => e.id);
    const toggled = card.body.flatMap((e) => ((e.actions as { type: string; targetElements: string[] }[] | undefined) ?? []).flatMap((a) => (a.type === 'Action.ToggleVisibility' ? a.targetElements : [])));
    expect(hidden).toContain('section-evidence');
    expect(toggled.sort()).toEqual([...hidden].sort());
    expect(JSON.stringify(card).length).toBeLessThanOrEqual(TEAMS_CARD_BUDGET);
  });

  test('Block Kit stays inside Slack limits', () => {
    const blocks = (renderEscalationSlack(s).channelData as { blocks: { type: string; text?: { text: string } }[] }).blocks;
    expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    for (const b of blocks) if (b.type === 'section') expect(b.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
  });

  test('no rendering holds the canary password', () => {
    for (const text of Object.values(out)) expect(text).not.toContain(CANARY);
  });
});

test('the secrets case shows where secrets were removed, without them', () => {
  const s = summaries.find((x) => x.name === 'secrets')!.s;
  const paste = s.evidence.find((e) => e.kind === 'paste')!;
  expect(paste.kind === 'paste' && paste.redactions).toBeGreaterThanOrEqual(2);
  expect(JSON.stringify(s)).toContain('Password=***');
  expect(s.handoff.impact).toBe('Payroll down; app uses Password=***');
  expect(s.evidence.find((e) => e.kind === 'note')).toMatchObject({ text: 'we also tried pwd=***' });
});
