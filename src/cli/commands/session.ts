/**
 * `sqltriage session`: the triage conversation as JSON lines. Each stdin line is an event,
 * {"paste": TEXT, "name"?: FILE} or {"answer": {"question": ID, "option": ID}}; each event gets one
 * stdout line, the view after it (kind, families, causes, implied, next), or {"error", "line"} when
 * the event is refused, and the session goes on. Exit 0 at the end of input.
 */
import { loadKnowledge } from '../../kb/load';
import { MAX_INPUT_BYTES } from '../../triage/input';
import { applyEvent, NEW_SESSION, SessionEventError, SessionState, toSessionEvent } from '../../triage/session';
import { parseArgs } from '../args';
import { Command } from '../io';

const USAGE = `usage: sqltriage session < events.jsonl

Reads one JSON event a line on stdin and writes one JSON line per event on stdout:
  {"paste": "error text or SQLCHECK report", "name": "optional file name"}
  {"answer": {"question": "QUESTION_ID", "option": "OPTION_ID"}}
Each reply: {"kind", "families", "causes", "implied", "next"}; a refused line: {"error", "line"}.
`;

/** A line may carry a paste at the input limit with every character JSON-escaped. */
const MAX_LINE_BYTES = 6 * MAX_INPUT_BYTES + 4096;

type Line = { n: number; text: string } | { n: number; tooLong: number };

/** Splits a stream into lines without ever holding more than one line of MAX_LINE_BYTES. */
async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let n = 0;
  const finish = (): Line => {
    n++;
    const line: Line = size > MAX_LINE_BYTES ? { n, tooLong: size } : { n, text: Buffer.concat(parts).toString('utf8').replace(/\r$/, '') };
    parts = [];
    size = 0;
    return line;
  };
  for await (const chunk of stream) {
    let buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      const head = buf.subarray(0, nl);
      size += head.length;
      if (size <= MAX_LINE_BYTES) parts.push(head);
      yield finish();
      buf = buf.subarray(nl + 1);
    }
    size += buf.length;
    if (size <= MAX_LINE_BYTES) parts.push(buf);
    else parts = [];
  }
  if (size > 0) yield finish();
}

function write(stream: NodeJS.WritableStream, value: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(`${JSON.stringify(value)}\n`)) resolve();
    else stream.once('drain', resolve);
  });
}

export const run: Command = async (args, io) => {
  parseArgs(args, USAGE, {}, false);
  const kb = loadKnowledge();
  let state: SessionState = NEW_SESSION;
  let failed = false;
  for await (const line of readLines(io.stdin)) {
    if ('tooLong' in line) {
      await write(io.stdout, { error: `line is ${(line.tooLong / 1048576).toFixed(1)} MB; the limit is ${Math.floor(MAX_LINE_BYTES / 1048576)} MB`, line: line.n });
      continue;
    }
    if (line.text.trim() === '') continue;
    try {
      let decoded: unknown;
      try {
        decoded = JSON.parse(line.text);
      } catch {
        throw new SessionEventError('not JSON');
      }
      const out = applyEvent(state, toSessionEvent(decoded), kb, { by: 'session' });
      state = out.state;
      await write(io.stdout, out.view);
    } catch (err) {
      // A refused event is the sender's to fix; anything else is ours, but the session still goes on.
      if (!(err instanceof SessionEventError)) failed = true;
      const message = err instanceof SessionEventError ? err.message : `unexpected failure: ${(err as Error).message}`;
      await write(io.stdout, { error: message, line: line.n });
    }
  }
  return failed ? 1 : 0;
};
