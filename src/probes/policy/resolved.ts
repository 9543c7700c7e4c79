/** After DNS: every address must be a place probes may go, and inside what was configured. */
import net from 'node:net';
import type { ServerConfig } from '../types';
import { ProbeRefused } from '../errors';
import { addressVerdict, allowedSet, inSet } from './address';

export function checkResolved(server: ServerConfig, addresses: string[]): void {
  if (addresses.length === 0) throw new ProbeRefused('no-address', `${server.name} did not resolve to any address.`);
  for (const a of addresses) {
    const verdict = addressVerdict(a);
    if (verdict !== 'ok') {
      throw new ProbeRefused('forbidden-address', `${server.name} resolves to a ${verdict} address; probes never go there.`);
    }
  }
  const entries = server.addresses ?? (net.isIP(server.host) ? [server.host] : undefined);
  if (!entries) return;
  const allowed = allowedSet(entries);
  const outside = addresses.filter((a) => !inSet(allowed, a));
  if (outside.length) {
    throw new ProbeRefused('outside-configured', `${server.name} now resolves to ${outside.length} address(es) outside those configured for it; refusing to probe.`);
  }
}
