/**
 * Text files attached to a message (a SQLCHECK report is 25-35 KB): fetched with a size cap and a
 * timeout, and handed on as if pasted. Teams file consent sends a download URL in the content; the
 * emulator and the local page send data: URLs or loopback URLs.
 */
import type { Attachment } from 'botbuilder';
import { MAX_INPUT_BYTES } from '../triage/input';

export const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

export interface AttachmentLimits {
  maxBytes: number;
  timeoutMs: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: MAX_INPUT_BYTES, timeoutMs: 10_000 };

export type FetchedAttachment = { name: string; text: string } | { name: string; problem: string };

const TEXT_NAME = /\.(txt|log|out|csv|json|xml|md)$/i;

/** Cards, images and Teams' own HTML copy of the message are not files the user meant to send. */
function isTextFile(att: Attachment): boolean {
  if (att.contentType === TEAMS_FILE_DOWNLOAD) return true;
  if (att.contentType === 'text/html') return false;
  if (att.contentType.startsWith('text/')) return true;
  return att.contentType === 'application/octet-stream' && TEXT_NAME.test(att.name ?? '');
}

function urlOf(att: Attachment): string | undefined {
  if (att.contentType === TEAMS_FILE_DOWNLOAD) {
    const content = att.content as { downloadUrl?: unknown } | undefined;
    return typeof content?.downloadUrl === 'string' ? content.downloadUrl : undefined;
  }
  return att.contentUrl;
}

function decodeDataUrl(url: string, maxBytes: number): Buffer {
  const comma = url.indexOf(',');
  if (comma < 0) throw new Error('malformed data: URL');
  const meta = url.slice(5, comma);
  const payload = url.slice(comma + 1);
  // Base64 grows by 4/3; refuse before decoding anything that cannot fit.
  if (payload.length > Math.ceil(maxBytes / 3) * 4 + 4 && meta.endsWith(';base64')) throw new SizeError(maxBytes);
  const buf = meta.endsWith(';base64') ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  if (buf.length > maxBytes) throw new SizeError(maxBytes);
  return buf;
}

class SizeError extends Error {
  constructor(maxBytes: number) {
    super(`the file is larger than ${Math.round(maxBytes / 1024)} KB, more than I read; attach the SQLCHECK report or the error log on its own`);
  }
}

async function download(url: string, limits: AttachmentLimits): Promise<Buffer> {
  const res = await fetch(url, { signal: AbortSignal.timeout(limits.timeoutMs), redirect: 'follow' });
  if (!res.ok || !res.body) throw new Error(`download failed with HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > limits.maxBytes) {
    await res.body.cancel();
    throw new SizeError(limits.maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > limits.maxBytes) throw new SizeError(limits.maxBytes);
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

export async function fetchAttachment(att: Attachment, limits: AttachmentLimits = DEFAULT_ATTACHMENT_LIMITS): Promise<FetchedAttachment | undefined> {
  if (!isTextFile(att)) return undefined;
  const name = att.name ?? 'attachment';
  const url = urlOf(att);
  if (!url) return { name, problem: 'the attachment has no address I can read it from' };
  try {
    let buf: Buffer;
    if (url.startsWith('data:')) buf = decodeDataUrl(url, limits.maxBytes);
    else if (/^https?:\/\//i.test(url)) buf = await download(url, limits);
    else return { name, problem: 'the attachment address is neither http(s) nor data:' };
    // Windows tools often write UTF-16 with a byte-order mark; its zero bytes are not binary.
    if (buf[0] === 0xff && buf[1] === 0xfe) return { name, text: buf.subarray(2).toString('utf16le') };
    if (looksBinary(buf)) return { name, problem: 'the file is binary, not text; save the report as a .txt file' };
    return { name, text: buf.toString('utf8').replace(/^\uFEFF/, '') };
  } catch (err) {
    const e = err as Error;
    const why = e.name === 'TimeoutError' ? `the download took longer than ${limits.timeoutMs / 1000} s` : e.message;
    return { name, problem: why };
  }
}

export async function fetchAttachments(atts: Attachment[] | undefined, limits?: AttachmentLimits): Promise<FetchedAttachment[]> {
  const out: FetchedAttachment[] = [];
  for (const att of (atts ?? []).slice(0, 5)) {
    const got = await fetchAttachment(att, limits);
    if (got) out.push(got);
  }
  return out;
}
