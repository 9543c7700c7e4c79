/**
 * Text files attached to a message (a SQLCHECK report is 25-35 KB): fetched with a size cap and a
 * timeout, and handed on as if pasted. Teams file consent sends a download URL in the content; the
 * emulator and the local page send data: URLs or loopback URLs.
 */
import * as http from 'http';
import * as https from 'https';
import type { Attachment } from 'botbuilder';
import { literalHost } from '../net/address-policy';
import { MAX_INPUT_BYTES } from '../triage/input';
import { AttachmentAddressRule, LOCAL_ONLY, checkedLookup, refuseAddress } from './attachment-addresses';

export const TEAMS_FILE_DOWNLOAD = 'application/vnd.microsoft.teams.file.download.info';

export interface AttachmentLimits {
  maxBytes: number;
  timeoutMs: number;
  /** Which addresses downloads may connect to (see attachment-addresses.ts). */
  addresses: AttachmentAddressRule;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxBytes: MAX_INPUT_BYTES, timeoutMs: 10_000, addresses: LOCAL_ONLY };

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

export class SizeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.round(maxBytes / 1024)} KB, more than I read; attach the SQLCHECK report or the error log on its own`);
  }
}

const MAX_REDIRECTS = 3;

/** GET with Node's own http(s): the body is read chunk by chunk and dropped as soon as it passes the cap. */
function download(url: string, limits: AttachmentLimits, deadline: number, redirects = 0): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // One deadline for the whole download, redirects included (and, from fetchAttachments, for the whole turn).
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(new TimeoutError(limits.timeoutMs));
    // A host written as an address is connected to without a lookup: check it here.
    const literal = literalHost(url);
    const refused = literal ? refuseAddress(limits.addresses, literal, literal) : undefined;
    if (refused) return reject(refused);
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { timeout: remaining, lookup: checkedLookup(limits.addresses) }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects < MAX_REDIRECTS) {
        res.resume();
        const next = new URL(res.headers.location, url).toString();
        if (!/^https?:/i.test(next)) return reject(new Error('the download redirected to an address that is not http(s)'));
        return resolve(download(next, limits, deadline, redirects + 1));
      }
      if (status !== 200) {
        res.resume();
        return reject(new Error(`download failed with HTTP ${status}`));
      }
      if (Number(res.headers['content-length'] ?? '0') > limits.maxBytes) {
        req.destroy();
        return reject(new SizeError(limits.maxBytes));
      }
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total > limits.maxBytes) {
          req.destroy();
          reject(new SizeError(limits.maxBytes));
        } else chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new TimeoutError(limits.timeoutMs)), remaining);
    req.on('timeout', () => req.destroy(new TimeoutError(limits.timeoutMs)));
    req.on('error', reject);
    req.on('close', () => clearTimeout(timer));
  });
}

class TimeoutError extends Error {
  constructor(ms: number) {
    super(`the download took longer than ${ms / 1000} s`);
    this.name = 'TimeoutError';
  }
}

function looksBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8192).includes(0);
}

/** The raw bytes of an attachment (data: URL or download), within the limits; throws with a message for the user. */
export async function fetchAttachmentBytes(att: Attachment, limits: AttachmentLimits): Promise<Buffer> {
  const url = urlOf(att);
  if (!url) throw new Error('the attachment has no address I can read it from');
  if (url.startsWith('data:')) return decodeDataUrl(url, limits.maxBytes);
  if (/^https?:\/\//i.test(url)) return download(url, limits, Date.now() + limits.timeoutMs);
  throw new Error('the attachment address is neither http(s) nor data:');
}

export async function fetchAttachment(att: Attachment, given: Partial<AttachmentLimits> = {}, deadline?: number): Promise<FetchedAttachment | undefined> {
  if (!isTextFile(att)) return undefined;
  const limits: AttachmentLimits = { ...DEFAULT_ATTACHMENT_LIMITS, ...given };
  const name = att.name ?? 'attachment';
  const url = urlOf(att);
  if (!url) return { name, problem: 'the attachment has no address I can read it from' };
  try {
    let buf: Buffer;
    if (url.startsWith('data:')) buf = decodeDataUrl(url, limits.maxBytes);
    else if (/^https?:\/\//i.test(url)) buf = await download(url, limits, deadline ?? Date.now() + limits.timeoutMs);
    else return { name, problem: 'the attachment address is neither http(s) nor data:' };
    // Windows tools often write UTF-16 with a byte-order mark; its zero bytes are not binary.
    if (buf[0] === 0xff && buf[1] === 0xfe) return { name, text: buf.subarray(2).toString('utf16le') };
    if (looksBinary(buf)) return { name, problem: 'the file is binary, not text; save the report as a .txt file' };
    return { name, text: buf.toString('utf8').replace(/^\uFEFF/, '') };
  } catch (err) {
    return { name, problem: (err as Error).message };
  }
}

/**
 * Up to five attachments of one message, fetched in parallel within one deadline (timeoutMs) for
 * them all: slow files cannot hold a turn longer than one download may take. Results keep the
 * order of the attachments.
 */
export async function fetchAttachments(atts: Attachment[] | undefined, limits?: Partial<AttachmentLimits>): Promise<FetchedAttachment[]> {
  const deadline = Date.now() + (limits?.timeoutMs ?? DEFAULT_ATTACHMENT_LIMITS.timeoutMs);
  const got = await Promise.all((atts ?? []).slice(0, 5).map((att) => fetchAttachment(att, limits, deadline)));
  return got.filter((g): g is FetchedAttachment => g !== undefined);
}
