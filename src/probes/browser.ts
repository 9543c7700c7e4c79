/**
 * Browser step. A connected UDP socket lets the kernel report ICMP port-unreachable as
 * ECONNREFUSED, which is how "Browser not running" differs from "filtered" (plain silence).
 */
import dgram from 'node:dgram';
import net from 'node:net';
import type { StepResult } from './types';
import { CLNT_UCAST_EX, InstanceRecord, parseSvrResp } from './ssrp';
import { elapsed } from './connect';

const ATTEMPTS = 3;
type Outcome = { kind: 'reply' | 'not-running' | 'silent' | 'error' | 'aborted'; records?: InstanceRecord[]; code?: string };

export async function probeBrowser(address: string, port: number, instance: string | undefined, timeoutMs: number, signal?: AbortSignal): Promise<StepResult> {
  const start = process.hrtime.bigint();
  const socket = dgram.createSocket(net.isIPv6(address) ? 'udp6' : 'udp4');
  const outcome = await new Promise<Outcome>((resolve) => {
    let records: InstanceRecord[] | undefined;
    const finish = (r: Outcome) => {
      clearTimeout(timer);
      clearInterval(resend);
      signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const onAbort = () => finish({ kind: 'aborted' });
    const timer = setTimeout(() => finish(records ? { kind: 'reply', records } : { kind: 'silent' }), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    // One datagram per attempt: the list request names every instance, ours included. (Two
    // back-to-back datagrams hid the ICMP error from us on some network stacks.)
    const send = () => socket.send(CLNT_UCAST_EX);
    // UDP gets lost, and some stacks only report ICMP port-unreachable around a later send:
    // repeat the requests a few times within the timeout.
    let sends = 0;
    const resend = setInterval(() => (++sends < ATTEMPTS ? send() : clearInterval(resend)), Math.max(50, Math.floor(timeoutMs / (ATTEMPTS + 1))));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      finish(err.code === 'ECONNREFUSED' ? { kind: 'not-running' } : { kind: 'error', code: err.code });
    });
    socket.on('message', (msg) => {
      const parsed = parseSvrResp(msg);
      if (!parsed) return;
      records = mergeRecords(records ?? [], parsed);
      finish({ kind: 'reply', records });
    });
    socket.connect(port, address, send);
  });
  socket.close();
  const timings = { browserMs: elapsed(start) };
  const detail: Record<string, unknown> = { address, port, instance, instances: outcome.records ?? [] };
  if (outcome.kind === 'reply') {
    const mine = instance ? outcome.records?.find((r) => r.instanceName.toLowerCase() === instance.toLowerCase()) : undefined;
    if (instance && !mine) return { step: 'browser', status: 'failed', reason: 'instance-missing', timings, detail };
    return { step: 'browser', status: 'ok', reason: 'answered', timings, detail: { ...detail, tcpPort: mine?.tcpPort } };
  }
  if (outcome.kind === 'error' || outcome.kind === 'aborted') return { step: 'browser', status: 'error', reason: outcome.kind, timings, detail: { ...detail, code: outcome.code } };
  return { step: 'browser', status: 'failed', reason: outcome.kind, timings, detail };
}

function mergeRecords(a: InstanceRecord[], b: InstanceRecord[]): InstanceRecord[] {
  const byName = new Map(a.map((r) => [r.instanceName.toLowerCase(), r]));
  for (const r of b) byName.set(r.instanceName.toLowerCase(), r);
  return [...byName.values()];
}
