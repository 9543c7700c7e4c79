/** TCP step: connect to each checked address a few times; open / refused / filtered / unreachable. */
import type { StepResult } from './types';
import { connectTcp, ConnectOutcome } from './connect';

export interface TcpAttempt {
  address: string;
  outcome: ConnectOutcome;
  code?: string;
  ms: number;
}

export async function probeTcp(addresses: string[], port: number, timeoutMs: number, attempts = 3, signal?: AbortSignal): Promise<StepResult> {
  const tries: TcpAttempt[] = [];
  for (const address of addresses) {
    for (let i = 0; i < attempts; i++) {
      const r = await connectTcp(address, port, timeoutMs, signal);
      if (r.outcome === 'open') r.socket.destroy();
      tries.push({ address, outcome: r.outcome, code: 'code' in r ? r.code : undefined, ms: r.ms });
      // Repeating a refusal or a black hole tells nothing new and only costs time.
      if (r.outcome !== 'open') break;
    }
  }
  const open = tries.filter((t) => t.outcome === 'open');
  const perAddress = addresses.map((address) => {
    const mine = tries.filter((t) => t.address === address);
    return { address, outcome: mine.some((t) => t.outcome === 'open') ? 'open' : mine[0]?.outcome };
  });
  const connectMs = open.map((t) => t.ms);
  const timings: Record<string, number> = connectMs.length
    ? { connectMinMs: Math.min(...connectMs), connectMaxMs: Math.max(...connectMs) }
    : { connectMaxMs: Math.max(0, ...tries.map((t) => t.ms)) };
  if (open.length) return { step: 'tcp', status: 'ok', reason: 'open', timings, detail: { port, perAddress, attempts: tries } };
  const reason = mostCommon(tries.map((t) => t.outcome)) ?? 'error';
  return { step: 'tcp', status: reason === 'error' ? 'error' : 'failed', reason, timings, detail: { port, perAddress, attempts: tries } };
}

function mostCommon(values: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
