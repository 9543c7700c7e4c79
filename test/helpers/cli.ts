import { PassThrough, Readable } from 'stream';
import type { CliIO } from '../../src/cli/io';
import { main } from '../../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  stdin?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Runs the sqltriage CLI in-process with captured streams. */
export async function runCliWith(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (d) => (stdout += d));
  err.on('data', (d) => (stderr += d));
  const io: CliIO = { stdout: out, stderr: err, stdin: Readable.from([Buffer.from(opts.stdin ?? '')]), env: opts.env ?? process.env, cwd: opts.cwd ?? process.cwd() };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export function runCli(args: string[], stdin: string | Buffer = '', env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  return runCliWith(args, { stdin, env });
}
