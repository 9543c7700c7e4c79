/**
 * A client report against a server report: the handshake and addressing problems that only show
 * when both ends are known (seed article scenarios 1 to 4, plus alias ports and certificate trust).
 */
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import { certName, clientApps, dheEnabled, enabledProtocols, hasEngine, instanceCertificate, isWeakSignature, listeningPorts, localNames, splitServer, who } from './context';
import { build, listOf, Vars } from './make';
import { tables } from './tables';
import type { ComparisonItem } from './types';

/** Which report is the client: the one without an instance, else the one whose alias names the other. */
export function sides(a: SqlcheckReport, b: SqlcheckReport): { client: SqlcheckReport; server: SqlcheckReport } {
  const aServer = hasEngine(a);
  const bServer = hasEngine(b);
  if (aServer && !bServer) return { client: b, server: a };
  if (bServer && !aServer) return { client: a, server: b };
  const names = localNames(a);
  if ((b.aliases ?? []).some((x) => names.has(splitServer(x.server).host))) return { client: b, server: a };
  return { client: a, server: b };
}

const suiteKey = (suite: string) => tables().curveSuffixes.reduce((s, suffix) => (s.endsWith(suffix) ? s.slice(0, -suffix.length) : s), suite);
const isDhe = (suite: string) => tables().dhePrefixes.some((p) => suite.startsWith(p));
const tag = (r: SqlcheckReport, line: string) => `${who(r)}: ${line}`;

export function compareReports(a: SqlcheckReport, b: SqlcheckReport): ComparisonItem[] {
  const { client, server } = sides(a, b);
  const defs = tables().comparison;
  const out: ComparisonItem[] = [];
  const base: Vars = { client: who(client), server: who(server) };
  const emit = (id: string, vars: Vars, evidence: string[], situation?: string) =>
    out.push({ ...build(defs, id, { ...base, ...vars }, evidence, situation), client: who(client), server: who(server) });

  const offered = enabledProtocols(client, 'client');
  const accepted = enabledProtocols(server, 'server');
  const common = offered && accepted ? offered.filter((p) => accepted.includes(p)) : undefined;
  if (common && common.length === 0) {
    emit('CMP_NO_COMMON_TLS', { clientProtocols: listOf(offered!) || 'none', serverProtocols: listOf(accepted!) || 'none' }, [
      ...client.tls.filter((t) => t.side === 'client' && t.effective === 'Enabled').map((t) => tag(client, t.raw)),
      ...server.tls.filter((t) => t.side === 'server' && t.effective === 'Enabled').map((t) => tag(server, t.raw)),
    ]);
  }

  const clientSuites = client.ciphers.effective.map(suiteKey);
  const serverSuites = server.ciphers.effective.map(suiteKey);
  const shared = serverSuites.filter((s) => clientSuites.includes(s));
  if (clientSuites.length > 0 && serverSuites.length > 0 && shared.length === 0) {
    emit('CMP_NO_COMMON_CIPHER', {}, [tag(client, `cipher suites: ${listOf(clientSuites, 3)}`), tag(server, `cipher suites: ${listOf(serverSuites, 3)}`)]);
  }

  const cdh = client.ciphers.dhVersion;
  const sdh = server.ciphers.dhVersion;
  if (cdh !== undefined && sdh !== undefined && cdh !== sdh && dheEnabled(client) && dheEnabled(server)) {
    const dheFirst = shared.length > 0 ? isDhe(shared[0]) : true;
    const line = (r: SqlcheckReport) => r.ciphers.evidence['Diffie-Hellman algorithm version']?.raw ?? `Diffie-Hellman algorithm version: ${r.ciphers.dhVersion}`;
    emit('CMP_DHE_VERSION_MISMATCH', { clientDh: cdh, serverDh: sdh }, [tag(client, line(client)), tag(server, line(server)), ...(shared[0] ? [tag(server, `first common suite: ${shared[0]}`)] : [])], dheFirst ? undefined : 'dheNotFirst');
  }

  const serverNames = localNames(server);
  const serverPorts = server.instances.flatMap(listeningPorts);
  for (const alias of client.aliases ?? []) {
    const { host, instance } = splitServer(alias.server);
    if (alias.protocol !== 'TCP' || alias.port === undefined || !serverNames.has(host) || host === 'localhost' || host === '.') continue;
    const targets = instance ? server.instances.filter((i) => i.name?.toLowerCase() === instance.toLowerCase()) : server.instances;
    const ports = targets.flatMap(listeningPorts);
    if (ports.length > 0 && !ports.includes(alias.port)) {
      emit('CMP_ALIAS_PORT_MISMATCH', { alias: alias.name, port: alias.port, listening: listOf(ports) }, [
        tag(client, alias.raw),
        ...targets.map((i) => i.evidence['TCP Port(s)']?.raw).filter((x): x is string => !!x).map((l) => tag(server, l)),
      ]);
    }
  }

  for (const i of server.instances) {
    const cert = instanceCertificate(server, i);
    const certLine = i.evidence.Certificate?.raw;
    const tls12Usable = (accepted?.includes('TLS 1.2') ?? true) && (offered?.includes('TLS 1.2') ?? true);
    if (cert && isWeakSignature(cert.sigType) && (tls12Usable || common?.length === 0)) {
      emit('CMP_CERT_WEAK_TLS12', { cert: certName(cert), sigType: cert.sigType }, [tag(server, certLine ?? ''), tag(server, cert.raw)]);
    }
    if (i.certificate?.selfGenerated) {
      const forcing = client.sni.filter((s) => s.forceEncryption && !s.trustServerCert);
      const strictApps = clientApps(client).filter((name) =>
        client.processes.some((p) => p.name === name && p.drivers.some((d) => tables().encryptByDefaultDlls.includes(d))),
      );
      const why = forcing.length > 0 ? 'its drivers force encryption' : strictApps.length > 0 ? `${listOf(strictApps)} use drivers that encrypt by default` : '';
      if (why) {
        emit('CMP_CERT_UNTRUSTED', { why }, [tag(server, certLine ?? ''), ...forcing.map((s) => tag(client, s.raw)), ...strictApps.map((a) => tag(client, a))], forcing.length > 0 ? 'clientForcesEncryption' : undefined);
      }
    }
    if (cert) {
      const names = `${cert.subject} ${cert.san}`.toLowerCase();
      for (const alias of client.aliases ?? []) {
        const { host } = splitServer(alias.server);
        if (serverNames.has(host) && /[a-z]/.test(host) && !names.includes(host)) {
          emit('CMP_CERT_NAME_MISMATCH', { name: host, cert: certName(cert) }, [tag(client, alias.raw), tag(server, cert.raw)]);
        }
      }
    }
  }
  return out;
}
