/** Questions about one report that several rules ask: which instances, which ports, which names are local. */
import type { CertificateFacts, InstanceFacts, SqlcheckReport, TlsSide } from '../../parse/sqlcheck/types';
import { tables } from './tables';
import type { ReportRole } from './types';

export const PROTOCOL_ORDER = ['SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3'];

/** Database-engine instances: detail blocks, else SQL rows of the instance list, else engine services. */
export function engineInstances(r: SqlcheckReport): InstanceFacts[] {
  return r.instances;
}

export function hasEngine(r: SqlcheckReport): boolean {
  if (r.instances.length > 0) return true;
  if (r.instanceList?.some((i) => i.serviceType === 'SQL')) return true;
  const engines = tables().engineServices.map((s) => s.toUpperCase());
  return r.services.some((s) => engines.includes(s.name.toUpperCase()));
}

export function clientApps(r: SqlcheckReport): string[] {
  const own = tables().serverProcesses;
  return r.processes.filter((p) => p.drivers.length > 0 && !own.includes(p.name.toLowerCase())).map((p) => p.name);
}

export function reportRole(r: SqlcheckReport): ReportRole {
  if (!hasEngine(r)) return 'client';
  const clientSide = (r.aliases?.length ?? 0) > 0 || clientApps(r).length > 0 || r.computer.iisRunning === true;
  return clientSide ? 'both' : 'server';
}

export function listeningPorts(i: InstanceFacts): number[] {
  return i.tcpEnabled === false ? [] : [...i.tcpPorts, ...i.dynamicPorts];
}

export function isDefaultInstance(i: InstanceFacts): boolean {
  return (i.name ?? '').toUpperCase() === 'MSSQLSERVER';
}

/** Names (lower-case) by which this machine can be reached: NetBIOS, FQDN, IPs, localhost forms. */
export function localNames(r: SqlcheckReport): Set<string> {
  const names = new Set(tables().localNames.map((n) => n.toLowerCase()));
  for (const n of [r.computer.netbios, r.computer.fqdn]) if (n) names.add(n.toLowerCase());
  for (const ip of r.network.ipAddresses) names.add(ip.address.toLowerCase());
  return names;
}

/** "host\instance,port" or "tcp:host,port" → host and instance parts. */
export function splitServer(server: string): { host: string; instance?: string } {
  let s = server.trim();
  if (s.toLowerCase().startsWith('tcp:')) s = s.slice(4);
  s = s.split(',')[0];
  const [host, instance] = s.split('\\');
  return { host: host.toLowerCase(), instance: instance || undefined };
}

export function enabledProtocols(r: SqlcheckReport, side: TlsSide): string[] | undefined {
  const rows = r.tls.filter((t) => t.side === side);
  if (rows.length === 0 || rows.every((t) => t.effective === undefined)) return undefined;
  return PROTOCOL_ORDER.filter((p) => rows.some((t) => t.protocol === p && t.effective === 'Enabled'));
}

export function tlsRow(r: SqlcheckReport, side: TlsSide, protocol: string) {
  return r.tls.find((t) => t.side === side && t.protocol === protocol);
}

/** The certificate row an instance uses, matched by thumbprint (case-insensitive). */
export function instanceCertificate(r: SqlcheckReport, i: InstanceFacts): CertificateFacts | undefined {
  const tp = i.certificate?.thumbprint;
  return tp ? r.certificates.find((c) => c.thumbprint === tp) : undefined;
}

export function certName(c: CertificateFacts): string {
  return c.friendlyName || c.subject || c.thumbprint;
}

export function isWeakSignature(sigType: string): boolean {
  return tables().weakSignatureAlgorithms.some((w) => w.toLowerCase() === sigType.toLowerCase());
}

export function dheEnabled(r: SqlcheckReport): boolean | undefined {
  const list = r.ciphers.effective;
  if (list.length > 0) return list.some((s) => tables().dhePrefixes.some((p) => s.startsWith(p)));
  return r.ciphers.dheStatement;
}

export function who(r: SqlcheckReport): string {
  return r.computer.netbios ?? r.computer.fqdn ?? 'this machine';
}
