/**
 * Network traces attached in chat (.pcap, .pcapng): downloaded within their own size limit,
 * read by src/trace, and added to the conversation's case as trace evidence. Bigger traces are
 * for the CLI (`npx sqltriage trace`), which streams files of any size.
 */
import type { Attachment } from 'botbuilder';
import { looksLikeCapture, readTraceBuffer, traceEvidence } from '../trace';
import { AttachmentLimits, fetchAttachmentBytes, SizeError, TEAMS_FILE_DOWNLOAD } from './attachments';

/** Default size limit for an attached trace; SQLTRIAGE_TRACE_MAX_MB changes it. */
export const DEFAULT_TRACE_MAX_MB = 64;
const CAPTURE_NAME = /\.(pcap|pcapng|cap)$/i;

export function traceLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.SQLTRIAGE_TRACE_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_TRACE_MAX_MB) * 1024 * 1024;
}

export function isCaptureAttachment(att: Attachment): boolean {
  if (att.contentType === 'application/vnd.tcpdump.pcap' || att.contentType === 'application/x-pcapng') return true;
  return CAPTURE_NAME.test(att.name ?? '') && (att.contentType === TEAMS_FILE_DOWNLOAD || att.contentType.startsWith('application/'));
}

export type ReadCapture =
  | { name: string; evidence: ReturnType<typeof traceEvidence>; lines: string[] }
  | { name: string; problem: string };

/** Reads one attached capture into evidence and a few lines for the chat; never throws. */
export async function readCaptureAttachment(att: Attachment, limits: AttachmentLimits, env: NodeJS.ProcessEnv = process.env): Promise<ReadCapture> {
  const name = att.name ?? 'trace.pcap';
  const maxBytes = traceLimitBytes(env);
  let buf: Buffer;
  try {
    buf = await fetchAttachmentBytes(att, { ...limits, maxBytes, timeoutMs: Math.max(limits.timeoutMs, 60_000) });
  } catch (err) {
    if (err instanceof SizeError)
      return { name, problem: `the trace is larger than ${maxBytes / 1048576} MB, the limit for attachments; read it with \`npx sqltriage trace ${name}\` (any size), or attach a capture filtered to the SQL Server port` };
    return { name, problem: (err as Error).message };
  }
  if (!looksLikeCapture(buf)) return { name, problem: 'the file is not a .pcap or .pcapng capture (save it from Wireshark, tcpdump, or convert a netsh .etl with etl2pcapng)' };
  const report = readTraceBuffer(buf);
  const evidence = traceEvidence([name], [report]);
  const lines = [
    `${report.sqlConversations} conversation(s) to SQL Server in ${report.frames} frames over ${Math.round(report.durationMs)} ms (${(buf.length / 1048576).toFixed(1)} MB read).`,
    ...(report.findings.length ? report.findings.map((f) => `• ${f.summary}`) : ['No known failure pattern in this trace.']),
    ...report.warnings.slice(0, 3).map((w) => `(note: ${w})`),
  ];
  return { name, evidence, lines };
}
