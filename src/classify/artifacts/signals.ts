/**
 * Signals from artifacts: each names an observation ("SQL Server listens, but not on the port the
 * client dials"); knowledge/signals/artifacts.yaml says what it does to which causes. Pure.
 */
import type { Artifact, CertificateInfo, CertificateStoreData, CipherSuiteData, ErrorlogData, NetstatData, NslookupData, PortCheckData, SchannelData, SetspnData } from '../../parse/artifacts/types';
import { commonName, signatureHash } from '../../parse/artifacts/certificates';
import { isDhe, isTls13, TLS12, TLS13 } from '../../parse/artifacts/cipher-suites';
import { isSqlServerProcess } from '../../parse/artifacts/netstat';
import { isLoopback } from '../../parse/artifacts/common';
import type { ArtifactContext } from './context';
import { THRESHOLDS } from './thresholds';

const LOGIN_REASON_BY_STATE: Record<number, string> = {
  8: 'password-mismatch', 5: 'login-not-found', 2: 'login-not-found', 38: 'db-open-failed', 40: 'db-open-failed', 58: 'windows-only',
  7: 'login-disabled', 18: 'password-expired', 11: 'no-connect-permission', 12: 'no-connect-permission',
};

function errorlogSignals(d: ErrorlogData, ctx: ArtifactContext): string[] {
  const out: string[] = [];
  // The dedicated admin connection listens on loopback (or remotely) on its own port: clients never use it.
  const listening = d.listening.filter((l) => l.port !== d.dacPort);
  const remote = listening.filter((l) => !isLoopback(l.address));
  const p = ctx.clientPort;
  if (remote.length && p !== undefined) out.push(remote.some((l) => l.port === p) ? 'errorlog.listening-client-port' : 'errorlog.listening-other-port');
  if (!remote.length && listening.length) out.push('errorlog.loopback-only');
  if (!listening.length && d.startup && !d.events.includes('tcp-port-in-use')) out.push('errorlog.no-tcp-listener');
  if (d.certificate) out.push(`errorlog.cert-${d.certificate}`);
  if (d.authMode) out.push(d.authMode === 'mixed' ? 'errorlog.auth-mixed' : 'errorlog.auth-windows-only');
  if (d.spnRegistered.length) out.push('errorlog.spn-registered');
  if (d.spnFailed.length || d.events.includes('spn-not-registered')) out.push('errorlog.spn-not-registered');
  for (const e of d.events) if (e !== 'spn-not-registered') out.push(`errorlog.${e}`);
  if (d.logins.length) out.push('errorlog.login-failed');
  for (const l of d.logins) {
    // State 1 is the generic state every client sees: it names no reason.
    if (l.state === undefined || l.state === 1) continue;
    out.push(`errorlog.login-reason.${LOGIN_REASON_BY_STATE[l.state] ?? 'other-reason'}`);
  }
  for (const db of d.databases) out.push(`errorlog.db-${db.state}`);
  const os = serverOs(d.os);
  if (os) out.push(`errorlog.server-os.${os}`);
  if (d.major !== undefined && d.major >= 13) out.push(d.major >= 16 ? 'errorlog.sql.2022-plus' : 'errorlog.sql.2016-2019');
  return out;
}

function serverOs(os: string | undefined): string | undefined {
  if (!os) return undefined;
  if (/^Linux/i.test(os)) return 'linux';
  if (/Server 20(?:16|19|22|25)|Windows 1[01]|Windows NT 10\.|\b10\.0\b/i.test(os)) return 'win-2016-plus';
  if (/Server 2012|Windows 8|\b6\.[23]\b/i.test(os)) return 'win-2012';
  if (/Server 2008|Server 2003|Windows 7|Vista|\b6\.[01]\b|\b5\.2\b/i.test(os)) return 'win-2008r2-older';
  return undefined;
}

function schannelSignals(d: SchannelData): string[] {
  const out = d.events.map((e) => `schannel.${e}`);
  for (const a of d.alerts) {
    if (a === 70) out.push('schannel.alert-protocol-version');
    else if (a === 40 || a === 71) out.push('schannel.alert-handshake-failure');
    else if (a === 20 || a === 51) out.push('schannel.alert-decrypt');
    else if (a === 45) out.push('schannel.alert-certificate-expired');
    else if (a === 48) out.push('schannel.alert-unknown-ca');
    else if (a === 42 || a === 43 || a === 46) out.push('schannel.alert-bad-certificate');
  }
  return out;
}

function netstatSignals(d: NetstatData, ctx: ArtifactContext): string[] {
  const out: string[] = [];
  const p = ctx.clientPort;
  const tcp = d.listeners.filter((l) => l.proto === 'tcp');
  const isSql = (l: (typeof tcp)[number]) => isSqlServerProcess(l.process) || (l.pid !== undefined && ctx.sqlPids.includes(l.pid));
  const named = (l: (typeof tcp)[number]) => l.process !== undefined || (l.pid !== undefined && ctx.sqlPids.includes(l.pid));
  if (p !== undefined && tcp.length) {
    const onPort = tcp.filter((l) => l.port === p);
    const reachable = onPort.filter((l) => !isLoopback(l.address));
    const sqlElsewhere = tcp.filter((l) => isSql(l) && l.port !== p && !isLoopback(l.address));
    if (reachable.some(isSql)) out.push('netstat.sql-on-client-port');
    else if (reachable.some((l) => named(l) && !isSql(l))) out.push('netstat.other-process-on-client-port');
    else if (reachable.length) out.push('netstat.listener-on-client-port');
    else if (onPort.length) out.push('netstat.loopback-only-on-client-port');
    else out.push('netstat.nothing-on-client-port');
    if (!reachable.length) {
      if (sqlElsewhere.length) out.push('netstat.sql-on-other-port');
      else if (tcp.some((l) => !named(l) && l.port !== p && THRESHOLDS.sqlPorts.includes(l.port) && !isLoopback(l.address))) out.push('netstat.sql-port-other');
    }
  }
  const port = p ?? 1433;
  const c = d.byPort.find((x) => x.port === port);
  if (c && c.timeWait >= THRESHOLDS.manyTimeWait && c.timeWait >= THRESHOLDS.timeWaitRatio * c.established) out.push('netstat.time-wait-many');
  if (c && c.established >= THRESHOLDS.manyEstablished && c.timeWait < c.established) out.push('netstat.established-many');
  if (c && c.synSent > 0 && c.established === 0) out.push('netstat.syn-sent');
  const udp = d.listeners.filter((l) => l.proto === 'udp');
  if (udp.some((l) => l.port === 1434)) out.push('netstat.browser-listening');
  else if (udp.length && tcp.some(isSql)) out.push('netstat.browser-not-listening');
  return out;
}

function cipherSignals(d: CipherSuiteData): string[] {
  const out: string[] = [];
  if (d.protocols && !d.suites.some((s) => d.protocols?.[s]?.includes(TLS12) || d.protocols?.[s]?.includes(TLS13))) out.push('ciphers.no-tls12');
  if (d.suites.length < THRESHOLDS.fewSuites) out.push('ciphers.few');
  if (d.suites.length && d.suites.every(isTls13)) out.push('ciphers.tls13-only');
  if (d.suites.length && isDhe(d.suites[0])) out.push('ciphers.dhe-first');
  else if (d.suites.some(isDhe)) out.push('ciphers.dhe-enabled');
  else out.push('ciphers.no-dhe');
  return out;
}

function setspnSignals(d: SetspnData, ctx: ArtifactContext): string[] {
  const out: string[] = [];
  if (d.duplicates.length) out.push('setspn.duplicate');
  if (d.notFound) out.push('setspn.not-found');
  const sql = d.spns.filter((s) => /^MSSQLSvc\//i.test(s));
  if (sql.length) {
    out.push('setspn.sql-spn-registered');
    const ports = sql.flatMap((s) => {
      const m = /:(\d{1,5})$/.exec(s);
      return m ? [Number(m[1])] : [];
    });
    if (ctx.clientPort !== undefined && ports.length && !ports.includes(ctx.clientPort)) out.push('setspn.port-not-covered');
  } else if (d.mode === 'list' && d.spns.length) out.push('setspn.no-sql-spn');
  return out;
}

function portCheckSignals(d: PortCheckData, ctx: ArtifactContext): string[] {
  const out: string[] = [];
  if (d.nameResolutionFailed) out.push('portcheck.name-resolution-failed');
  for (const c of d.checks) {
    if (c.proto === 'udp') {
      if (c.port !== 1434) continue;
      if (d.browser?.length) out.push('portcheck.browser-answered');
      else if (c.result === 'not-listening') out.push('portcheck.browser-not-listening');
      else out.push('portcheck.browser-no-answer');
      continue;
    }
    // A check of another port says nothing about the one the client dials.
    if (ctx.clientPort !== undefined && c.port !== ctx.clientPort) continue;
    if (c.result === 'listening' || c.result === 'succeeded') out.push('portcheck.listening');
    else if (c.result === 'not-listening') out.push('portcheck.not-listening');
    else if (c.result === 'filtered') out.push('portcheck.filtered');
    else if (c.result === 'failed') out.push('portcheck.tcp-failed');
  }
  if (d.browser?.length && !out.includes('portcheck.browser-answered')) out.push('portcheck.browser-answered');
  return out;
}

function nslookupSignals(d: NslookupData): string[] {
  const out: string[] = [];
  for (const l of d.lookups) {
    if (l.outcome === 'not-found') out.push('nslookup.not-found');
    else if (l.outcome === 'timeout') out.push('nslookup.timeout');
    else if (l.outcome === 'server-failure') out.push('nslookup.server-failure');
    else {
      out.push('nslookup.resolved');
      if (l.addresses.length >= 2) out.push('nslookup.multiple-addresses');
    }
  }
  return out;
}

const SERVER_AUTH = /1\.3\.6\.1\.5\.5\.7\.3\.1\b|^Server Authentication\b/i;

/** Names a client may use that no certificate is expected to carry. */
const LOCAL_NAMES = /^(?:\.|\(local\)|localhost|127\.0\.0\.1|::1|\(localdb\).*)$/i;

/** The names a certificate answers to: its subject alternative names, else its subject's CN. */
function namesOf(c: CertificateInfo): string[] {
  if (c.dnsNames.length || c.ipAddresses.length) return [...c.dnsNames, ...c.ipAddresses];
  const cn = commonName(c.subject);
  return cn ? [cn] : [];
}

/** Host name validation as TLS clients do it: exact, or a wildcard standing for one left-most label. */
export function certCovers(c: CertificateInfo, host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return namesOf(c).some((n) => {
    const name = n.toLowerCase().replace(/\.$/, '');
    if (name === h) return true;
    if (!name.startsWith('*.')) return false;
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot) === name.slice(1);
  });
}

const all = <T>(xs: T[], test: (x: T) => boolean) => xs.length > 0 && xs.every(test);

function certificateSignals(d: CertificateStoreData, ctx: ArtifactContext): string[] {
  const out: string[] = [];
  const certs = d.certificates;
  const host = ctx.clientHost && !LOCAL_NAMES.test(ctx.clientHost) ? ctx.clientHost : undefined;
  // Which certificate is SQL Server's: the one the ERRORLOG says it loaded; else those carrying the
  // name the client uses; else all of them. A problem counts when every one judged has it.
  const loaded = certs.filter((c) => c.thumbprint && ctx.sqlCertHashes?.includes(c.thumbprint));
  const named = host ? certs.filter((c) => certCovers(c, host)) : [];
  const judged = loaded.length ? loaded : named.length ? named : certs;
  if (host && certs.some((c) => namesOf(c).length)) {
    const coveredBy = loaded.length ? loaded : certs;
    out.push(coveredBy.some((c) => certCovers(c, host)) ? 'certstore.name-matches' : 'certstore.name-mismatch');
  }
  const at = ctx.atMs;
  if (at !== undefined) {
    if (all(judged, (c) => !!c.notAfterMs && c.notAfterMs.every((t) => t < at))) out.push('certstore.expired');
    else if (all(judged, (c) => !!c.notBeforeMs && c.notBeforeMs.every((t) => t > at))) out.push('certstore.not-yet-valid');
    else if (all(judged, (c) => !!c.notAfterMs && c.notAfterMs.every((t) => t >= at) && (!c.notBeforeMs || c.notBeforeMs.every((t) => t <= at)))) out.push('certstore.valid');
  }
  if (all(judged, (c) => !!c.eku && c.eku.length > 0 && !c.eku.some((e) => SERVER_AUTH.test(e)))) out.push('certstore.no-server-auth');
  if (all(judged, (c) => c.hasPrivateKey === false)) out.push('certstore.no-private-key');
  if (all(judged, (c) => c.keySpec === 'signature')) out.push('certstore.keyspec-signature');
  const hashes = judged.map((c) => signatureHash(c.signatureAlgorithm));
  if (all(hashes, (h) => h === 'weak')) out.push('certstore.weak-signature');
  else if (all(hashes, (h) => h === 'weak' || h === 'sha1')) out.push('certstore.sha1-signature');
  else if (all(hashes, (h) => h === 'ok')) out.push('certstore.strong-signature');
  if (all(judged, (c) => c.selfSigned === true)) out.push('certstore.self-signed');
  else if (all(judged, (c) => c.selfSigned === false)) out.push('certstore.ca-issued');
  return out;
}

/** Signal ids (prefixed "artifact:") that one artifact gives in this context. */
export function artifactSignals(a: Artifact, ctx: ArtifactContext): string[] {
  let ids: string[];
  switch (a.kind) {
    case 'errorlog': ids = errorlogSignals(a.data, ctx); break;
    case 'schannel': ids = schannelSignals(a.data); break;
    case 'netstat': ids = netstatSignals(a.data, ctx); break;
    case 'cipher-suites': ids = cipherSignals(a.data); break;
    case 'setspn': ids = setspnSignals(a.data, ctx); break;
    case 'port-check': ids = portCheckSignals(a.data, ctx); break;
    case 'nslookup': ids = nslookupSignals(a.data); break;
    case 'certificates': ids = certificateSignals(a.data, ctx); break;
    default: ids = [];
  }
  return [...new Set(ids.map((id) => `artifact:${id}`))];
}
