/**
 * The real bot (part B's createBot over a lowdb file in a temp folder) behind the real Slack
 * Socket Mode adapter, connected to the Slack stand-in on loopback.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBot } from '../../../src/bot/bot';
import { startSlackSocketMode, type SlackSocketMode } from '../../../src/bot/slack';
import type { ProbeRunner } from '../../../dialogs/deps';
import { buildKnowledge } from '../../../src/kb/build';
import { indexKnowledge, type Knowledge } from '../../../src/kb/compiled';
import { openStore, type OpenedStore } from '../../../src/store';
import { APP_TOKEN, BOT_TOKEN, BOT_USER, SlackPeer, TEAM, type ApiCall } from '../../peers/slack/slack-peer';

let kb: Knowledge | undefined;
export const knowledge = (): Knowledge => (kb ??= indexKnowledge(buildKnowledge()));

export const ALICE = 'U0ALICE01';
export const HELP_CHANNEL = 'C0HELP0001';

export interface Running {
  peer: SlackPeer;
  slack: SlackSocketMode;
  store: OpenedStore;
  dir: string;
  logs: string[];
  /** Stops the adapter and store (the peer and folder stay, for a restart). */
  stopBot(): Promise<void>;
  close(): Promise<void>;
}

export interface BotOptions {
  prober?: ProbeRunner;
  channelMessages?: 'mentions' | 'all';
  files?: { maxBytes?: number; timeoutMs?: number };
}

export async function startBotOn(peer: SlackPeer, dir: string, opts: BotOptions = {}): Promise<Running> {
  const store = await openStore({ dir });
  const bot = createBot({ storage: store.storage, cases: store.cases, audit: store.audit, kb: knowledge(), prober: opts.prober });
  const logs: string[] = [];
  const slack = await startSlackSocketMode({
    bot,
    appToken: APP_TOKEN,
    botToken: BOT_TOKEN,
    slackApiUrl: peer.apiUrl,
    channelMessages: opts.channelMessages,
    files: opts.files,
    // Short, so a dropped socket is reopened within a second.
    clientPingTimeoutMs: 600,
    retry: { retries: 4, factor: 2, minTimeout: 50, maxTimeout: 500 },
    log: (line) => logs.push(line),
  });
  const stopBot = async () => {
    await slack.stop();
    await store.close();
  };
  return {
    peer,
    slack,
    store,
    dir,
    logs,
    stopBot,
    async close() {
      await stopBot();
      await peer.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function start(opts: BotOptions = {}): Promise<Running> {
  const peer = await new SlackPeer().start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sqltriage-slack-'));
  return startBotOn(peer, dir, opts);
}

/** Slack escapes these three in message text. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function channelMessage(peer: SlackPeer, text: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return { type: 'message', channel: HELP_CHANNEL, channel_type: 'channel', user: ALICE, text, ts: peer.nextTs(), team: TEAM, ...extra };
}

export function mention(text: string): string {
  return `<@${BOT_USER}> ${text}`;
}

/** Replies the stand-in received in a thread, in order. */
export function threadPosts(peer: SlackPeer, channel: string, threadTs: string | undefined): ApiCall[] {
  return peer.posts().filter((c) => c.args.channel === channel && c.args.thread_ts === threadTs);
}

/** The words of a Block Kit message as a reader sees them. */
export function shown(call: ApiCall): string {
  const blocks = (call.args.blocks ?? []) as Record<string, any>[];
  return blocks
    .flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: { text: string }) => f.text), ...(b.elements ?? []).map((e: any) => e.text?.text)])
    .filter(Boolean)
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export interface Button {
  actionId: string;
  blockId: string;
  label: string;
  value: string;
  /** A button, or one option of a static_select (a question with many answers). */
  kind: 'button' | 'static_select';
}

export function buttons(call: ApiCall): Button[] {
  const blocks = (call.args.blocks ?? []) as Record<string, any>[];
  return blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) =>
      b.elements.flatMap((e: any) =>
        e.type === 'static_select'
          ? e.options.map((o: any) => ({ actionId: e.action_id, blockId: b.block_id, label: `${o.text.text}${o.description ? ` ${o.description.text}` : ''}`, value: o.value, kind: 'static_select' }))
          : [{ actionId: e.action_id, blockId: b.block_id, label: e.text.text, value: e.value, kind: 'button' }],
      ),
    );
}

/** A block_actions payload as Slack sends it when someone clicks a button on a bot message. */
export function click(call: ApiCall, button: Button, user = ALICE): Record<string, any> {
  const messageTs = String(call.result?.ts);
  const channel = String(call.args.channel);
  const threadTs = call.args.thread_ts as string | undefined;
  return {
    type: 'block_actions',
    user: { id: user, username: 'alice', name: 'alice', team_id: TEAM },
    api_app_id: 'A111',
    token: 'verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false, ...(threadTs ? { thread_ts: threadTs } : {}) },
    trigger_id: `1111.2222.${Math.random().toString(16).slice(2)}`,
    team: { id: TEAM, domain: 'peer' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'sql-help' },
    message: { type: 'message', user: BOT_USER, bot_id: 'B0BOT0001', text: call.args.text, ts: messageTs, thread_ts: threadTs, blocks: call.args.blocks },
    state: { values: {} },
    response_url: 'https://hooks.slack.com/actions/T0PEER001/1/abc',
    actions: [
      button.kind === 'static_select'
        ? { action_id: button.actionId, block_id: button.blockId, type: 'static_select', selected_option: { text: { type: 'plain_text', text: button.label, emoji: false }, value: button.value }, action_ts: '1700000100.123456' }
        : { action_id: button.actionId, block_id: button.blockId, text: { type: 'plain_text', text: button.label, emoji: false }, value: button.value, type: 'button', action_ts: '1700000100.123456' },
    ],
  };
}

/** Waits until the stand-in has `acks` acknowledgements and every turn they started has finished. */
export async function settle(r: Running, acks: number): Promise<void> {
  await r.peer.until(() => r.peer.acks.length >= acks, `${acks} acks`);
  await r.slack.adapter.idle();
}
