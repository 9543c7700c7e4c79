/**
 * `sqltriage classify [FILE|-] [--json]` and `sqltriage classify --batch FILE.jsonl`.
 * The JSON shape is a contract other tools depend on: {kind, facts, symptoms, causes, redactions}.
 */
import * as fs from 'fs';
import * as readline from 'readline';
import { loadKnowledge } from '../../kb/load';
import { classifyText } from '../../triage/classify-text';
import { checkInputText } from '../../triage/input';
import { openCase } from '../../triage/case';
import { addPaste } from '../../triage/evidence';
import { diagnose } from '../../triage/diagnose';
import { nextStep } from '../../triage/next-step';
import { parseArgs } from '../args';
import { Command, UsageError } from '../io';
import { readInputFile, textOf } from '../read-input';
import { renderDiagnosisText } from '../render-diagnosis';

const USAGE = `usage: sqltriage classify [FILE|-] [--json]
       sqltriage classify --batch FILE.jsonl

Classifies a pasted error, SQLCHECK report or artifact (FILE, or stdin with - or no FILE):
family, ranked causes with how to confirm and fix them, and the next question to ask.
  --json          one JSON object {kind, facts, symptoms, causes, redactions}
  --batch FILE    JSON lines {"id", "text"} in, one JSON object per line out
  -h, --help      this help
`;

async function batch(file: string, io: Parameters<Command>[1]): Promise<number> {
  if (!fs.existsSync(file)) throw new UsageError(`cannot read '${file}': no such file`);
  const kb = loadKnowledge();
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let n = 0;
  let bad = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let item: { id?: unknown; text?: unknown };
    try {
      item = JSON.parse(line) as typeof item;
    } catch {
      io.stderr.write(`line ${n}: not a JSON object\n`);
      bad++;
      continue;
    }
    if (typeof item !== 'object' || item === null || typeof item.text !== 'string') {
      io.stderr.write(`line ${n}: needs {"id": ..., "text": "..."}\n`);
      bad++;
      continue;
    }
    const problem = checkInputText(item.text);
    const out = problem
      ? { id: item.id ?? null, kind: 'unknown', facts: {}, symptoms: [], causes: [], redactions: 0, error: problem.message }
      : { id: item.id ?? null, ...classifyText(item.text, kb) };
    io.stdout.write(`${JSON.stringify(out)}\n`);
  }
  return bad > 0 ? 2 : 0;
}

export const run: Command = async (args, io) => {
  const { values, positionals: positional } = parseArgs(args, USAGE, { json: { type: 'boolean' }, batch: { type: 'string' } });
  if (values.batch !== undefined) {
    if (positional.length > 0) throw new UsageError('--batch takes its file as its value; no other input');
    return batch(values.batch, io);
  }
  if (positional.length > 1) throw new UsageError('one input at a time: classify [FILE|-] [--json]');
  const text = textOf(await readInputFile(positional[0], io));
  const kb = loadKnowledge();
  if (values.json) {
    io.stdout.write(`${JSON.stringify(classifyText(text, kb))}\n`);
    return 0;
  }
  const outcome = addPaste(openCase(), text, kb, { by: 'cli' });
  if (outcome.message) throw new UsageError(outcome.message);
  // One pass through the engine: the evidence it recorded carries the facts, findings and redactions.
  const pasted = outcome.case.evidence.find((e) => e.id === outcome.evidenceId)!;
  io.stdout.write(renderDiagnosisText(pasted, diagnose(outcome.case, kb), nextStep(outcome.case, kb), outcome.artifacts));
  return 0;
};
