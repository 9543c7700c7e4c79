/**
 * Each artifact reader on samples in its tool's exact output: what it recognises and what it reads.
 * Facts are what the chat and the CLI show, so they are asserted as a user would read them.
 */
import { readArtifacts, type Artifact } from '../../../src/parse/artifacts';
import { certDateReadings } from '../../../src/parse/artifacts/certificates';
import { sample } from './fixtures';

function only(name: string): Artifact {
  const r = readArtifacts(sample(name));
  expect(r.artifacts.map((a) => a.kind)).toHaveLength(1);
  return r.artifacts[0];
}

const factOf = (a: Artifact, label: string) => a.facts.find((f) => f.label === label)?.value;

describe('ERRORLOG', () => {
  test('a SQL Server 2019 startup: version, OS, process, listening ports, pipes, certificate, authentication, SPN', () => {
    const a = only('errorlog-2019-startup.txt');
    if (a.kind !== 'errorlog') throw new Error(a.kind);
    expect(a.data).toMatchObject({ processId: 4321, major: 15, startup: true, certificate: 'configured', certificateHash: 'B3029394BB92AA8EDA0B8E37BAD09345B4992E3D', authMode: 'mixed' });
    expect(a.data.listening).toEqual(expect.arrayContaining([{ address: '0.0.0.0', port: 1433, ip: 'ipv4' }, { address: '127.0.0.1', port: 1434, ip: 'ipv4' }]));
    expect(a.data.pipes).toContain('\\\\.\\pipe\\sql\\query');
    expect(a.data.spnRegistered).toEqual(['MSSQLSvc/sql01.contoso.com:1433']);
    expect(factOf(a, 'Runs on')).toBe('Windows Server 2019 Datacenter 10.0');
    expect(factOf(a, 'Listening on')).toBe('TCP 1433, TCP 1434 on ::1, TCP 1434 on 127.0.0.1');
    expect(factOf(a, 'Certificate')).toMatch(/^loaded for encryption \(sha1 B302/);
  });

  test("SQL Server 2000's line format ('SQL server listening on 10.0.0.5: 1866.')", () => {
    const a = only('errorlog-2000.txt');
    if (a.kind !== 'errorlog') throw new Error(a.kind);
    expect(a.data.listening.map((l) => `${l.address}:${l.port}`)).toEqual(['10.0.0.5:1866', '127.0.0.1:1866']);
    expect(a.data).toMatchObject({ processId: 1864, major: 8, startup: true, os: 'Windows NT 5.2' });
  });

  test('the SSMS log viewer export (date,source,severity,message) and SQL Server on Linux', () => {
    const exported = only('errorlog-ssms-export.txt');
    expect(factOf(exported, 'Listening on')).toBe('TCP 50122');
    expect(factOf(exported, 'Certificate')).toMatch(/self-generated/);
    const linux = only('errorlog-linux.txt');
    expect(factOf(linux, 'Runs on')).toBe('Linux (Ubuntu 22.04.3 LTS)');
  });

  test('Express with TCP/IP disabled: pipes and ready, no TCP line, Windows-only authentication', () => {
    const a = only('errorlog-express-pipes-only.txt');
    if (a.kind !== 'errorlog') throw new Error(a.kind);
    expect(a.data.listening).toEqual([]);
    expect(a.data.startup).toBe(true);
    expect(factOf(a, 'Listening on')).toMatch(/no TCP port/);
    expect(factOf(a, 'Authentication mode')).toBe('Windows only');
  });

  test('18456 with its state and reason, user and client address; repeated failures counted', () => {
    const a = only('errorlog-logins.txt');
    if (a.kind !== 'errorlog') throw new Error(a.kind);
    expect(a.data.logins).toHaveLength(2);
    expect(a.data.logins[0]).toEqual({ state: 8, reason: 'Password did not match that for the login provided.', user: 'appuser', client: '10.1.2.3' });
    expect(factOf(a, 'Login failed (18456) x2')).toBe("'appuser' state 8 (Password did not match that for the login provided)");
    for (const [file, state] of [['errorlog-login-states.txt', 5], ['errorlog-db-open.txt', 38], ['errorlog-windows-only.txt', 58]] as const) {
      const x = only(file);
      if (x.kind !== 'errorlog') throw new Error(x.kind);
      expect(x.data.logins[0].state).toBe(state);
    }
  });

  test('connection errors the server logged: 17836, 17830, 17806, 18452, 17892, 18461, 701, 17300, 833, 26023, 17182', () => {
    const events = (file: string) => {
      const a = only(file);
      if (a.kind !== 'errorlog') throw new Error(a.kind);
      return a.data.events;
    };
    expect(events('errorlog-errors.txt')).toEqual(['packet-length-mismatch', 'login-network-error']);
    expect(events('errorlog-sspi.txt')).toEqual(['sspi-handshake-failed', 'untrusted-domain']);
    expect(events('errorlog-trigger.txt')).toEqual(['logon-trigger']);
    expect(events('errorlog-db-options.txt')).toEqual(['single-user']);
    expect(events('errorlog-resources.txt')).toEqual(['memory-701', 'system-task-17300', 'io-stall-833']);
    expect(events('errorlog-port-in-use.txt')).toEqual(['tcp-port-in-use', 'network-library-failed']);
    expect(factOf(only('errorlog-errors.txt'), 'Errors logged')).toMatch(/packet length mismatch.*17836/);
  });

  test('self-generated certificate, SPN that could not be registered, database options', () => {
    const a = only('errorlog-self-generated-1434.txt');
    if (a.kind !== 'errorlog') throw new Error(a.kind);
    expect(a.data).toMatchObject({ certificate: 'self-generated', spnFailed: ['MSSQLSvc/sql02.contoso.com:1434'] });
    const db = only('errorlog-offline.txt');
    if (db.kind !== 'errorlog') throw new Error(db.kind);
    expect(db.data.databases).toEqual([{ name: 'Archive', state: 'offline' }]);
  });

  test("a client's own 18456 text is not an ERRORLOG", () => {
    const client = "Msg 18456, Level 14, State 1, Server SQL01, Line 1\nLogin failed for user 'sa'.";
    expect(readArtifacts(client).artifacts).toEqual([]);
  });
});

describe('Schannel events', () => {
  test('an Event Viewer copy of 36874, Get-WinEvent lines with alert 70 and 36871, and 36884', () => {
    const a = only('schannel-36874-eventviewer.txt');
    expect(factOf(a, 'Schannel events')).toBe('no cipher suite in common with the client (36874)');
    const b = only('schannel-alerts-getwinevent.txt');
    if (b.kind !== 'schannel') throw new Error(b.kind);
    expect(b.data).toEqual({ events: ['alert-sent', 'credential-error'], alerts: [70] });
    expect(factOf(b, 'TLS alerts')).toBe('70 (protocol_version)');
    const c = only('schannel-name-mismatch.txt');
    if (c.kind !== 'schannel') throw new Error(c.kind);
    expect(c.data.events).toEqual(['name-mismatch']);
  });
});

describe('netstat and ss', () => {
  test('netstat -abon: owning programs from the lines after each row, service lines skipped', () => {
    const a = only('netstat-abon-sql-1433.txt');
    if (a.kind !== 'netstat') throw new Error(a.kind);
    expect(a.title).toBe('netstat -abon (Windows)');
    expect(a.data.listeners).toEqual(
      expect.arrayContaining([
        { proto: 'tcp', address: '0.0.0.0', port: 1433, pid: 4321, process: 'sqlservr.exe' },
        { proto: 'tcp', address: '0.0.0.0', port: 135, pid: 1012, process: 'svchost.exe' },
        { proto: 'udp', address: '0.0.0.0', port: 1434, pid: 3456, process: 'sqlbrowser.exe' },
      ]),
    );
    expect(a.data.listeners.find((l) => l.port === 445)?.process).toBeUndefined(); // "Can not obtain ownership information"
    expect(factOf(a, 'SQL Server listens on')).toBe('1433 (sqlservr.exe, PID 4321), 1434 on 127.0.0.1 (sqlservr.exe, PID 4321)');
    expect(factOf(a, 'UDP 1434 (SQL Server Browser)')).toBe('open (PID 3456)');
  });

  test('netstat -aon: PIDs only; another program on 1433 named by -abon', () => {
    const a = only('netstat-aon-1434.txt');
    expect(a.title).toBe('netstat -aon (Windows)');
    expect(factOf(a, 'Other TCP listeners')).toBe('1434 (PID 4321), 3389 (PID 1196)');
    expect(factOf(only('netstat-abon-other-process.txt'), 'Other TCP listeners')).toBe('1433 (java.exe, PID 6120)');
  });

  test('German netstat -ano (Aktive Verbindungen, ABHÖREN, HERGESTELLT, WARTEND): states counted per SQL Server port', () => {
    const a = only('netstat-ano-de-timewait.txt');
    if (a.kind !== 'netstat') throw new Error(a.kind);
    expect(a.data.byPort[0]).toEqual({ port: 1433, established: 12, timeWait: 420, closeWait: 0, synSent: 0, total: 432 });
    expect(a.data.listeners.filter((l) => l.proto === 'tcp').map((l) => l.port)).toEqual([135, 445]);
    expect(factOf(a, 'Connections on port 1433')).toBe('12 ESTABLISHED, 420 TIME_WAIT');
  });

  test('Linux netstat -tlnp and ss -tlnp / -tan', () => {
    const n = only('netstat-linux-tlnp.txt');
    expect(n.title).toBe('netstat (Linux)');
    expect(factOf(n, 'SQL Server listens on')).toBe('1433 (sqlservr, PID 2210)');
    const s = only('ss-tlnp-other-port.txt');
    expect(s.title).toBe('ss (Linux)');
    expect(factOf(s, 'SQL Server listens on')).toBe('14330 (sqlservr, PID 2210)');
    const syn = only('ss-tan-synsent.txt');
    expect(factOf(syn, 'Connections on port 1433')).toBe('2 SYN_SENT');
    expect(factOf(syn, 'Connections on port 22')).toBe('1 ESTABLISHED');
  });

  test('loopback-only listeners are told apart', () => {
    expect(factOf(only('netstat-aon-loopback.txt'), 'Other TCP listeners')).toBe('1433 on 127.0.0.1 (PID 5544), 1433 on ::1 (PID 5544)');
  });
});

describe('cipher-suite lists', () => {
  test('Get-TlsCipherSuite: names in preference order with their protocols', () => {
    const a = only('ciphers-get-tlsciphersuite.txt');
    if (a.kind !== 'cipher-suites') throw new Error(a.kind);
    expect(a.data.source).toBe('get-tlsciphersuite');
    expect(a.data.suites).toHaveLength(9);
    expect(a.data.protocols?.TLS_RSA_WITH_AES_128_CBC_SHA).toEqual([771, 770, 769, 768, 65277]);
    expect(factOf(a, 'Protocols')).toBe('9 suites for TLS 1.2, 0 for TLS 1.3');
    expect(factOf(a, 'TLS_DHE suites')).toBe('2, the first at position 5');
  });

  test('the registry Functions value: one per line, or REG_SZ comma-separated from reg query', () => {
    const a = only('ciphers-registry-functions.txt');
    expect(a.title).toMatch(/registry Functions/);
    expect(factOf(a, 'Suites')).toMatch(/^3 enabled; first: TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384/);
    const b = only('ciphers-reg-query-dhe.txt');
    if (b.kind !== 'cipher-suites') throw new Error(b.kind);
    expect(b.data.suites[0]).toBe('TLS_DHE_RSA_WITH_AES_256_GCM_SHA384');
    expect(b.data.suites).toHaveLength(8);
  });

  test('a sentence naming one suite is not a list', () => {
    expect(readArtifacts('The server chose TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 for this connection, as expected.').artifacts).toEqual([]);
  });
});

describe('setspn', () => {
  test('-L lists an account and its SPNs; -Q reports No such SPN found; -X and -Q show duplicates', () => {
    const l = only('setspn-L.txt');
    expect(factOf(l, 'Account')).toBe('CN=svc-sql,OU=Service Accounts,DC=contoso,DC=com');
    expect(factOf(l, 'SQL Server SPNs')).toBe('MSSQLSvc/sql01.contoso.com:1433, MSSQLSvc/sql01.contoso.com, MSSQLSvc/sql01:1433');
    expect(factOf(only('setspn-Q-not-found.txt'), 'Query')).toBe('No such SPN found');
    expect(factOf(only('setspn-X.txt'), 'Duplicate SPNs')).toBe('MSSQLSvc/sql01.contoso.com:1433');
    const q = only('setspn-Q-two-accounts.txt');
    if (q.kind !== 'setspn') throw new Error(q.kind);
    expect(q.data.duplicates.map((s) => s.toLowerCase())).toEqual(['mssqlsvc/sql01.contoso.com:1433']);
    expect(factOf(only('setspn-L-no-sql.txt'), 'SQL Server SPNs')).toBe('none (other SPNs only)');
  });
});

describe('PortQry and Test-NetConnection', () => {
  test('PortQry LISTENING / FILTERED / NOT LISTENING with the target name and address', () => {
    const a = only('portqry-listening.txt');
    expect(factOf(a, 'Target')).toBe('sql01.contoso.com 10.0.0.5');
    expect(factOf(a, 'TCP 1433')).toBe('LISTENING');
    expect(factOf(only('portqry-filtered.txt'), 'TCP 1433')).toBe('FILTERED');
    expect(factOf(only('portqry-not-listening.txt'), 'TCP 1433')).toBe('NOT LISTENING');
  });

  test("PortQry's UDP 1434 query: the Browser's instance list, or silence", () => {
    const a = only('portqry-udp1434.txt');
    if (a.kind !== 'port-check') throw new Error(a.kind);
    expect(a.data.browser).toEqual([{ instance: 'SALES', tcpPort: 49733 }]);
    expect(a.data.checks).toEqual([{ proto: 'udp', port: 1434, result: 'listening' }]);
    const s = only('portqry-udp1434-silent.txt');
    if (s.kind !== 'port-check') throw new Error(s.kind);
    expect(s.data.browser).toBeUndefined();
    expect(s.data.checks[0].result).toBe('listening-or-filtered');
  });

  test('Test-NetConnection: TcpTestSucceeded True / False and a failed name resolution', () => {
    expect(factOf(only('tnc-succeeded.txt'), 'TCP 1433')).toBe('SUCCEEDED');
    const f = only('tnc-failed.txt');
    expect(factOf(f, 'TCP 1433')).toBe('FAILED');
    expect(factOf(f, 'Ping')).toBe('failed');
    expect(factOf(only('tnc-name-failed.txt'), 'Name resolution')).toBe('failed');
  });
});

describe('nslookup', () => {
  test('Windows and Linux answers, NXDOMAIN, time-outs, several addresses; the DNS server is not an answer', () => {
    const ok = only('nslookup-windows-ok.txt');
    if (ok.kind !== 'nslookup') throw new Error(ok.kind);
    expect(ok.data.lookups).toEqual([{ name: 'sql01.contoso.com', addresses: ['10.0.0.5'], aliases: [], outcome: 'resolved' }]);
    expect(factOf(only('nslookup-windows-nx.txt'), 'sql09')).toBe('not found (NXDOMAIN)');
    expect(factOf(only('nslookup-linux-nx.txt'), 'sql09.contoso.com')).toBe('not found (NXDOMAIN)');
    expect(factOf(only('nslookup-timeout.txt'), 'lookup')).toBe('DNS server did not answer (timed out)');
    expect(factOf(only('nslookup-listener-multi.txt'), 'aglisten.contoso.com')).toBe('10.1.0.50, 10.2.0.50');
  });
});

describe('certificate store', () => {
  test('certutil -store my: subject, issuer, validity, thumbprint, private key; the command and footer are its lines too', () => {
    const r = readArtifacts(sample('certutil-store-my.txt'));
    expect(r.rest.trim()).toBe('');
    const a = only('certutil-store-my.txt');
    if (a.kind !== 'certificates') throw new Error(a.kind);
    expect(a.title).toBe('certutil -store My');
    expect(a.data.certificates).toHaveLength(1);
    expect(a.data.certificates[0]).toMatchObject({
      subject: 'CN=sql01.contoso.com',
      issuer: 'CN=Contoso Issuing CA 01, DC=contoso, DC=com',
      notAfter: '3/13/2025 9:12 AM',
      notAfterMs: [Date.UTC(2025, 2, 13, 9, 12)],
      thumbprint: '5a1f3e0b2c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f',
      hasPrivateKey: true,
      selfSigned: false,
    });
    expect(factOf(a, 'Certificate sql01.contoso.com')).toBe('valid to 3/13/2025 9:12 AM; issued by Contoso Issuing CA 01; private key');
  });

  test('certutil -v: signature algorithm, key length and KeySpec, key usage, subject alternative names, the DN blocks; nothing left over as error text', () => {
    const r = readArtifacts(sample('certutil-store-my-v.txt'));
    expect(r.rest.trim()).toBe('');
    const a = r.artifacts[0];
    if (a.kind !== 'certificates') throw new Error(a.kind);
    expect(a.title).toBe('certutil -v -store My');
    expect(a.data.certificates[0]).toMatchObject({
      subject: 'CN=SQLPROD02',
      issuer: 'CN=Contoso Root CA, DC=contoso, DC=com',
      signatureAlgorithm: 'sha512RSA',
      keyBits: 2048,
      keySpec: 'exchange',
      eku: ['Server Authentication (1.3.6.1.5.5.7.3.1)'],
      dnsNames: ['sqlprod02.contoso.com', 'SQLPROD02'],
      ipAddresses: ['10.20.0.12'],
      thumbprint: 'b3029394bb92aa8eda0b8e37bad09345b4992e3d',
      hasPrivateKey: true,
    });
  });

  test('certutil without the key: "No key provider information" reads as no private key', () => {
    const a = only('certutil-store-no-key.txt');
    if (a.kind !== 'certificates') throw new Error(a.kind);
    expect(a.data.certificates[0].hasPrivateKey).toBe(false);
    expect(factOf(a, 'Certificate sql01.contoso.com')).toMatch(/NO private key/);
  });

  test('Format-List with a selection: one certificate per record, key usage and DNS names from the braces', () => {
    const a = only('ps-cert-formatlist.txt');
    if (a.kind !== 'certificates') throw new Error(a.kind);
    expect(a.data.certificates.map((c) => [c.subject, c.eku, c.dnsNames, c.hasPrivateKey, c.selfSigned])).toEqual([
      ['CN=sql01.contoso.com', ['Client Authentication (1.3.6.1.5.5.7.3.2)'], ['sql01.contoso.com'], true, false],
      ['CN=WMSvc-SHA2-SQL01', ['Server Authentication (1.3.6.1.5.5.7.3.1)'], ['WMSvc-SHA2-SQL01'], true, true],
    ]);
  });

  test('Format-List * on a German system: dates day first (15.08.2026), wrapped values consumed, self-signed from subject = issuer', () => {
    const r = readArtifacts(sample('ps-cert-selfsigned-de.txt'));
    expect(r.rest.trim()).toBe('');
    const a = r.artifacts[0];
    if (a.kind !== 'certificates') throw new Error(a.kind);
    const c = a.data.certificates[0];
    expect(a.data.certificates).toHaveLength(1);
    expect(c).toMatchObject({ thumbprint: 'c4e1a7b2d9f3068a5b1c7d2e9f4a6b3c8d0e1f25', selfSigned: true, hasPrivateKey: true, notAfterMs: [Date.UTC(2026, 7, 15, 9, 5, 31)] });
    expect(c.signatureAlgorithm).toBeUndefined(); // "System.Security.Cryptography.Oid" names no algorithm
    expect(a.data.store).toBe('LocalMachine\\My');
  });

  test('the default table (Thumbprint, Subject) lists the certificates by thumbprint', () => {
    const a = only('ps-cert-table.txt');
    if (a.kind !== 'certificates') throw new Error(a.kind);
    expect(a.data.source).toBe('powershell-table');
    expect(a.data.certificates.map((c) => c.thumbprint)).toEqual(['5a1f3e0b2c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f', '2b7a9c4d1e6f3a8b5c0d7e2f9a4b1c6d3e8f5a0b']);
    expect(factOf(a, 'Certificate sql01.contoso.com')).toBe('thumbprint 5A1F3E0B2C9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F');
  });

  test('dates in the formats Windows prints: one reading, or two when day and month could swap', () => {
    expect(certDateReadings('3/13/2025 9:12 AM')).toEqual([Date.UTC(2025, 2, 13, 9, 12)]);
    expect(certDateReadings('13/03/2025 21:12:00')).toEqual([Date.UTC(2025, 2, 13, 21, 12)]);
    expect(certDateReadings('2025-03-13 09:12:00')).toEqual([Date.UTC(2025, 2, 13, 9, 12)]);
    expect(certDateReadings('04.03.2025 12:00:00')).toEqual([Date.UTC(2025, 2, 4, 12)]);
    expect(certDateReadings('3/4/2025 12:30 AM')).toEqual([Date.UTC(2025, 2, 4, 0, 30), Date.UTC(2025, 3, 3, 0, 30)]);
    expect(certDateReadings('31/02/2025')).toBeUndefined();
    expect(certDateReadings('System.Security.Cryptography.Oid')).toBeUndefined();
  });

  test('a stray "Subject :" line (an e-mail header) is not a certificate listing', () => {
    expect(readArtifacts('Subject: SQL down again\nIssuer: the helpdesk\nLogin failed for user \'app\'.').artifacts).toEqual([]);
  });

  test('secrets pasted with the listing are redacted', () => {
    const r = readArtifacts(`Server=tcp:sql01,1433;User ID=app;Password=Hunter2!x;\n${sample('ps-cert-formatlist.txt')}`);
    expect(r.artifacts.map((a) => a.kind)).toEqual(['certificates']);
    expect(r.redactions).toBe(1);
    expect(JSON.stringify(r)).not.toContain('Hunter2');
  });
});

describe('several artifacts in one paste', () => {
  test('an error, then netstat, then nslookup: each read, and the error text left for the error parser', () => {
    const error = 'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)';
    const r = readArtifacts(`${error}\n\nC:\\> netstat -aon\n${sample('netstat-aon-1434.txt')}\n${sample('nslookup-windows-ok.txt')}`);
    expect(r.artifacts.map((a) => a.kind)).toEqual(['netstat', 'nslookup']);
    expect(r.rest).toContain('actively refused');
    expect(r.rest).not.toMatch(/LISTENING|10\.0\.0\.5/);
  });

  test('Teams HTML and a Slack fence around netstat are read through', () => {
    const html = `<div>Active Connections</div><div>  Proto  Local Address          Foreign Address        State           PID</div><div>  TCP    0.0.0.0:1434           0.0.0.0:0              LISTENING       4321</div>`;
    expect(readArtifacts(html).artifacts[0]?.kind).toBe('netstat');
    expect(readArtifacts('```\n' + sample('netstat-aon-listener-1433.txt') + '```').artifacts[0]?.kind).toBe('netstat');
  });

  test('secrets in an artifact paste are redacted before any reader sees them', () => {
    const r = readArtifacts(`Server=tcp:sql01,1433;User ID=app;Password=Hunter2!x;\n${sample('netstat-aon-1434.txt')}`);
    expect(r.redactions).toBe(1);
    expect(JSON.stringify(r)).not.toContain('Hunter2');
  });
});
