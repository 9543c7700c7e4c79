/** DNS step: every address the configured host resolves to (A and AAAA), as getaddrinfo sees it. */
import dns from 'node:dns';
import net from 'node:net';
import type { StepResult } from './types';
import { elapsed } from './connect';

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

const systemLookup: Lookup = (host) => dns.promises.lookup(host, { all: true, order: 'verbatim' });

export async function probeDns(host: string, timeoutMs: number, lookup: Lookup = systemLookup): Promise<StepResult> {
  const start = process.hrtime.bigint();
  if (net.isIP(host)) {
    return { step: 'dns', status: 'ok', reason: 'literal', timings: { lookupMs: 0 }, detail: { host, addresses: [host] } };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('lookup timed out'), { code: 'ETIMEOUT' })), timeoutMs);
  });
  try {
    const found = await Promise.race([lookup(host), timeout]);
    const addresses = [...new Set(found.map((a) => a.address))];
    const status = addresses.length ? 'ok' : 'failed';
    return { step: 'dns', status, reason: addresses.length ? undefined : 'no-address', timings: { lookupMs: elapsed(start) }, detail: { host, addresses } };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
    const reason = code === 'ETIMEOUT' ? 'timeout' : code === 'ENOTFOUND' ? 'not-found' : 'lookup-error';
    return { step: 'dns', status: 'failed', reason, timings: { lookupMs: elapsed(start) }, detail: { host, code, addresses: [] } };
  } finally {
    clearTimeout(timer);
  }
}
