/** Aliases, HOSTS, client driver defaults, TCP settings and the ephemeral port range. */
import type { AliasFacts, SqlcheckReport } from '../../../parse/sqlcheck/types';
import { hasEngine, listeningPorts, localNames, splitServer, who } from '../context';
import { listOf } from '../make';
import { tables } from '../tables';
import { messageLines, Rule } from './rule';

const bitness = (a: AliasFacts) => (a.bit32 ? ' (32-bit)' : ' (64-bit)');

/** Ports the alias target listens on, when the target is this machine; undefined when we cannot tell. */
function localTargetPorts(r: SqlcheckReport, a: AliasFacts): number[] | undefined {
  const { host, instance } = splitServer(a.server);
  if (!localNames(r).has(host) || r.instances.length === 0) return undefined;
  const targets = instance ? r.instances.filter((i) => i.name?.toLowerCase() === instance.toLowerCase()) : r.instances;
  return targets.length > 0 ? targets.flatMap(listeningPorts) : undefined;
}

export function aliasPortWrong(r: SqlcheckReport, a: AliasFacts): number[] | undefined {
  if (a.protocol !== 'TCP' || a.port === undefined) return undefined;
  const ports = localTargetPorts(r, a);
  return ports && !ports.includes(a.port) ? ports : undefined;
}

export const aliases: Rule = (r, emit) => {
  const list = r.aliases ?? [];
  for (const a of list) {
    const listening = aliasPortWrong(r, a);
    if (listening) {
      emit('ALIAS_PORT_MISMATCH', { alias: a.name, bitness: bitness(a), server: a.server, port: a.port, listening: listOf(listening) || 'none' }, [
        a.raw,
        ...r.instances.map((i) => i.evidence['TCP Port(s)']?.raw).filter((x): x is string => !!x),
      ]);
    }
    if (a.protocol === 'Named Pipes') emit('ALIAS_NAMED_PIPES', { alias: a.name, server: a.server }, [a.raw]);
  }
  const byName = new Map<string, AliasFacts[]>();
  for (const a of list) byName.set(a.name.toLowerCase(), [...(byName.get(a.name.toLowerCase()) ?? []), a]);
  for (const same of byName.values()) {
    const b64 = same.filter((a) => !a.bit32);
    const b32 = same.filter((a) => a.bit32);
    const key = (a: AliasFacts) => `${a.protocol}|${a.server.toLowerCase()}|${a.port ?? ''}`;
    if (b64.length === 0 || b32.length === 0 || b64.every((a) => b32.some((b) => key(a) === key(b)))) continue;
    const targets = same.map((a) => `${a.bit32 ? '32-bit' : '64-bit'}: ${a.server}${a.port ? `,${a.port}` : ''}`).join('; ');
    const oneWrong = same.some((a) => aliasPortWrong(r, a));
    emit('ALIAS_BITNESS_MISMATCH', { alias: same[0].name, targets }, same.map((a) => a.raw), oneWrong ? 'onePointsWrong' : undefined);
  }
};

export const hostsFile: Rule = (r, emit) => {
  const entries = r.network.hosts;
  if (entries.length > 0) emit('HOSTS_ENTRY', { entries: listOf(entries.map((e) => e.raw)) }, entries.map((e) => e.raw));
};

export const clientDriverSettings: Rule = (r, emit) => {
  const forced = r.sni.filter((s) => s.forceEncryption);
  if (forced.length > 0) emit('CLIENT_FORCE_ENCRYPTION', { computer: who(r), clients: listOf(forced.map((s) => s.client)) }, forced.map((s) => s.raw));
  const trusting = r.sni.filter((s) => s.trustServerCert);
  if (trusting.length > 0) emit('CLIENT_TRUST_SERVER_CERT', { computer: who(r), clients: listOf(trusting.map((s) => s.client)) }, trusting.map((s) => s.raw));
  const odd = r.sni.filter((s) => s.defaultPort !== undefined && s.defaultPort !== 1433 && s.defaultPort !== 0);
  if (odd.length > 0) emit('SNI_DEFAULT_PORT_NOT_1433', { computer: who(r), port: listOf(odd.map((s) => s.defaultPort ?? '')) }, odd.map((s) => s.raw));
};

export const tcpSettings: Rule = (r, emit) => {
  const t = tables();
  const n = r.network;
  const ev = (label: string) => [n.evidence[label]?.raw].filter((x): x is string => !!x);
  const retrans = n.tcpMaxDataRetransmissions;
  if (retrans !== undefined && retrans < t.tcpMaxDataRetransmissionsBelow) {
    emit('TCP_MAX_RETRANSMISSIONS_LOW', { value: retrans }, [...ev('TCPMaxDataRetransmissions'), ...messageLines(r, 'retransmissions')], retrans === 0 ? 'zero' : undefined);
  }
  const wait = n.tcpTimedWaitDelay;
  if (wait !== undefined && wait < t.tcpTimedWaitDelay.min) emit('TCP_TIMED_WAIT_DELAY_LOW', { value: wait }, [...ev('TCP Timed Wait Delay'), ...messageLines(r, 'TcpTimedWaitDelay')]);
  if (wait !== undefined && wait > t.tcpTimedWaitDelay.max) emit('TCP_TIMED_WAIT_DELAY_HIGH', { value: wait }, [...ev('TCP Timed Wait Delay'), ...messageLines(r, 'TcpTimedWaitDelay')]);
  const vnet = messageLines(r, 'vnetflt.sys driver is installed');
  if (vnet.length > 0 || n.fltmc.some((f) => f.toLowerCase() === 'vnetflt')) emit('VNETFLT_PRESENT', {}, [...vnet, ...ev('FLTMC Filters')]);
};

export const ephemeralPorts: Rule = (r, emit) => {
  const { minEphemeralPort: min, maxEphemeralPort: max, evidence } = r.network;
  if (min === undefined || max === undefined || min <= 0 || max < min) return;
  const lines = [evidence['Min Ephemeral Port']?.raw, evidence['Max Ephemeral Port']?.raw].filter((x): x is string => !!x);
  const count = max - min + 1;
  if (count < tables().ephemeralSmallBelow) emit('EPHEMERAL_RANGE_SMALL', { min, max, count: count.toLocaleString('en-US') }, lines);
  if (!hasEngine(r)) return;
  // Dynamic ports are drawn from this range by design; only fixed ports can be taken first.
  const needed = [...tables().sqlFixedPorts, ...r.instances.flatMap((i) => (i.tcpEnabled === false ? [] : i.tcpPorts))];
  const inside = [...new Set(needed.filter((p) => p >= min && p <= max))];
  if (inside.length > 0) emit('EPHEMERAL_RANGE_OVERLAPS_SQL_PORTS', { min, max, ports: listOf(inside.sort((a, b) => a - b)) }, lines);
};
