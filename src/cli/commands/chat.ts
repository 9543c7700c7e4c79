/**
 * `sqltriage chat`: the bot in this terminal. The same bot, dialogs and store as `npm start`; replies
 * are rendered as text and buttons become numbered choices. A message ends at a blank line (so
 * multi-line errors can be pasted); "/file PATH" sends a text file as an attachment; "/quit" ends.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as readline from 'readline';
import type { Activity } from 'botbuilder';
import { createBot } from '../../bot/bot';
import { TerminalAdapter } from '../../bot/adapters/terminal-adapter';
import { loadProber } from '../../bot/probe-runner';
import { loadKnowledge } from '../../kb/load';
import { DEFAULT_DATA_DIR, openStore } from '../../store';
import { CliIO, Command, UsageError } from '../io';

const USAGE = 'usage: sqltriage chat [--conversation ID] [--data-dir DIR]';

function parseArgs(args: string[], io: CliIO): { conversation: string; dataDir: string } {
  let conversation = `cli-${os.userInfo().username}`;
  let dataDir = io.env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR;
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (args[i] === '--conversation' && value) conversation = args[++i];
    else if (args[i] === '--data-dir' && value) dataDir = args[++i];
    else throw new UsageError(`unexpected '${args[i]}' (${USAGE})`);
  }
  return { conversation, dataDir: path.resolve(io.cwd, dataDir) };
}

export const run: Command = async (args, io) => {
  const opts = parseArgs(args, io);
  const store = await openStore({ dir: opts.dataDir });
  const probes = loadProber(io.env, io.cwd);
  try {
    const bot = createBot({ storage: store.storage, cases: store.cases, audit: store.audit, kb: loadKnowledge(), prober: probes.runner });
    let choices: { title: string; value: unknown }[] = [];
    const adapter = new TerminalAdapter((a) => {
      if (a.type !== 'message') return;
      io.stdout.write(`\n${a.text ?? ''}\n`);
      const actions = a.suggestedActions?.actions ?? [];
      if (actions.length > 0) choices = actions.map((x) => ({ title: x.title, value: x.value }));
    });
    adapter.onTurnError = async (_ctx, err) => {
      io.stderr.write(`sqltriage chat: ${err.message}\n`);
    };
    let n = 0;
    const send = (extra: Partial<Activity>): Promise<void> =>
      adapter.receive(
        {
          type: 'message',
          id: `in-${++n}`,
          channelId: 'cli',
          serviceUrl: 'cli:',
          timestamp: new Date(),
          from: { id: opts.conversation, name: os.userInfo().username },
          recipient: { id: 'sqltriage', name: 'sqltriage' },
          conversation: { id: opts.conversation, isGroup: false, name: '', conversationType: 'personal' },
          ...extra,
        },
        (ctx) => bot.run(ctx),
      );

    const toActivity = (message: string): Partial<Activity> | undefined => {
      const trimmed = message.trim();
      const file = /^\/file\s+(.+)$/.exec(trimmed);
      if (file) {
        const p = path.resolve(io.cwd, file[1]);
        if (!fs.existsSync(p)) {
          io.stderr.write(`no such file: ${p}\n`);
          return undefined;
        }
        const url = `data:text/plain;base64,${fs.readFileSync(p).toString('base64')}`;
        return { text: '', attachments: [{ contentType: 'text/plain', name: path.basename(p), contentUrl: url }] };
      }
      const pick = /^\d{1,2}$/.test(trimmed) ? choices[Number(trimmed) - 1] : undefined;
      if (pick) return { text: pick.title, value: pick.value };
      return { text: message };
    };

    io.stdout.write('sqltriage chat: paste an error (end with a blank line), "/file PATH" to attach a report, "help", "/quit".\n');
    const rl = readline.createInterface({ input: io.stdin, terminal: false });
    let buffer: string[] = [];
    let queue = Promise.resolve();
    let quit = false;
    const flush = (): void => {
      const message = buffer.join('\n');
      buffer = [];
      if (!message.trim()) return;
      const activity = toActivity(message);
      if (activity) queue = queue.then(() => send(activity));
    };
    for await (const line of rl) {
      if (line.trim() === '/quit') {
        quit = true;
        break;
      }
      // Commands, numbers and /file are one line; everything else collects until a blank line.
      if (buffer.length === 0 && /^(\/file\s.+|\d{1,2}|help|start over|escalate|skip|probe(\s\S+)?)$/i.test(line.trim())) {
        buffer.push(line);
        flush();
      } else if (line.trim() === '') flush();
      else buffer.push(line);
    }
    if (!quit) flush();
    await queue;
    return 0;
  } finally {
    await probes.close();
    await store.close();
  }
};
