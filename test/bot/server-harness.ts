/**
 * Test setup for the HTTP tests: a real restify server on loopback port 0 over a real data file,
 * and a client that posts activities with deliveryMode "expectReplies", as the local chat page does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler, ConversationState, type Storage } from 'botbuilder';
import { createServer, type BotServer } from '../../src/bot/server';
import { openStore, type OpenedStore } from '../../src/store';
import type { CaseStore } from '../../src/store/types';

/**
 * Stand-in for part B's bot where a test only needs the shell: remembers a case id in
 * conversation state and appends each message to that case, so persistence is visible.
 */
export function noteBot(storage: Storage, cases: CaseStore): ActivityHandler {
  const convo = new ConversationState(storage);
  const caseId = convo.createProperty<string>('caseId');
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    let id = await caseId.get(context);
    const now = new Date().toISOString();
    let c = id ? await cases.get(id) : undefined;
    if (!c) {
      id = `case-${context.activity.conversation.id}`;
      c = { id, createdAt: now, updatedAt: now, status: 'open', evidence: [], history: [] };
      await caseId.set(context, id);
    }
    c.evidence.push({ id: `ev${c.evidence.length + 1}`, kind: 'note', at: now, text: context.activity.text ?? '' });
    c.updatedAt = now;
    await cases.put(c);
    await context.sendActivity(`${id}: ${c.evidence.map((e) => (e.kind === 'note' ? e.text : '')).join(' | ')}`);
    await next();
  });
  bot.onTurn(async (context, next) => {
    await next();
    await convo.saveChanges(context);
  });
  return bot;
}

export interface Running {
  url: string;
  server: BotServer;
  store: OpenedStore;
  dir: string;
  stop(): Promise<void>;
}

export type BotFactory = (store: OpenedStore) => Pick<ActivityHandler, 'run'>;

export async function startServer(
  opts: { dir?: string; env?: Record<string, string>; bot?: BotFactory; store?: () => Promise<OpenedStore> } = {},
): Promise<Running> {
  const dir = opts.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'sqltriage-server-')));
  const store = opts.store ? await opts.store() : await openStore({ dir });
  const bot = (opts.bot ?? ((s) => noteBot(s.storage, s.cases)))(store);
  const logs: string[] = [];
  const server = createServer({ bot, storage: store.storage, storageKind: store.describe.split(':')[0]!, env: opts.env ?? {}, version: '9.9.9-test', log: (l) => logs.push(l) });
  const port = await server.listen(0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    store,
    dir,
    async stop() {
      await server.close();
      await store.close();
    },
  };
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export interface Reply {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: unknown }[];
  [key: string]: unknown;
}

let counter = 0;

/** One user message; returns the HTTP status and the replies the bot buffered for it. */
export async function say(
  url: string,
  conversation: string,
  text: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{ status: number; replies: Reply[]; body: string }> {
  const activity = {
    type: 'message',
    id: `m${++counter}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/unused',
    deliveryMode: 'expectReplies',
    conversation: { id: conversation },
    from: { id: 'user-1', name: 'Test User' },
    recipient: { id: 'bot', name: 'sqltriage' },
    timestamp: new Date().toISOString(),
    text,
    ...extra,
  };
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
  const body = await res.text();
  let replies: Reply[] = [];
  try {
    replies = (JSON.parse(body) as { activities?: Reply[] }).activities ?? [];
  } catch {
    replies = [];
  }
  return { status: res.status, replies, body };
}

/** The first answer button's payload (`{answer: {question, option}}`) anywhere in the replies. */
/**
 * The value the first answer control sends: a button's data, or a compact list's submit with its
 * first entry picked (as Teams and the page send it: the pick beside the question).
 */
export function firstAnswer(node: unknown): unknown {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as { type?: string; id?: string; choices?: { value: string }[]; answer?: { question?: unknown; option?: unknown } };
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const el = node[i] as typeof o;
      if (el?.type === 'Input.ChoiceSet' && el.choices?.length) {
        const submit = firstSubmitData(node[i + 1]);
        if (submit) return { ...submit, [el.id!]: el.choices[0].value };
      }
      const found = firstAnswer(el);
      if (found) return found;
    }
    return undefined;
  }
  const answer = o.answer;
  if (answer && typeof answer.question === 'string' && typeof answer.option === 'string') return { answer };
  for (const v of Object.values(node)) {
    const found = firstAnswer(v);
    if (found) return found;
  }
  return undefined;
}

function firstSubmitData(node: unknown): Record<string, unknown> | undefined {
  const actions = (node as { actions?: { type: string; data?: Record<string, unknown> }[] } | undefined)?.actions;
  return actions?.find((a) => a.type === 'Action.Submit' && a.data && 'answer' in a.data)?.data;
}
