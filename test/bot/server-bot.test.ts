/** The real bot (createBot) behind the real server: what a user of the local chat page sees. */
import { readDataFile } from '../../src/store';
import { createBot } from '../../src/bot/bot';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge } from '../../src/kb/compiled';
import type { Case } from '../../src/triage/types';
import { firstAnswer, removeDir, say, startServer, type BotFactory, type Reply } from './server-harness';

const kb = indexKnowledge(buildKnowledge());
const realBot: BotFactory = (s) => createBot({ storage: s.storage, cases: s.cases, audit: s.audit, kb });

const TLS_PASTE =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. ' +
  '(provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';
const REFUSED_PASTE =
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. ' +
  '(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';

const everything = (replies: Reply[]) => JSON.stringify(replies);

async function casesOnDisk(dir: string): Promise<Case[]> {
  return Object.values((await readDataFile(`${dir}/sqltriage.json`)).cases);
}

describe('the bot through /api/messages', () => {
  it('answers a pasted error with the diagnosis card and a follow-up question as buttons', async () => {
    const running = await startServer({ bot: realBot });
    const { status, replies } = await say(running.url, 'diag', TLS_PASTE);
    expect(status).toBe(200);
    const card = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
    expect(card).toBeDefined();
    expect(everything(replies)).toContain('TLS handshake failure');
    expect(everything(replies)).toContain('How to fix');
    expect(firstAnswer(replies)).toBeDefined();
    await running.stop();
    await removeDir(running.dir);
  });

  it('continues the case after a restart mid-conversation: the answer lands in the same case', async () => {
    const first = await startServer({ bot: realBot });
    const pasted = await say(first.url, 'restart', TLS_PASTE);
    const button = firstAnswer(pasted.replies);
    expect(button).toBeDefined();
    await first.stop();
    const [before] = await casesOnDisk(first.dir);

    const second = await startServer({ dir: first.dir, bot: realBot });
    const answered = await say(second.url, 'restart', '', { value: button });
    expect(answered.status).toBe(200);
    await second.stop();
    const after = await casesOnDisk(first.dir);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(before!.id);
    expect(after[0]!.evidence.map((e) => e.kind)).toEqual(['paste', 'answer']);
    await removeDir(first.dir);
  });

  it('answers an oversized paste with a clear message and keeps nothing of it', async () => {
    const running = await startServer({ bot: realBot });
    const big = `${TLS_PASTE}\n${'0123456789abcdef'.repeat(160 * 1024)}`; // 2.5 MB: over the engine's 2 MB
    const { status, replies } = await say(running.url, 'big', big);
    expect(status).toBe(200);
    expect(everything(replies)).toContain("larger than 2 MB");
    await running.stop();
    const cases = await casesOnDisk(running.dir).catch(() => [] as Case[]);
    cases.forEach((c) => expect(c.evidence).toEqual([]));
    await removeDir(running.dir);
  });

  it('keeps 100 simultaneous conversations in 100 separate cases', async () => {
    const running = await startServer({ bot: realBot });
    const ids = Array.from({ length: 100 }, (_, i) => i);
    const paste = (i: number) => `${i % 2 ? TLS_PASTE : REFUSED_PASTE} [client ${i}]`;
    const results = await Promise.all(ids.map((i) => say(running.url, `many-${i}`, paste(i))));
    results.forEach((r) => expect(r.status).toBe(200));
    results.forEach((r, i) => expect(everything(r.replies)).toContain(i % 2 ? 'TLS handshake failure' : 'refused'));
    await running.stop();
    const cases = await casesOnDisk(running.dir);
    expect(cases).toHaveLength(100);
    const texts = cases.map((c) => (c.evidence[0] as { text: string }).text);
    for (const i of ids) expect(texts.filter((t) => t.includes(`[client ${i}]`))).toHaveLength(1);
    cases.forEach((c) => expect(c.evidence).toHaveLength(1));
    await removeDir(running.dir);
  });
});
