/**
 * Files and snippets shared in Slack: a long paste arrives as a snippet, a SQLCHECK report as an
 * uploaded .txt. Their URLs need the bot token, so the adapter fetches them (size-capped, with a
 * timeout) and hands the bot a data: URL it reads like any other attachment. The token is sent to
 * Slack's own hosts only.
 */
import type { Attachment } from 'botbuilder';
import type { SlackFile } from './incoming';

export interface FileLimits {
  maxBytes: number;
  timeoutMs: number;
}

export interface FileSource {
  botToken: string;
  /** files.info, for events that carry only the file id (Slack Connect, "check_file_info"). */
  fileInfo(id: string): Promise<SlackFile | undefined>;
  /** Hosts besides *.slack.com that may receive the token (the API host a test or proxy uses). */
  trustedHosts: string[];
  limits: FileLimits;
}

export type FetchedFile = { attachment: Attachment } | { name: string; problem: string } | { skipped: string };

const MEDIA = /^(image|video|audio)\//;

function trusted(url: URL, extra: string[]): boolean {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (url.protocol === 'https:' && (url.hostname === 'slack.com' || url.hostname.endsWith('.slack.com'))) return true;
  return extra.includes(url.host);
}

async function readCapped(res: Response, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > maxBytes || !res.body) {
    await res.body?.cancel();
    return declared > maxBytes ? undefined : Buffer.alloc(0);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > maxBytes) return undefined;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function tooLarge(limits: FileLimits): string {
  return `it is larger than ${Math.round(limits.maxBytes / 1024)} KB, more than I read; share the SQLCHECK report or the error lines on their own`;
}

async function complete(file: SlackFile, source: FileSource): Promise<SlackFile | undefined> {
  if (file.file_access !== 'check_file_info' && (file.url_private_download || file.url_private)) return file;
  return source.fileInfo(file.id);
}

/** Downloads one shared file as the bot; media files are skipped, problems come back as one line. */
export async function fetchSlackFile(shared: SlackFile, source: FileSource): Promise<FetchedFile> {
  const { limits } = source;
  let name = shared.name ?? shared.title ?? shared.id;
  if (shared.mimetype && MEDIA.test(shared.mimetype)) return { skipped: `${name} is ${shared.mimetype}` };
  try {
    const file = await complete(shared, source);
    if (!file) return { name, problem: 'Slack did not tell me where the file is (does the app have the files:read scope?)' };
    name = file.name ?? file.title ?? name;
    if (file.mimetype && MEDIA.test(file.mimetype)) return { skipped: `${name} is ${file.mimetype}` };
    if (typeof file.size === 'number' && file.size > limits.maxBytes) return { name, problem: tooLarge(limits) };
    const address = file.url_private_download ?? file.url_private;
    if (!address) return { name, problem: 'Slack gave no download address for it' };
    const url = new URL(address);
    if (!trusted(url, source.trustedHosts)) return { name, problem: `its address is not on Slack (${url.host}), so I did not send my token there` };
    // Redirects are not followed: a redirect from Slack's file host means the token was refused.
    const res = await fetch(url, { headers: { Authorization: `Bearer ${source.botToken}` }, redirect: 'manual', signal: AbortSignal.timeout(limits.timeoutMs) });
    if (res.status !== 200) {
      await res.body?.cancel();
      return { name, problem: `Slack answered HTTP ${res.status} when I fetched it (does the app have the files:read scope?)` };
    }
    if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
      await res.body?.cancel();
      return { name, problem: 'Slack sent a web page instead of the file (the bot token was not accepted)' };
    }
    const body = await readCapped(res, limits.maxBytes);
    if (!body) return { name, problem: tooLarge(limits) };
    // text/plain whatever Slack called it: the bot refuses binary content itself, with its own words.
    return { attachment: { contentType: 'text/plain', name, contentUrl: `data:text/plain;base64,${body.toString('base64')}` } };
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `the download took longer than ${limits.timeoutMs / 1000} s` : e.message.slice(0, 200);
    return { name, problem: why };
  }
}
