/** A compact, JSON-friendly digest of a report's facts (for the CLI and the escalation summary). */
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import { dheEnabled, enabledProtocols } from './context';

export function factsSummary(r: SqlcheckReport): Record<string, unknown> {
  const c = r.computer;
  return {
    computer: { netbios: c.netbios, fqdn: c.fqdn, os: c.os, osVersion: c.osVersion, build: c.build, domain: r.domain?.name ?? c.domainOrWorkgroup, dotnet4: c.dotnet4, iisRunning: c.iisRunning, rebootRecommended: c.rebootRecommended },
    network: {
      ephemeralPorts: r.network.minEphemeralPort !== undefined ? [r.network.minEphemeralPort, r.network.maxEphemeralPort] : undefined,
      tcpTimedWaitDelay: r.network.tcpTimedWaitDelay,
      tcpMaxDataRetransmissions: r.network.tcpMaxDataRetransmissions,
      ipAddresses: r.network.ipAddresses.map((a) => a.address),
      hosts: r.network.hosts.map((h) => h.raw),
    },
    tls: { client: enabledProtocols(r, 'client'), server: enabledProtocols(r, 'server') },
    ciphers: { effective: r.ciphers.effective.length, policy: r.ciphers.policyList.length > 0, dhVersion: r.ciphers.dhVersion, dheEnabled: dheEnabled(r) },
    drivers: r.drivers.map((d) => ({ name: d.name, version: d.version, tls12: d.tls12, supported: d.supported, bit32: d.bit32 })),
    processes: r.processes.map((p) => ({ name: p.name, pid: p.pid, drivers: p.drivers })),
    aliases: r.aliases?.map((a) => ({ name: a.name, protocol: a.protocol, server: a.server, port: a.port, bit32: a.bit32 })),
    sni: r.sni.map((s) => ({ client: s.client, forceEncryption: s.forceEncryption, trustServerCert: s.trustServerCert, defaultPort: s.defaultPort, bit32: s.bit32 })),
    certificates: r.certificates.map((x) => ({ name: x.friendlyName || x.subject, thumbprint: x.thumbprint, sigType: x.sigType, serverCert: x.serverCert, notAfter: x.notAfter, problems: x.problems })),
    services: r.services.map((s) => ({ name: s.instance ? `${s.name}$${s.instance}` : s.name, startMode: s.startMode, started: s.started, account: s.serviceAccount })),
    instances: r.instances.map((i) => ({
      name: i.name, edition: i.edition, version: i.patchLevel ?? i.version, tcpEnabled: i.tcpEnabled, tcpPorts: i.tcpPorts, dynamicPorts: i.dynamicPorts,
      forceEncryption: i.forceEncryption, forceStrict: i.forceStrict, certificate: i.certificate?.raw, spnAccount: i.spnAccount,
    })),
    messages: r.messages.length,
  };
}
