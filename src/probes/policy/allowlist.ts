/** Find the server a user asked for, by its configured name, and nothing else. */
import type { ServerConfig } from '../types';
import { ProbeRefused } from '../errors';
import { looksLikeIpLiteral } from './address';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function findServer(servers: ServerConfig[], requested: unknown): ServerConfig {
  if (servers.length === 0) {
    throw new ProbeRefused('no-servers', 'No servers are configured for probing; an administrator must name them in the sqltriage configuration.');
  }
  const text = typeof requested === 'string' ? requested.trim() : '';
  const known = servers.map((s) => s.name).join(', ');
  if (looksLikeIpLiteral(text)) {
    throw new ProbeRefused('address-literal', `Probes take a configured server name, not an address. Configured servers: ${known}.`);
  }
  if (!NAME.test(text)) {
    throw new ProbeRefused('bad-name', `That is not a server name. Configured servers: ${known}.`);
  }
  const found = servers.find((s) => s.name.toLowerCase() === text.toLowerCase());
  if (!found) throw new ProbeRefused('unknown-server', `'${text}' is not a configured server. Configured servers: ${known}.`);
  return found;
}
