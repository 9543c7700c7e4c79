/**
 * The conversation a user expects, on every channel: a short first reply within its budget, small
 * talk answered in one line, "That fixed it" closing the case with its cause, an escalated case
 * frozen (new evidence opens a linked follow-up case), and old buttons refused with the case named.
 */
import type { Activity } from 'botbuilder';
import { allText, CHANNELS, harness, Harness, lastButtons, Seen } from './harness';

/** A 10054 as SqlClient prints it: the paste whose first reply used to be a 24 KB card. */
export const PASTE_10054 = [
  "Microsoft.Data.SqlClient.SqlException (0x80131904): A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)",
  ' ---> System.ComponentModel.Win32Exception (10054): An existing connection was forcibly closed by the remote host.',
  '   at Microsoft.Data.SqlClient.SqlInternalConnection.OnError(SqlException exception, Boolean breakConnection, Action`1 wrapCloseInAction)',
  'ClientConnectionId:3c1f8a52-2d8e-4f0b-9b1e-0a3c9d1e2f44',
  'Error Number:10054,State:0,Class:20',
].join('\n');

/** The characters a user reads in a reply as it opens (folded details not counted). */
export function visibleText(a: Partial<Activity>): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.isVisible === false) return;
    for (const key of ['text', 'title', 'value', 'label', 'placeholder']) if (typeof o[key] === 'string' && !String(o[key]).startsWith('{')) out.push(o[key] as string);
    Object.entries(o).forEach(([k, x]) => k !== 'data' && walk(x));
  };
  if (a.attachments?.length) walk(a.attachments.map((x) => x.content));
  else if ((a.channelData as { blocks?: unknown })?.blocks) walk((a.channelData as { blocks: unknown }).blocks);
  else out.push(a.text ?? '');
  return out.join('\n');
}

/** A reply's budget: what it shows when it opens, and (cards) the whole payload Teams accepts. */
export const TEXT_BUDGET = 4096;
export const PAYLOAD_BUDGET = 24_000;

async function theCase(h: Harness) {
  const [c] = await h.store.cases.list({ limit: 1 });
  return c;
}

function resolveButton(seen: Seen[]) {
  return lastButtons(seen).find((b) => b.label === 'That fixed it');
}

describe.each(CHANNELS)('on %s', (channel) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(channel);
  });
  afterEach(async () => h.close());

  test('the first reply to a 10054 paste is one short message within the budget, with no "Most likely" repeat', async () => {
    const seen = await h.say(PASTE_10054);
    expect(seen).toHaveLength(1);
    const text = visibleText(seen[0].raw);
    expect(text.length).toBeLessThanOrEqual(TEXT_BUDGET);
    expect(JSON.stringify(seen[0].raw).length).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    expect(text).toMatch(/OS error 10054/);
    expect(allText(seen).match(/Most likely:/g) ?? []).toHaveLength(0);
  });

  test.each(['hi', 'Thanks!', 'ok'])('"%s" gets one line: no diagnosis, no case, and the open question stays open', async (word) => {
    const alone = await h.say(word);
    expect(alone).toHaveLength(1);
    expect(alone[0].text.split('\n')).toHaveLength(1);
    expect(alone[0].text).not.toMatch(/%/);
    expect(await h.store.cases.list()).toHaveLength(0);
    const first = await h.say(PASTE_10054);
    const before = await theCase(h);
    const again = await h.say(word);
    expect(again).toHaveLength(1);
    expect(again[0].text).not.toMatch(/%/);
    expect(await theCase(h)).toEqual(before);
    const after = await h.press(lastButtons(first)[0]);
    expect(after[0].text).toContain('You answered:');
  });

  test('"That fixed it" asks which cause, and closes the case with it; later answers are refused', async () => {
    const first = await h.say(PASTE_10054);
    const old = lastButtons(first)[0];
    const c0 = await theCase(h);
    const asked = await h.press({ command: 'resolve', case: c0.id });
    const causes = lastButtons(asked);
    expect(causes[causes.length - 1].label).toBe('Something else');
    const closed = await h.press(causes[0]);
    expect(allText(closed)).toMatch(new RegExp(`Case ${c0.id} is closed \\(confirmed cause: `));
    const c1 = await theCase(h);
    expect(c1).toMatchObject({ id: c0.id, status: 'resolved', confirmedCause: (causes[0].value as { answer: { option: string } }).answer.option });
    const stale = await h.press(old);
    expect(allText(stale)).toContain(`Case ${c0.id} is closed`);
    expect(allText(stale)).toContain('Nothing changed');
    expect(await h.store.cases.get(c0.id)).toEqual(c1);
  });

  test('"Something else" takes a note and closes the case without a confirmed cause', async () => {
    await h.say(PASTE_10054);
    const c0 = await theCase(h);
    const asked = await h.press({ command: 'resolve', case: c0.id });
    const other = lastButtons(asked).find((b) => b.label === 'Something else')!;
    const prompt = await h.press(other);
    expect(allText(prompt)).toContain('What fixed it?');
    await h.say('the load balancer idle timeout was raised');
    const c1 = (await h.store.cases.get(c0.id))!;
    expect(c1.status).toBe('resolved');
    expect(c1.confirmedCause).toBeUndefined();
    expect(c1.resolution?.note).toBe('the load balancer idle timeout was raised');
  });

  test('an escalated case is frozen: old buttons change nothing, new evidence opens a follow-up case linked to it', async () => {
    const first = await h.say(PASTE_10054);
    const old = lastButtons(first)[0];
    await h.say('escalate');
    await h.say('skip');
    await h.say('skip');
    const escalated = await theCase(h);
    expect(escalated.status).toBe('escalated');
    const stale = await h.press(old);
    expect(allText(stale)).toContain(`Case ${escalated.id}`);
    expect(allText(stale)).toContain('Nothing changed');
    expect(allText(stale)).toMatch(/escalated, so it is frozen/);
    expect(await h.store.cases.get(escalated.id)).toEqual(escalated);
    const more = await h.say('Login failed for user app_user. (Microsoft SQL Server, Error: 18456)');
    expect(allText(more)).toContain(`Case ${escalated.id} is escalated and frozen`);
    const all = await h.store.cases.list();
    expect(all).toHaveLength(2);
    const follow = all.find((c) => c.id !== escalated.id)!;
    expect(follow.followUpOf).toBe(escalated.id);
    expect(await h.store.cases.get(escalated.id)).toEqual(escalated);
    expect(resolveButton(more) ?? lastButtons(more)[0]).toBeDefined();
  });

  test('a button from another case in this conversation is refused, naming both cases', async () => {
    const first = await h.say(PASTE_10054);
    const old = lastButtons(first)[0];
    const before = await theCase(h);
    await h.say('start over');
    const now = await theCase(h);
    const seen = await h.press(old);
    expect(allText(seen)).toContain(`That button belongs to case ${before.id}, not to this conversation's case ${now.id}`);
    expect(await h.store.cases.get(before.id)).toEqual(before);
  });
});
