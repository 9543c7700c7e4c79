/**
 * The guided triage through the real bot on Teams, Slack and the web page: every branch of the
 * loop, asserted on what each channel would show (Adaptive Card, Block Kit).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { knowledgeDir } from '../../src/kb/paths';
import { rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';
import { allText, CHANNELS, harness, Harness, knowledge, lastButtons, Seen } from './harness';
import { sharedDir } from '../../src/kb/paths';

const CERT_PASTE =
  'A connection was successfully established with the server, but then an error occurred during the login process. ' +
  '(provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)';
const REFUSED_PASTE = 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';

async function theCase(h: Harness): Promise<Case> {
  const [c] = await h.store.cases.list({ limit: 1 });
  return c;
}

/** Answers each question with the option that most favours the current leader, until the bot stops asking. */
async function answerTowardsLeader(h: Harness, seen: Seen[]): Promise<Seen[]> {
  const kb = knowledge();
  for (let i = 0; i < 12; i++) {
    const buttons = lastButtons(seen);
    const answers = buttons.filter((b) => 'answer' in b.value);
    if (answers.length === 0) return seen;
    const top = rankCase(await theCase(h), kb).causes[0].id;
    const weight = (b: Seen['buttons'][number]): number => {
      const v = b.value as { answer: { question: string; option: string } };
      const o = kb.question.get(v.answer.question)!.options.find((x) => x.id === v.answer.option)!;
      return o.effects.find((e) => e.cause === top)?.weight ?? 0;
    };
    const best = [...answers].sort((a, b) => weight(b) - weight(a))[0];
    seen = await h.press(best.value);
  }
  throw new Error('the bot kept asking after 12 answers');
}

describe.each(CHANNELS)('triage on %s', (channel) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(channel);
  });
  afterEach(async () => h.close());

  test('a paste gets one reply: the short diagnosis and the best question, every option reachable', async () => {
    const seen = await h.say(CERT_PASTE);
    expect(seen).toHaveLength(1);
    const [reply] = seen;
    expect(reply.text).toContain('Server certificate not accepted');
    expect(reply.text).toMatch(/\d+%/);
    expect(reply.text).toContain('From your paste');
    // Checks, fixes and source wait behind a toggle (cards) or a "Details" button (Slack).
    if (channel === 'slack') {
      expect(reply.text).not.toContain('How to fix');
      expect(reply.buttons.filter((b) => b.kind === 'details').length).toBeGreaterThan(0);
    } else {
      const card = JSON.stringify(reply.raw.attachments![0].content);
      expect(card).toContain('Action.ToggleVisibility');
      expect(card).toContain('"isVisible":false');
      expect(reply.text).toContain('How to fix');
    }
    const kb = knowledge();
    const asked = kb.kb.questions.find((q) => reply.text.includes(q.text))!;
    expect(asked).toBeDefined();
    const c = await theCase(h);
    expect(lastButtons(seen).map((b) => b.label)).toEqual(asked.options.map((o) => o.label));
    expect(lastButtons(seen)[0].value).toEqual({ answer: { question: asked.id, option: asked.options[0].id, case: c.id } });
    expect(c.evidence.map((e) => e.kind)).toEqual(['paste']);
  });

  test('an answer re-ranks the causes, shows what changed, and asks the next question', async () => {
    const first = await h.say(CERT_PASTE);
    const button = lastButtons(first)[0];
    const seen = await h.press(button);
    expect(seen[0].text).toContain(`You answered: ${button.label}.`);
    expect(seen[0].text).toContain('What changed');
    expect(seen[0].text).toMatch(/\d+% → \d+% \((up|down)\)/);
    const next = lastButtons(seen);
    expect(next.length).toBeGreaterThan(0);
    expect(next[0].value).not.toEqual(button.value);
    const c = await theCase(h);
    expect(c.evidence.map((e) => e.kind)).toEqual(['paste', 'answer']);
    expect(c.history).toHaveLength(2);
  });

  test('typing the number of an option answers it like the button', async () => {
    const first = await h.say(CERT_PASTE);
    const second = lastButtons(first)[1];
    const seen = await h.say('2');
    expect(seen[0].text).toContain(`You answered: ${second.label}.`);
    const answer = (await theCase(h)).evidence.find((e) => e.kind === 'answer');
    const { question, option } = (second.value as { answer: { question: string; option: string } }).answer;
    expect(answer).toMatchObject({ question, option });
  });

  test('stops asking when one cause clearly leads and offers the next steps', async () => {
    const seen = await answerTowardsLeader(h, await h.say(CERT_PASTE));
    const done = seen[seen.length - 1];
    expect(done.text).toContain('Most likely:');
    expect(done.text).toContain('That fixed it');
    const c = await theCase(h);
    // No prober configured on this bot, so no probe button.
    expect(lastButtons(seen).map((b) => b.value)).toEqual([{ command: 'resolve', case: c.id }, { command: 'sqlcheck', case: c.id }, { command: 'escalate', case: c.id }]);
    const sqlcheck = await h.press({ command: 'sqlcheck' });
    expect(allText(sqlcheck)).toContain('SQLCHECK');
    expect(allText(sqlcheck)).toContain('attach both');
  });

  test('a second paste joins the same case and the question loop goes on', async () => {
    await h.say(CERT_PASTE);
    const seen = await h.say(REFUSED_PASTE);
    expect(seen[0].text).toMatch(/\d+%/);
    expect(lastButtons(seen).length).toBeGreaterThan(0);
    const all = await h.store.cases.list();
    expect(all).toHaveLength(1);
    expect(all[0].evidence.map((e) => e.kind)).toEqual(['paste', 'paste']);
  });

  test('"start over" opens a new case and keeps the old one', async () => {
    await h.say(CERT_PASTE);
    const before = await theCase(h);
    const seen = await h.say('start over');
    expect(seen[0].text).toMatch(/Started a new case \(.+\)/);
    await h.say(REFUSED_PASTE);
    const all = await h.store.cases.list();
    expect(all).toHaveLength(2);
    const now = all.find((c) => c.id !== before.id)!;
    expect(seen[0].text).toContain(now.id);
    expect(now.evidence).toHaveLength(1);
    expect((await h.store.cases.get(before.id))!.evidence).toHaveLength(1);
  });

  test('"help" lists what the bot does and leaves the open question answerable', async () => {
    const first = await h.say(CERT_PASTE);
    const seen = await h.say('help');
    const text = allText(seen);
    for (const word of ['probe NAME', 'escalate', 'start over', 'SQLCHECK']) expect(text).toContain(word);
    const after = await h.press(lastButtons(first)[0]);
    expect(after[0].text).toContain('You answered:');
  });

  test('empty and binary input get a clear message and the case keeps what it had', async () => {
    await h.say(CERT_PASTE);
    const empty = await h.say('   ');
    expect(allText(empty)).toContain('empty message');
    const binary = await h.say('\u0001\u0002\u0003\u0004\u0005\u0006 MZ\u0000\u0000\u0007\u0008');
    expect(allText(binary)).toContain('binary');
    expect((await theCase(h)).evidence).toHaveLength(1);
  });

  test('an attached SQLCHECK report is read as a paste', async () => {
    const report = fs.readFileSync(path.join(sharedDir(), 'fixtures', 'sqlcheck', 'c_alias_wrong_port.txt'));
    const seen = await h.say({
      type: 'message',
      text: 'client side report',
      attachments: [{ contentType: 'text/plain', name: 'SQLCHECK_APP01.txt', contentUrl: `data:text/plain;base64,${report.toString('base64')}` }],
    });
    expect(seen[0].text).toContain('SQLCHECK report');
    expect(seen[0].text).toMatch(/SQLCHECK findings from \S+/);
    expect(seen[0].text).toMatch(/\[(high|medium|low)\] [A-Z0-9_]+/);
    const c = await theCase(h);
    expect(c.evidence.map((e) => e.kind)).toEqual(['note', 'sqlcheck']);
  });

  test('a button of a question already answered is refused, naming the case, and changes nothing', async () => {
    const first = await h.say(CERT_PASTE);
    const old = lastButtons(first)[1];
    await answerTowardsLeader(h, first);
    const before = await theCase(h);
    const seen = await h.press(old);
    expect(allText(seen)).toContain(`already answered in case ${before.id}`);
    expect(allText(seen)).toContain('Nothing changed');
    expect(await theCase(h)).toEqual(before);
  });
});

describe('questions running out', () => {
  test('with one question left in the knowledge base, the bot says so after it and offers next steps', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-kb-'));
    fs.cpSync(knowledgeDir(), dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'questions.yaml'),
      [
        'questions:',
        '  - id: only-one',
        '    text: Did it ever work from this client?',
        '    options:',
        '      - id: "yes"',
        '        label: "Yes"',
        '        effects: [{ cause: cert-self-signed-untrusted, weight: 1 }, { cause: cert-encrypt-default-changed, weight: -1 }]',
        '      - id: "no"',
        '        label: "No"',
        '        effects: [{ cause: cert-self-signed-untrusted, weight: -1 }, { cause: cert-encrypt-default-changed, weight: 1 }]',
        '      - id: unsure',
        '        label: Not sure / skip',
        '        effects: []',
        '',
      ].join('\n'),
    );
    for (const channel of CHANNELS) {
      const h = await harness(channel, { kb: knowledge(dir) });
      const first = await h.say(CERT_PASTE);
      expect(lastButtons(first).map((b) => b.label)).toEqual(['Yes', 'No', 'Not sure / skip']);
      const seen = await h.press(lastButtons(first)[1]);
      const done = seen[seen.length - 1];
      expect(done.text).toContain('no more questions');
      expect(lastButtons(seen).map((b) => b.label)).toEqual(['That fixed it', 'Run SQLCHECK on both ends', 'Escalate']);
      await h.close();
    }
  });
});

describe('a restart in the middle of a triage', () => {
  test.each(CHANNELS)('on %s continues the case from the data file', async (channel) => {
    const h1 = await harness(channel);
    const first = await h1.say(CERT_PASTE);
    await h1.close();
    const h2 = await harness(channel, { dir: h1.dir });
    const seen = await h2.say('1');
    expect(seen[0].text).toContain(`You answered: ${lastButtons(first)[0].label}.`);
    const all = await h2.store.cases.list();
    expect(all).toHaveLength(1);
    expect(all[0].evidence.map((e) => e.kind)).toEqual(['paste', 'answer']);
    await h2.close();
  });
});

describe('Teams channels', () => {
  test('a new post in a channel is answered in its thread', async () => {
    const h = await harness('msteams', { conversation: { id: '19:general@thread.tacv2', conversationType: 'channel', isGroup: true } });
    await h.say({ type: 'message', id: '1700000000123', text: '<at>sqltriage</at> help', recipient: { id: 'bot-1', name: 'sqltriage' } });
    const replies = h.lastRaw.filter((a) => a.type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    for (const r of replies) expect(r.conversation!.id).toBe('19:general@thread.tacv2;messageid=1700000000123');
    await h.close();
  });
});
