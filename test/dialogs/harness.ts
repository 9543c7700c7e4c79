/**
 * Drives the real bot (createBot) through botbuilder's TestAdapter on a given channel, with the
 * lowdb store in a temporary folder, and reads what each channel would show.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Activity, TestAdapter } from 'botbuilder';
import { createBot } from '../../src/bot/bot';
import type { ProbeRunner } from '../../dialogs/deps';
import { buildKnowledge } from '../../src/kb/build';
import { indexKnowledge, Knowledge } from '../../src/kb/compiled';
import { knowledgeDir } from '../../src/kb/paths';
import { openStore, OpenedStore } from '../../src/store';
import type { ActionValue } from '../../src/bot/messages/model';

export const CHANNELS = ['msteams', 'slack', 'emulator'] as const;
export type Channel = (typeof CHANNELS)[number];

const built = new Map<string, Knowledge>();
export function knowledge(dir: string = knowledgeDir()): Knowledge {
  if (!built.has(dir)) built.set(dir, indexKnowledge(buildKnowledge(dir)));
  return built.get(dir)!;
}

/** What a user sees in one reply, whatever the channel drew it with. */
export interface Seen {
  text: string;
  buttons: { label: string; value: ActionValue }[];
  raw: Partial<Activity>;
}

function cardTexts(el: unknown, out: string[]): void {
  if (Array.isArray(el)) return el.forEach((e) => cardTexts(e, out));
  if (!el || typeof el !== 'object') return;
  const o = el as Record<string, unknown>;
  if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text.replace(/\\([\\*_[\]`])/g, '$1'));
  if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) out.push(`${f.title}: ${f.value}`);
  for (const key of ['body', 'items', 'columns']) cardTexts(o[key], out);
}

/** Reads a reply the way its channel would show it, and checks it is that channel's format. */
export function see(channel: Channel, a: Partial<Activity>): Seen {
  if (channel === 'slack') {
    expect(a.attachments ?? []).toHaveLength(0);
    const blocks = (a.channelData as { blocks?: Record<string, any>[] } | undefined)?.blocks;
    if (!blocks) return { text: a.text ?? '', buttons: [], raw: a };
    expect(typeof a.text).toBe('string');
    const text = blocks
      .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: { text: string }) => f.text)])
      .filter(Boolean)
      .join('\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    const buttons = blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements.map((e: any) => ({ label: e.text.text, value: JSON.parse(e.value) })));
    return { text, buttons, raw: a };
  }
  const cards = (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  if (a.type !== 'message' || cards.length === 0) return { text: a.text ?? '', buttons: [], raw: a };
  const card = cards[0].content as { version: string; body: unknown[]; actions?: { title: string; data?: ActionValue }[] };
  expect(card.version).toBe('1.5');
  const texts: string[] = [];
  cardTexts(card.body, texts);
  return { text: texts.join('\n'), buttons: (card.actions ?? []).filter((x) => x.data !== undefined).map((x) => ({ label: x.title, value: x.data as ActionValue })), raw: a };
}

export interface Harness {
  channel: Channel;
  store: OpenedStore;
  dir: string;
  /** Sends text (or a whole activity) and returns the message replies as seen on the channel. */
  say(input: string | Partial<Activity>): Promise<Seen[]>;
  /** Presses a button the way the channel delivers it. */
  press(value: ActionValue): Promise<Seen[]>;
  /** All activities (typing included) of the last turn. */
  lastRaw: Partial<Activity>[];
  close(): Promise<void>;
}

export async function harness(channel: Channel, opts: { kb?: Knowledge; prober?: ProbeRunner; conversation?: Partial<Activity['conversation']>; dir?: string } = {}): Promise<Harness> {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-dialogs-'));
  const store = await openStore({ dir });
  const bot = createBot({ storage: store.storage, cases: store.cases, audit: store.audit, kb: opts.kb ?? knowledge(), prober: opts.prober });
  // Every incoming activity starts from this template.
  const template: Partial<Activity> = {
    channelId: channel,
    serviceUrl: 'https://test.invalid',
    conversation: { id: `conv-${channel}`, isGroup: false, conversationType: 'personal', name: '', ...opts.conversation },
    from: { id: 'user-1', name: 'Dana' },
    recipient: { id: 'bot-1', name: 'sqltriage' },
  };
  const adapter = new TestAdapter(async (ctx) => bot.run(ctx), template);
  const h: Harness = {
    channel,
    store,
    dir,
    lastRaw: [],
    async say(input) {
      await adapter.receiveActivity(input);
      h.lastRaw = adapter.activeQueue.splice(0);
      return h.lastRaw.filter((a) => a.type === 'message').map((a) => see(channel, a));
    },
    async press(value) {
      if (channel === 'slack') return h.say({ type: 'message', text: '', channelData: { Payload: { type: 'block_actions', actions: [{ value: JSON.stringify(value) }] } } });
      return h.say({ type: 'message', value });
    },
    async close() {
      await store.close();
    },
  };
  return h;
}

export function allText(seen: Seen[]): string {
  return seen.map((s) => s.text).join('\n---\n');
}

export function lastButtons(seen: Seen[]): Seen['buttons'] {
  return [...seen].reverse().find((s) => s.buttons.length > 0)?.buttons ?? [];
}
