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
import type { ActionValue } from '../../src/messages/model';

export const CHANNELS = ['msteams', 'slack', 'emulator'] as const;
export type Channel = (typeof CHANNELS)[number];

const built = new Map<string, Knowledge>();
export function knowledge(dir: string = knowledgeDir()): Knowledge {
  if (!built.has(dir)) built.set(dir, indexKnowledge(buildKnowledge(dir)));
  return built.get(dir)!;
}

/**
 * A control the user can press: a button, a Slack "Details" accessory, or one entry of a compact
 * list (Input.ChoiceSet, static_select). `value` is the neutral answer; `sent` is what the channel
 * really delivers when it is pressed (a list's submit carries the pick beside the question).
 */
export interface Control {
  label: string;
  value: ActionValue;
  sent: unknown;
  kind: 'button' | 'list' | 'details';
}

/** What a user sees in one reply, whatever the channel drew it with. */
export interface Seen {
  text: string;
  buttons: Control[];
  raw: Partial<Activity>;
}

const CHOICE_ID = 'sqltriageChoice';

function cardWalk(el: unknown, texts: string[], controls: Control[]): void {
  if (Array.isArray(el)) {
    // A list and the submit after it answer together.
    el.forEach((e, i) => {
      const o = e as Record<string, any>;
      if (o?.type === 'Input.ChoiceSet') {
        const submit = (el[i + 1] as Record<string, any>)?.actions?.find((a: any) => a.type === 'Action.Submit');
        for (const c of o.choices as { title: string; value: string }[]) {
          const data = submit?.data ?? {};
          controls.push({ label: c.title, value: { answer: { ...data.answer, option: c.value } }, sent: { ...data, [o.id]: c.value }, kind: 'list' });
        }
        return;
      }
      cardWalk(e, texts, controls);
    });
    return;
  }
  if (!el || typeof el !== 'object') return;
  const o = el as Record<string, any>;
  if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text.replace(/\\([\\*_[\]`])/g, '$1'));
  if (o.type === 'FactSet') for (const f of o.facts as { title: string; value: string }[]) texts.push(`${f.title}: ${f.value.replace(/\\([\\*_[\]`])/g, '$1')}`);
  if (o.type === 'ActionSet') {
    for (const a of o.actions as any[]) if (a.type === 'Action.Submit' && a.data?.answer?.option !== undefined) controls.push({ label: a.title, value: a.data, sent: a.data, kind: 'button' });
    for (const a of o.actions as any[]) if (a.type === 'Action.Submit' && a.data?.command) controls.push({ label: a.title, value: a.data, sent: a.data, kind: 'button' });
  }
  for (const key of ['body', 'items', 'columns']) cardWalk(o[key], texts, controls);
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
    const buttons: Control[] = [];
    for (const b of blocks) {
      if (b.accessory?.type === 'button') buttons.push({ label: b.accessory.text.text, value: JSON.parse(b.accessory.value), sent: { value: b.accessory.value }, kind: 'details' });
      if (b.type !== 'actions') continue;
      for (const e of b.elements) {
        if (e.type === 'button') buttons.push({ label: e.text.text, value: JSON.parse(e.value), sent: { value: e.value }, kind: 'button' });
        if (e.type === 'static_select') {
          for (const o of e.options) buttons.push({ label: `${o.text.text}${o.description ? ` ${o.description.text}` : ''}`, value: JSON.parse(o.value), sent: { selected_option: { value: o.value } }, kind: 'list' });
        }
      }
    }
    return { text, buttons, raw: a };
  }
  const cards = (a.attachments ?? []).filter((x) => x.contentType === 'application/vnd.microsoft.card.adaptive');
  if (a.type !== 'message' || cards.length === 0) return { text: a.text ?? '', buttons: [], raw: a };
  const card = cards[0].content as { version: string; body: unknown[]; actions?: { title: string; data?: ActionValue }[] };
  expect(card.version).toBe('1.5');
  const texts: string[] = [];
  const controls: Control[] = [];
  cardWalk(card.body, texts, controls);
  for (const x of card.actions ?? []) if (x.data !== undefined) controls.push({ label: x.title, value: x.data, sent: x.data, kind: 'button' });
  return { text: texts.join('\n'), buttons: controls, raw: a };
}

export interface Harness {
  channel: Channel;
  store: OpenedStore;
  dir: string;
  /** Sends text (or a whole activity) and returns the message replies as seen on the channel. */
  say(input: string | Partial<Activity>): Promise<Seen[]>;
  /** Presses a button (or picks a list entry) the way the channel delivers it. */
  press(value: ActionValue | Control): Promise<Seen[]>;
  /** All activities (typing included) of the last turn. */
  lastRaw: Partial<Activity>[];
  /** Activities the bot redrew in place (updateActivity) during the last turn. */
  lastUpdates: Partial<Activity>[];
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
  const updates: Partial<Activity>[] = [];
  const update = adapter.updateActivity.bind(adapter);
  adapter.updateActivity = async (ctx, activity) => {
    updates.push(activity);
    return update(ctx, activity);
  };
  const h: Harness = {
    channel,
    store,
    dir,
    lastRaw: [],
    lastUpdates: [],
    async say(input) {
      updates.splice(0);
      await adapter.receiveActivity(input);
      h.lastRaw = adapter.activeQueue.splice(0);
      h.lastUpdates = updates.splice(0);
      return h.lastRaw.filter((a) => a.type === 'message').map((a) => see(channel, a));
    },
    async press(pressed) {
      const control = 'sent' in pressed ? (pressed as Control) : undefined;
      if (channel === 'slack') {
        const action = control ? control.sent : { value: JSON.stringify(pressed) };
        return h.say({ type: 'message', text: '', channelData: { Payload: { type: 'block_actions', actions: [action] } } });
      }
      return h.say({ type: 'message', value: control ? control.sent : pressed });
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

/** The answer controls (buttons or list entries) of the last reply that had any; "Details" is not an answer. */
export function lastButtons(seen: Seen[]): Seen['buttons'] {
  const answers = (s: Seen): Control[] => s.buttons.filter((b) => b.kind !== 'details');
  return [...seen].reverse().map(answers).find((b) => b.length > 0) ?? [];
}
