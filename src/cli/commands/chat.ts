/**
 * `sqltriage chat`: the bot in this terminal. The same bot, dialogs and store as `npm start`; replies
 * are rendered as text and buttons become numbered choices. A pasted error is one message however
 * many lines it has (bracketed paste, or a burst of lines); a typed line is sent on Enter; "/file
 * PATH" sends a text file as an attachment; "/quit" or Ctrl-D ends. The data file is taken for
 * writing at start, so with the bot running on the same data this refuses at once instead of
 * failing after every turn.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Activity } from 'botbuilder';
import { createBot } from '../../bot/bot';
import { TerminalAdapter } from '../../bot/adapters/terminal-adapter';
import { loadProber } from '../../bot/probe-runner';
import { loadKnowledge } from '../../kb/load';
import { LiveKnowledge } from '../../learn/live-knowledge';
import { learningEnabled } from '../../learn/settings';
import { DEFAULT_DATA_DIR, openStore } from '../../store';
import { DataFileBusyError } from '../../store/lock';
import { CliIO, Command, UsageError } from '../io';
import { MessageAssembler, Piece } from '../message-assembler';
import { parseArgs } from '../args';

const USAGE = `usage: sqltriage chat [--conversation ID] [--data-dir DIR]

The bot in this terminal, on the same store as the running bot would use. Paste an error (one
message however many lines), "/file PATH" attaches a report, a number picks a choice, /quit or Ctrl-D ends.
  --conversation ID   the conversation to continue (default cli-<your user name>)
  --data-dir DIR      the data directory (default SQLTRIAGE_DATA_DIR or ./data)
  -h, --help          this help
`;
const BRACKETED_PASTE_ON = '\x1b[?2004h';
const BRACKETED_PASTE_OFF = '\x1b[?2004l';

function options(args: string[], io: CliIO): { conversation: string; dataDir: string } {
  const { values } = parseArgs(args, USAGE, { conversation: { type: 'string' }, 'data-dir': { type: 'string' } }, false);
  if (values.conversation === '' || values['data-dir'] === '') throw new UsageError(`an option needs a value (${USAGE.split('\n')[0]})`);
  const conversation = values.conversation ?? `cli-${os.userInfo().username}`;
  const dataDir = values['data-dir'] ?? (io.env.SQLTRIAGE_DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  return { conversation, dataDir: path.resolve(io.cwd, dataDir) };
}

function isTty(stream: unknown): boolean {
  return (stream as { isTTY?: boolean }).isTTY === true;
}

/** Reads pieces (messages, quit) from stdin until /quit or the end of input. */
function readPieces(io: CliIO, onPiece: (p: Piece) => void): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      io.stdin.removeListener('data', onData);
      io.stdin.removeListener('end', onEnd);
      // A paused stdin no longer holds the process open: /quit returns to the shell.
      io.stdin.pause();
      resolve();
    };
    const assembler = new MessageAssembler((p) => {
      if (done) return;
      onPiece(p);
      if (p.kind === 'quit') finish();
    });
    const onData = (d: Buffer | string): void => assembler.push(typeof d === 'string' ? d : d.toString('utf8'));
    const onEnd = (): void => {
      assembler.end();
      finish();
    };
    io.stdin.on('data', onData);
    io.stdin.on('end', onEnd);
  });
}

export const run: Command = async (args, io) => {
  const opts = options(args, io);
  const store = await openStore({ dir: opts.dataDir });
  try {
    await store.claim();
  } catch (err) {
    await store.close().catch(() => undefined);
    if (err instanceof DataFileBusyError) {
      throw new UsageError(`the data in ${opts.dataDir} is in use by another sqltriage (is the bot running with the same SQLTRIAGE_DATA_DIR?). Stop it, or chat on a separate copy with --data-dir DIR.`);
    }
    throw err;
  }
  const probes = loadProber(io.env, io.cwd, undefined, { log: (line) => io.stderr.write(`${line}\n`) });
  const tty = isTty(io.stdout);
  try {
    // The same local priors as the bot on this data (SQLTRIAGE_LEARNING=off: the knowledge base's own).
    const live = new LiveKnowledge(loadKnowledge(), store.cases, { enabled: learningEnabled(io.env) });
    await live.refresh();
    const bot = createBot({ storage: store.storage, cases: store.cases, audit: store.audit, kb: live.current(), prober: probes.runner });
    let choices: { title: string; value: unknown }[] = [];
    let lastLines = 0;
    const adapter = new TerminalAdapter((a, update) => {
      if (a.type !== 'message') return;
      const text = `\n${a.text ?? ''}\n`;
      // A progress message redrawn in place: back over what it printed last time, then draw again.
      if (update && tty && lastLines > 0) io.stdout.write(`\x1b[${lastLines}A\x1b[J`);
      io.stdout.write(text);
      lastLines = text.split('\n').length - 1;
      const actions = a.suggestedActions?.actions ?? [];
      if (actions.length > 0) choices = actions.map((x) => ({ title: x.title, value: x.value }));
    }, { canRedraw: tty });
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

    io.stdout.write('sqltriage chat: paste an error (one message, however many lines), "/file PATH" to attach a report, "help", "/quit" or Ctrl-D to leave.\n');
    if (tty) io.stdout.write(BRACKETED_PASTE_ON);
    let queue = Promise.resolve();
    try {
      await readPieces(io, (p) => {
        if (p.kind !== 'message') return;
        // One turn at a time, in order: a choice number refers to the reply before it.
        queue = queue.then(() => {
          const activity = toActivity(p.text);
          return activity ? send(activity) : undefined;
        });
      });
      await queue;
    } finally {
      if (tty) io.stdout.write(BRACKETED_PASTE_OFF);
    }
    return 0;
  } finally {
    await probes.close();
    await store.close();
  }
};
