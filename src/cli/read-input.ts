/** Reading a CLI input (file or stdin) with the same limits and messages the bot uses. */
import * as fs from 'fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { checkInputBytes, MAX_INPUT_BYTES } from '../triage/input';
import { CliIO, UsageError } from './io';

export async function readStream(stream: NodeJS.ReadableStream, limit = MAX_INPUT_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw new UsageError(`input is larger than ${limit / 1048576} MB — paste the error lines or attach the SQLCHECK report alone`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export async function readInputFile(file: string | undefined, io: CliIO, limit = MAX_INPUT_BYTES): Promise<Buffer> {
  if (file === undefined || file === '-') {
    if ((io.stdin as NodeJS.ReadStream).isTTY) throw new UsageError('no input: give a FILE, or pipe text on stdin (use - for stdin)');
    return readStream(io.stdin, limit);
  }
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read '${file}': no such file`);
  }
  if (!stat.isFile()) throw new UsageError(`cannot read '${file}': not a regular file`);
  if (stat.size > limit) throw new UsageError(`'${file}' is ${(stat.size / 1048576).toFixed(1)} MB; the limit is ${limit / 1048576} MB`);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new UsageError(`cannot read '${file}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Text from bytes, or a UsageError with the clear message for empty / binary / oversize input. */
export function textOf(raw: Buffer, what = 'input'): string {
  const buf = decodeText(raw);
  const problem = checkInputBytes(buf);
  if (problem) throw new UsageError(problem.message.replace(/^input/, what));
  // A UTF-8 BOM (Notepad, PowerShell redirection) is not part of the text.
  return buf.toString('utf8').replace(/^\uFEFF/, '');
}

/** UTF-16 files (SQLCHECK saved by PowerShell's `>`): decode by BOM. */
export function decodeText(buf: Buffer): Buffer {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return Buffer.from(buf.subarray(2).toString('utf16le'), 'utf8');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2).swap16().toString('utf16le'), 'utf8');
  return buf;
}

/** A named input file (relative to the CLI's working folder) that exists, is a regular file and is not empty. */
export async function statInputFile(file: string, io: CliIO): Promise<{ path: string; size: number }> {
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new UsageError(`${file} is not a file`);
    size = st.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  if (size === 0) throw new UsageError(`${file} is empty`);
  return { path, size };
}
