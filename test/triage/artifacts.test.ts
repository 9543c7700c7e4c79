/**
 * Artifacts in a case: every artifact signal is produced from a sample in its tool's format, its facts
 * are shown, and the cause it speaks for moves in the ranking. The first block holds the scenarios the
 * articles describe, each asserting where the cause ends up; the table below covers every signal.
 */
import { loadKnowledge } from '../../src/kb/load';
import { addPaste, caseSignals, classifyText, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';
import { CERT_ERRORS, CERTSTORE, ERRORLOG_LINES, ERRORS, netstatEstablished, PORTQRY_UDP_NOT_LISTENING, sample, SCHANNEL_LINES } from './artifact-samples';

const kb = loadKnowledge();
const NOW = { now: new Date('2026-01-01T00:00:00Z') };

function caseOf(...pastes: string[]): Case {
  let c = openCase({ id: 'test', now: NOW.now });
  for (const p of pastes) c = addPaste(c, p, kb, NOW).case;
  return c;
}

const score = (c: Case, cause: string) => rankCase(c, kb).causes.find((x) => x.id === cause)?.score ?? 0;
const rank = (c: Case, cause: string) => rankCase(c, kb).causes.findIndex((x) => x.id === cause);

describe('the articles\' scenarios', () => {
  test('issue #14: netstat shows SQL Server on 1434 while the client dials 1433: wrong port clearly above nothing listening', () => {
    const error = caseOf(ERRORS.refused);
    const both = caseOf(ERRORS.refused, sample('netstat-aon-1434.txt'));
    expect(caseSignals(both)).toEqual(expect.arrayContaining(['artifact:netstat.nothing-on-client-port', 'artifact:netstat.sql-port-other']));
    expect(rank(both, 'refused-wrong-port')).toBe(0);
    expect(score(both, 'refused-wrong-port')).toBeGreaterThan(3 * score(both, 'refused-not-listening'));
    expect(score(both, 'refused-wrong-port')).toBeGreaterThan(score(error, 'refused-wrong-port'));
  });

  test('the same in one paste, error first and netstat -abon after: sqlservr.exe named on another port', () => {
    const c = caseOf(`${ERRORS.refused}\n\n${sample('netstat-abon-sql-1533.txt')}`);
    expect(c.evidence.map((e) => e.kind).filter((k) => k !== 'answer')).toEqual(['artifact', 'paste']);
    expect(rank(c, 'refused-wrong-port')).toBe(0);
    expect(score(c, 'refused-wrong-port')).toBeGreaterThan(0.6);
  });

  test('the port in the connection string decides what "another port" is: SQL Server on 1533 and a client dialling 1533 is not a wrong port', () => {
    const c = caseOf('(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.) Data Source=tcp:sql01,1533', sample('netstat-abon-sql-1533.txt'));
    expect(caseSignals(c)).toContain('artifact:netstat.sql-on-client-port');
    const without = caseOf('(provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.) Data Source=tcp:sql01,1533');
    expect(rank(c, 'refused-firewall-reject')).toBe(0);
    expect(score(c, 'refused-wrong-port')).toBeLessThan(score(without, 'refused-wrong-port') / 3);
  });

  test('the ERRORLOG names the listening port: an error arriving later is judged against it', () => {
    const before = caseOf(sample('errorlog-self-generated-1434.txt'));
    const c = addPaste(before, ERRORS.refused, kb, NOW).case;
    expect(caseSignals(c)).toContain('artifact:errorlog.listening-other-port');
    expect(rank(c, 'refused-wrong-port')).toBe(0);
  });

  test('certutil -store my: the CA-issued certificate expired before the untrusted-chain error: expired certificate first', () => {
    const error = caseOf(ERRORS.untrustedCert);
    const c = caseOf(ERRORS.untrustedCert, sample('certutil-store-my.txt'));
    expect(caseSignals(c)).toEqual(expect.arrayContaining(['artifact:certstore.expired', 'artifact:certstore.ca-issued']));
    expect(rank(error, 'cert-expired')).toBeGreaterThan(2);
    expect(rank(c, 'cert-expired')).toBe(0);
    expect(score(c, 'cert-self-signed-untrusted')).toBeLessThan(score(error, 'cert-self-signed-untrusted'));
  });

  test('the client dials the short name while the store only holds the FQDN: name mismatch nearly certain; dialling the FQDN weakens it', () => {
    const short = caseOf(CERT_ERRORS.nameShort, sample('ps-cert-formatlist.txt'));
    expect(caseSignals(short)).toContain('artifact:certstore.name-mismatch');
    expect(rank(short, 'cert-name-mismatch')).toBe(0);
    expect(score(short, 'cert-name-mismatch')).toBeGreaterThan(0.9);
    const fqdn = caseOf(CERT_ERRORS.nameFqdn, sample('ps-cert-formatlist.txt'));
    expect(caseSignals(fqdn)).toEqual(expect.arrayContaining(['artifact:certstore.name-matches', 'artifact:certstore.no-server-auth']));
    expect(score(fqdn, 'cert-name-mismatch')).toBeLessThan(score(caseOf(CERT_ERRORS.nameFqdn), 'cert-name-mismatch'));
  });

  test('forcibly closed, the ERRORLOG names the loaded certificate and certutil -v shows it signed with sha512RSA: weak-hash certificate first', () => {
    const error = caseOf(ERRORS.forciblyClosed);
    const c = caseOf(ERRORS.forciblyClosed, sample('errorlog-2019-startup.txt'), sample('certutil-store-my-v.txt'));
    expect(caseSignals(c)).toContain('artifact:certstore.weak-signature');
    expect(rank(error, 'tls-weak-hash-certificate')).toBeGreaterThan(2);
    expect(rank(c, 'tls-weak-hash-certificate')).toBe(0);
    expect(score(c, 'tls-weak-hash-certificate')).toBeGreaterThan(0.6);
  });

  test('the ERRORLOG names the certificate SQL Server loaded: an expired certificate beside it in the store is not the server\'s', () => {
    const store = `${sample('certutil-store-my.txt')}\n${sample('certutil-store-my-v.txt')}`;
    const byName = caseOf(CERT_ERRORS.closedFqdn, store);
    expect(caseSignals(byName)).toContain('artifact:certstore.expired'); // the one carrying the client's name
    const byHash = caseOf(CERT_ERRORS.closedFqdn, sample('errorlog-2019-startup.txt'), store);
    expect(caseSignals(byHash)).not.toContain('artifact:certstore.expired');
    expect(caseSignals(byHash)).toEqual(expect.arrayContaining(['artifact:certstore.valid', 'artifact:certstore.weak-signature']));
    expect(score(byHash, 'cert-expired')).toBeLessThan(score(byName, 'cert-expired'));
  });

  test('certificate dates are judged when the listing was pasted, not when the case is read again', () => {
    const early = addPaste(openCase({ id: 'test', now: new Date('2024-06-01T00:00:00Z') }), sample('certutil-store-my.txt'), kb, { now: new Date('2024-06-01T00:00:00Z') }).case;
    expect(caseSignals(early)).toContain('artifact:certstore.valid');
    expect(caseSignals(early)).not.toContain('artifact:certstore.expired');
  });

  test('1433 owned by java.exe: not SQL Server answers the port', () => {
    const c = caseOf(ERRORS.forciblyClosed, sample('netstat-abon-other-process.txt'));
    expect(caseSignals(c)).toContain('artifact:netstat.other-process-on-client-port');
    expect(score(c, 'refused-not-sql-server')).toBeGreaterThan(score(caseOf(ERRORS.forciblyClosed), 'refused-not-sql-server') * 5);
  });

  test('hundreds of TIME_WAIT to 1433 (German netstat): no pooling, ephemeral ports run out', () => {
    const c = caseOf(ERRORS.socketInUse, sample('netstat-ano-de-timewait.txt'));
    expect(caseSignals(c)).toContain('artifact:netstat.time-wait-many');
    expect(rank(c, 'exhaust-no-pooling-ephemeral-ports')).toBe(0);
    const pooled = caseOf(ERRORS.socketInUse, sample('netstat-ano-pooled.txt'));
    expect(caseSignals(pooled)).not.toContain('artifact:netstat.time-wait-many');
    expect(score(pooled, 'exhaust-no-pooling-ephemeral-ports')).toBeLessThan(score(c, 'exhaust-no-pooling-ephemeral-ports'));
  });

  test('Schannel 36874 with a forcibly closed pre-login: no cipher suite in common leads', () => {
    const c = caseOf(ERRORS.forciblyClosed, sample('schannel-36874-eventviewer.txt'));
    expect(rank(c, 'tls-no-common-cipher')).toBe(0);
  });

  test('setspn -X finds a duplicate SPN behind "Cannot generate SSPI context"', () => {
    const c = caseOf(ERRORS.sspi, sample('setspn-X.txt'));
    expect(rank(c, 'sspi-spn-duplicate')).toBe(0);
    const missing = caseOf(ERRORS.sspi, sample('setspn-Q-not-found.txt'));
    expect(rank(missing, 'sspi-spn-missing')).toBe(0);
  });

  test('nslookup NXDOMAIN behind error 26/40: DNS leads', () => {
    const c = caseOf(ERRORS.namedPipes, sample('nslookup-windows-nx.txt'));
    expect(rank(c, 'notfound-dns')).toBe(0);
  });

  test('PortQry FILTERED behind a timeout: a firewall drops the packets', () => {
    const c = caseOf(ERRORS.timeout, sample('portqry-filtered.txt'));
    expect(rank(c, 'timeout-firewall-drop')).toBe(0);
  });

  test("the ERRORLOG's state 8 behind a client 18456: wrong password leads", () => {
    const c = caseOf(ERRORS.login, sample('errorlog-logins.txt'));
    expect(rank(c, 'login-wrong-password')).toBe(0);
    expect(score(c, 'login-wrong-password')).toBeGreaterThan(0.9);
  });

  test('TLS 1.0-only cipher suites (Get-TlsCipherSuite Protocols) behind a forcibly closed pre-login: no common protocol', () => {
    const c = caseOf(ERRORS.forciblyClosed, sample('ciphers-get-tlsciphersuite-legacy.txt'));
    expect(rank(c, 'tls-no-common-protocol')).toBe(0);
  });
});

/** Every artifact signal: a paste that produces it, and the error it is pasted beside (none: the artifact alone). */
const SIGNAL_CASES: { signal: string; artifact: string; error?: string; port?: number }[] = [
  { signal: 'errorlog.listening-client-port', artifact: sample('errorlog-2019-startup.txt'), error: ERRORS.refused },
  { signal: 'errorlog.listening-other-port', artifact: sample('errorlog-2000.txt'), error: ERRORS.refused },
  { signal: 'errorlog.loopback-only', artifact: ERRORLOG_LINES.loopbackOnly, error: ERRORS.refused },
  { signal: 'errorlog.no-tcp-listener', artifact: sample('errorlog-express-pipes-only.txt'), error: ERRORS.namedPipes },
  { signal: 'errorlog.tcp-port-in-use', artifact: ERRORLOG_LINES.portInUse, error: ERRORS.refused },
  { signal: 'errorlog.network-library-failed', artifact: sample('errorlog-port-in-use.txt'), error: ERRORS.refused },
  { signal: 'errorlog.cert-configured', artifact: sample('errorlog-2019-startup.txt'), error: ERRORS.forciblyClosed },
  { signal: 'errorlog.cert-self-generated', artifact: sample('errorlog-ssms-export.txt'), error: ERRORS.untrustedCert },
  { signal: 'errorlog.cert-load-failed', artifact: ERRORLOG_LINES.certLoadFailed, error: ERRORS.refused },
  { signal: 'errorlog.auth-windows-only', artifact: sample('errorlog-express-pipes-only.txt'), error: ERRORS.login },
  { signal: 'errorlog.auth-mixed', artifact: sample('errorlog-2019-startup.txt'), error: ERRORS.login },
  { signal: 'errorlog.spn-registered', artifact: sample('errorlog-2019-startup.txt'), error: ERRORS.sspi },
  { signal: 'errorlog.spn-not-registered', artifact: sample('errorlog-self-generated-1434.txt'), error: ERRORS.sspi },
  { signal: 'errorlog.packet-length-mismatch', artifact: sample('errorlog-errors.txt'), error: ERRORS.forciblyClosed },
  { signal: 'errorlog.login-network-error', artifact: ERRORLOG_LINES.loginNetworkError, error: ERRORS.loginTimeout },
  { signal: 'errorlog.sspi-handshake-failed', artifact: ERRORLOG_LINES.sspiHandshake, error: ERRORS.sspi },
  { signal: 'errorlog.untrusted-domain', artifact: sample('errorlog-sspi.txt'), error: ERRORS.sspi },
  { signal: 'errorlog.socket-duplicate', artifact: ERRORLOG_LINES.socketDuplicate, error: ERRORS.forciblyClosed },
  { signal: 'errorlog.logon-trigger', artifact: sample('errorlog-trigger.txt'), error: ERRORS.login },
  { signal: 'errorlog.single-user', artifact: sample('errorlog-db-options.txt'), error: ERRORS.dbOpen },
  { signal: 'errorlog.memory-701', artifact: sample('errorlog-resources.txt'), error: ERRORS.loginTimeout },
  { signal: 'errorlog.system-task-17300', artifact: sample('errorlog-resources.txt'), error: ERRORS.loginTimeout },
  { signal: 'errorlog.io-stall-833', artifact: sample('errorlog-resources.txt'), error: ERRORS.loginTimeout },
  { signal: 'errorlog.user-connections-17809', artifact: ERRORLOG_LINES.userConnections, error: ERRORS.poolTimeout },
  { signal: 'errorlog.thread-spawn-17189', artifact: ERRORLOG_LINES.threadSpawn, error: ERRORS.loginTimeout },
  { signal: 'errorlog.scheduler-stall', artifact: ERRORLOG_LINES.schedulerStall, error: ERRORS.loginTimeout },
  { signal: 'errorlog.insufficient-resources', artifact: ERRORLOG_LINES.insufficientResources, error: ERRORS.forciblyClosed },
  { signal: 'errorlog.db-offline', artifact: sample('errorlog-offline.txt'), error: ERRORS.dbOpen },
  { signal: 'errorlog.db-single-user', artifact: sample('errorlog-db-options.txt'), error: ERRORS.dbOpen },
  { signal: 'errorlog.db-restoring', artifact: ERRORLOG_LINES.restoring, error: ERRORS.dbOpen },
  { signal: 'schannel.no-common-cipher', artifact: sample('schannel-36874-eventviewer.txt'), error: ERRORS.forciblyClosed },
  { signal: 'schannel.no-common-protocol', artifact: SCHANNEL_LINES.noCommonProtocol, error: ERRORS.forciblyClosed },
  { signal: 'schannel.credential-error', artifact: sample('schannel-alerts-getwinevent.txt'), error: ERRORS.forciblyClosed },
  { signal: 'schannel.private-key', artifact: SCHANNEL_LINES.privateKey, error: ERRORS.forciblyClosed },
  { signal: 'schannel.alert-protocol-version', artifact: sample('schannel-alerts-getwinevent.txt'), error: ERRORS.forciblyClosed },
  { signal: 'schannel.alert-handshake-failure', artifact: SCHANNEL_LINES.alert40, error: ERRORS.forciblyClosed },
  { signal: 'schannel.alert-decrypt', artifact: SCHANNEL_LINES.alert51, error: ERRORS.forciblyClosed },
  { signal: 'schannel.alert-certificate-expired', artifact: SCHANNEL_LINES.alert45, error: ERRORS.untrustedCert },
  { signal: 'schannel.alert-unknown-ca', artifact: SCHANNEL_LINES.alertReceived48, error: ERRORS.untrustedCert },
  { signal: 'schannel.alert-bad-certificate', artifact: SCHANNEL_LINES.alert42, error: ERRORS.untrustedCert },
  { signal: 'schannel.name-mismatch', artifact: sample('schannel-name-mismatch.txt'), error: ERRORS.untrustedCert },
  { signal: 'schannel.untrusted-ca', artifact: SCHANNEL_LINES.untrustedCa, error: ERRORS.untrustedCert },
  { signal: 'netstat.sql-on-client-port', artifact: sample('netstat-linux-tlnp.txt'), error: ERRORS.refused },
  { signal: 'netstat.sql-on-other-port', artifact: sample('ss-tlnp-other-port.txt'), error: ERRORS.refused },
  { signal: 'netstat.sql-port-other', artifact: sample('netstat-aon-1434.txt'), error: ERRORS.refused },
  { signal: 'netstat.other-process-on-client-port', artifact: sample('netstat-abon-other-process.txt'), error: ERRORS.refused },
  { signal: 'netstat.listener-on-client-port', artifact: sample('netstat-aon-listener-1433.txt'), error: ERRORS.refused },
  { signal: 'netstat.loopback-only-on-client-port', artifact: sample('netstat-aon-loopback.txt'), error: ERRORS.refused },
  { signal: 'netstat.nothing-on-client-port', artifact: sample('netstat-ano-de-timewait.txt'), error: ERRORS.refused },
  { signal: 'netstat.time-wait-many', artifact: sample('netstat-ano-de-timewait.txt'), error: ERRORS.socketInUse },
  { signal: 'netstat.established-many', artifact: netstatEstablished(200), error: ERRORS.poolTimeout },
  { signal: 'netstat.syn-sent', artifact: sample('ss-tan-synsent.txt'), error: ERRORS.timeout },
  { signal: 'netstat.browser-listening', artifact: sample('netstat-abon-sql-1433.txt'), error: ERRORS.notFound },
  { signal: 'netstat.browser-not-listening', artifact: sample('netstat-abon-sql-1533.txt'), error: ERRORS.notFound },
  { signal: 'ciphers.no-tls12', artifact: sample('ciphers-get-tlsciphersuite-legacy.txt'), error: ERRORS.forciblyClosed },
  { signal: 'ciphers.few', artifact: sample('ciphers-registry-functions.txt'), error: ERRORS.forciblyClosed },
  { signal: 'ciphers.tls13-only', artifact: sample('ciphers-tls13-only.txt'), error: ERRORS.forciblyClosed },
  { signal: 'ciphers.dhe-first', artifact: sample('ciphers-reg-query-dhe.txt'), error: ERRORS.forciblyClosed },
  { signal: 'ciphers.dhe-enabled', artifact: sample('ciphers-get-tlsciphersuite.txt'), error: ERRORS.forciblyClosed },
  { signal: 'ciphers.no-dhe', artifact: sample('ciphers-registry-functions.txt'), error: ERRORS.forciblyClosed },
  { signal: 'setspn.duplicate', artifact: sample('setspn-Q-two-accounts.txt'), error: ERRORS.sspi },
  { signal: 'setspn.not-found', artifact: sample('setspn-Q-not-found.txt'), error: ERRORS.sspi },
  { signal: 'setspn.sql-spn-registered', artifact: sample('setspn-L.txt'), error: ERRORS.sspi },
  { signal: 'setspn.port-not-covered', artifact: sample('setspn-L.txt'), error: 'Cannot generate SSPI context. Data Source=tcp:sql01.contoso.com,1533' },
  { signal: 'setspn.no-sql-spn', artifact: sample('setspn-L-no-sql.txt'), error: ERRORS.sspi },
  { signal: 'portcheck.listening', artifact: sample('tnc-succeeded.txt'), error: ERRORS.timeout },
  { signal: 'portcheck.not-listening', artifact: sample('portqry-not-listening.txt'), error: ERRORS.refused },
  { signal: 'portcheck.filtered', artifact: sample('portqry-filtered.txt'), error: ERRORS.timeout },
  { signal: 'portcheck.tcp-failed', artifact: sample('tnc-failed.txt'), error: ERRORS.timeout },
  { signal: 'portcheck.name-resolution-failed', artifact: sample('tnc-name-failed.txt'), error: ERRORS.notFound },
  { signal: 'portcheck.browser-answered', artifact: sample('portqry-udp1434.txt'), error: ERRORS.notFound },
  { signal: 'portcheck.browser-no-answer', artifact: sample('portqry-udp1434-silent.txt'), error: ERRORS.notFound },
  { signal: 'portcheck.browser-not-listening', artifact: PORTQRY_UDP_NOT_LISTENING, error: ERRORS.notFound },
  { signal: 'nslookup.not-found', artifact: sample('nslookup-linux-nx.txt'), error: ERRORS.notFound },
  { signal: 'nslookup.resolved', artifact: sample('nslookup-windows-ok.txt'), error: ERRORS.notFound },
  { signal: 'nslookup.timeout', artifact: sample('nslookup-timeout.txt'), error: ERRORS.timeout },
  { signal: 'nslookup.server-failure', artifact: 'Server:  dc01.contoso.com\nAddress:  10.0.0.2\n\n*** dc01.contoso.com can\'t find sql01: Server failed\n', error: ERRORS.notFound },
  { signal: 'nslookup.multiple-addresses', artifact: sample('nslookup-listener-multi.txt'), error: ERRORS.loginTimeout },
  { signal: 'certstore.expired', artifact: sample('certutil-store-my.txt'), error: ERRORS.untrustedCert },
  { signal: 'certstore.not-yet-valid', artifact: CERTSTORE.notYetValid, error: ERRORS.untrustedCert },
  { signal: 'certstore.valid', artifact: sample('certutil-store-no-key.txt'), error: ERRORS.untrustedCert },
  { signal: 'certstore.no-server-auth', artifact: sample('ps-cert-formatlist.txt'), error: CERT_ERRORS.closedFqdn },
  { signal: 'certstore.no-private-key', artifact: sample('certutil-store-no-key.txt'), error: ERRORS.forciblyClosed },
  { signal: 'certstore.keyspec-signature', artifact: CERTSTORE.signatureKey, error: ERRORS.forciblyClosed },
  { signal: 'certstore.name-mismatch', artifact: sample('ps-cert-formatlist.txt'), error: CERT_ERRORS.nameShort },
  { signal: 'certstore.name-matches', artifact: sample('ps-cert-formatlist.txt'), error: CERT_ERRORS.nameFqdn },
  { signal: 'certstore.self-signed', artifact: sample('ps-cert-selfsigned-de.txt'), error: ERRORS.untrustedCert },
  { signal: 'certstore.ca-issued', artifact: sample('certutil-store-my.txt'), error: ERRORS.untrustedCert },
  { signal: 'certstore.weak-signature', artifact: sample('certutil-store-my-v.txt'), error: ERRORS.forciblyClosed },
  { signal: 'certstore.sha1-signature', artifact: CERTSTORE.sha1, error: ERRORS.forciblyClosed },
  { signal: 'certstore.strong-signature', artifact: CERTSTORE.sha256, error: ERRORS.forciblyClosed },
];

/** The cause a signal speaks for most strongly, and which way. */
function strongest(signal: string): { cause: string; weight: number } | undefined {
  const effects = kb.signal.get(signal)?.effects ?? [];
  return [...effects].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))[0];
}

describe('every artifact signal', () => {
  test.each(SIGNAL_CASES)('$signal: read, shown, and its cause moves', ({ signal, artifact, error }) => {
    const id = `artifact:${signal}`;
    const base = error ? caseOf(error) : caseOf();
    const c = error ? caseOf(error, artifact) : caseOf(artifact);
    // Read: the artifact became evidence with facts a user can read.
    const artifacts = c.evidence.flatMap((e) => (e.kind === 'artifact' ? [e.artifact] : []));
    expect(artifacts.length).toBeGreaterThan(0);
    expect(artifacts.every((a) => a.facts.length > 0)).toBe(true);
    // The signal.
    expect(caseSignals(c)).toContain(id);
    expect(kb.signal.get(id)?.why).toBeTruthy();
    // The re-ranked cause: the one the signal speaks for most strongly moves its way.
    const s = strongest(id);
    if (!s) throw new Error(`${id} has no effects: it belongs in the implied-answer tests`);
    const before = score(base, s.cause);
    const after = score(c, s.cause);
    if (s.weight > 0) expect(after).toBeGreaterThan(before);
    else expect(after).toBeLessThan(before);
  });

  test('the table covers every artifact signal with effects in knowledge/signals/artifacts.yaml', () => {
    const declared = kb.kb.signals.filter((s) => s.producer === 'artifact' && s.effects.length > 0).map((s) => s.id.slice('artifact:'.length));
    expect(SIGNAL_CASES.map((x) => x.signal).sort()).toEqual(expect.arrayContaining(declared.sort()));
    expect(declared.sort()).toEqual(expect.arrayContaining([...new Set(SIGNAL_CASES.map((x) => x.signal))].sort()));
  });
});

describe('classify', () => {
  test('classify --json reports each artifact with what was read and its signals', () => {
    const r = classifyText(`${ERRORS.refused}\n${sample('netstat-aon-1434.txt')}`, kb);
    expect(r.kind).toBe('error');
    expect(r.artifacts).toEqual([
      expect.objectContaining({ kind: 'netstat', title: 'netstat -aon (Windows)', signals: expect.arrayContaining(['artifact:netstat.sql-port-other']) }),
    ]);
    expect(r.artifacts?.[0].facts).toContainEqual({ label: 'Other TCP listeners', value: '1434 (PID 4321), 3389 (PID 1196)' });
    expect(r.causes[0].id).toBe('refused-wrong-port');
    const alone = classifyText(sample('nslookup-windows-nx.txt'), kb);
    expect(alone.kind).toBe('artifact');
    expect(alone.causes[0].id).toBe('notfound-dns');
  });

  test('a clean startup ERRORLOG alone points at nothing', () => {
    const r = classifyText(sample('errorlog-2019-startup.txt'), kb);
    expect(r.kind).toBe('unknown');
    expect(r.artifacts?.[0].facts.length).toBeGreaterThan(5);
  });
});
