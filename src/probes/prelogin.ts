/**
 * PRELOGIN step: is this SQL Server at all, and how does it want encryption? A clean close or a
 * reset with no bytes may be a TDS 8.0 strict-only server; the TLS step then tries TLS first.
 */
import type { StepResult } from './types';
import { connectTcp } from './connect';
import { exchange } from './exchange';
import { buildPrelogin, ENCRYPT, parsePrelogin, PreloginFormatError } from './prelogin-payload';
import { encodeMessage, PACKET_PRELOGIN, PACKET_TABULAR } from './tds-packet';

export async function probePrelogin(address: string, port: number, instance: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<StepResult> {
  const conn = await connectTcp(address, port, timeoutMs, signal);
  if (conn.outcome !== 'open') {
    return { step: 'prelogin', status: 'failed', reason: `tcp-${conn.outcome}`, timings: { connectMs: conn.ms }, detail: { address, port } };
  }
  try {
    const reply = await exchange(conn.socket, encodeMessage(PACKET_PRELOGIN, buildPrelogin({ encrypt: ENCRYPT.OFF, instance })), timeoutMs, signal);
    const timings = { connectMs: conn.ms, preloginMs: reply.ms };
    const base = { address, port };
    if (reply.kind === 'not-tds') return { step: 'prelogin', status: 'failed', reason: 'not-tds', timings, detail: { ...base, head: reply.head } };
    if (reply.kind === 'message') {
      if (reply.message.type !== PACKET_TABULAR) {
        return { step: 'prelogin', status: 'failed', reason: 'not-tds', timings, detail: { ...base, packetType: reply.message.type } };
      }
      try {
        const answer = parsePrelogin(reply.message.payload);
        return { step: 'prelogin', status: 'ok', reason: `encrypt-${answer.encryption}`, timings, detail: { ...base, ...answer } };
      } catch (err) {
        if (!(err instanceof PreloginFormatError)) throw err;
        return { step: 'prelogin', status: 'failed', reason: 'not-tds', timings, detail: { ...base, problem: err.message } };
      }
    }
    if (reply.kind === 'aborted') return { step: 'prelogin', status: 'error', reason: 'aborted', timings, detail: base };
    // Bytes that never became a TDS message, then a close: something else owns the port.
    if (reply.bytes > 0 || reply.head) return { step: 'prelogin', status: 'failed', reason: 'not-tds', timings, detail: { ...base, head: reply.head } };
    const reason = reply.kind === 'timeout' ? 'silent' : reply.kind; // closed | reset
    return { step: 'prelogin', status: 'failed', reason, timings, detail: base };
  } finally {
    conn.socket.destroy();
  }
}
