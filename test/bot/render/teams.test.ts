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

describe('preformatted text in a card (a pasted error, SQLCHECK evidence lines)', () => {
  // Card renderers (the Agents Playground, Teams) join the lines of a paragraph into one: each line is its own paragraph.
  const { monospaceText } = jest.requireActual('../../../src/bot/render/card-markdown') as typeof import('../../../src/bot/render/card-markdown');
  const paragraphs = (text: string) => text.split('\n\n');

  test('every line stays a line, blank lines included, none joined to the next', () => {
    const pasted = 'Client TLS 1.2   Enabled   False\nServer TLS 1.2   Enabled   True\n\n   at Foo.Bar()';
    expect(paragraphs(monospaceText(pasted))).toHaveLength(4);
    expect(monospaceText(pasted)).not.toMatch(/[^\n]\n[^\n]/);
  });

  test('columns and indentation keep their spaces; a line never turns into a list, a quote or a heading', () => {
    const [table, indented, dash, numbered, quote] = paragraphs(monospaceText('a   b\n   at X\n- not a list\n1. not a list\n> not a quote'));
    expect(table).toBe('a\u00a0\u00a0\u00a0b');
    expect(indented).toBe('\u00a0\u00a0\u00a0at X');
    expect(dash.startsWith('\\-')).toBe(true);
    expect(numbered.startsWith('1\\.')).toBe(true);
    expect(quote.startsWith('\\>')).toBe(true);
  });

  test('the findings card carries each evidence line as its own paragraph', () => {
    const blocks: { text: string; fontType?: string }[] = [];
    const findings = { blocks: [{ kind: 'findings' as const, title: 'SQLCHECK findings', findings: [{ id: 'TLS_CLIENT_TLS12_DISABLED', severity: 'high', summary: 'TLS 1.2 is off', evidence: ['Client TLS 1.2   Enabled   False', 'Client TLS 1.0   Enabled   True'] }] }], actions: [] } as unknown as Parameters<typeof renderTeams>[0];
    JSON.stringify(renderTeams(findings).attachments![0].content, (_k, v) => {
      if (v && v.type === 'TextBlock' && v.fontType === 'Monospace') blocks.push(v);
      return v;
    });
    expect(blocks.map((b) => b.text.split('\n\n'))).toEqual([['Client TLS 1.2\u00a0\u00a0\u00a0Enabled\u00a0\u00a0\u00a0False', 'Client TLS 1.0\u00a0\u00a0\u00a0Enabled\u00a0\u00a0\u00a0True']]);
  });
});
