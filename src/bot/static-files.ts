/**
 * Serves a few fixed files of the local chat page. Only files under the given folder, only known
 * types, no directory listings: a request path can never reach outside the folder.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'restify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

export async function sendFile(res: Response, file: string, root: string): Promise<void> {
  const type = TYPES[path.extname(file).toLowerCase()];
  let body: Buffer | undefined;
  if (type) {
    try {
      // realpath: a symlink inside the folder must not lead outside it either.
      const real = await realpath(file);
      const realRoot = await realpath(root);
      if (real === realRoot || real.startsWith(realRoot + path.sep)) body = await readFile(real);
    } catch {
      body = undefined;
    }
  }
  if (!body) {
    res.status(404);
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.end('not found\n');
    return;
  }
  res.status(200);
  res.setHeader('content-type', type!);
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('x-content-type-options', 'nosniff');
  res.end(body);
}

/** Maps the part of a URL after the mount point to a file under `root`, or undefined if it escapes. */
export function fileUnder(root: string, rest: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest.split('?')[0] ?? '');
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file.startsWith(path.resolve(root) + path.sep) ? file : undefined;
}
