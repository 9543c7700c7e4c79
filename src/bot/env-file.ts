/**
 * Reads an optional `.env` file with Node's own parser (util.parseEnv, the rules of `node --env-file`):
 * double-quoted values take \n escapes and may span lines, a # in quotes is kept, an unquoted # starts
 * a comment, `export ` before a name is allowed. Values already in the real environment win, so the
 * file only fills gaps. Names that are not shell-style names (parseEnv keeps whatever precedes '=')
 * are dropped, so a stray line cannot put an odd key into the environment.
 */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parseEnv(text))) if (NAME.test(key) && value !== undefined) out[key] = value;
  return out;
}

export function loadEnvFile(file: string, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return env;
  }
  return { ...parseEnvFile(text), ...env };
}
