/**
 * The expert checks of round 3 (setspn, certificate issuer, how a trace ends, Browser and UDP 1434,
 * TCP/IP configuration, port owner, pool sessions, firewall log, klist, delegation ...), as a user
 * meets them: a paste of the documented message plus the answer an engineer reads off the check
 * puts the cause that check names first, and the same paste with a different answer does not.
 */
import { loadKnowledge } from '../../src/kb/load';
import { addAnswer, addPaste, openCase, rankCase } from '../../src/triage';
import type { Case } from '../../src/triage/types';

const kb = loadKnowledge();

function caseOf(text: string, answers: [string, string][]): Case {
  const out = addPaste(openCase({ id: 'X1' }), text, kb);
  expect(out.message).toBeUndefined();
  let c = out.case;
  for (const [q, o] of answers) c = addAnswer(c, q, o, kb);
  return c;
}

const top = (c: Case) => rankCase(c, kb).causes[0].id;

const SSPI = 'System.Data.SqlClient.SqlException (0x80131904): The target principal name is incorrect.  Cannot generate SSPI context.';
const JDBC_PKIX =
  'com.microsoft.sqlserver.jdbc.SQLServerException: The driver could not establish a secure connection to SQL Server by using Secure Sockets Layer (SSL) encryption. Error: "PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target".';
const NAMED_NOT_FOUND =
  'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)';
const POOL =
  'System.InvalidOperationException: Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.  This may have occurred because all pooled connections were in use and max pool size was reached.';
const PRELOGIN_10054 =
  'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';
const JDBC_REFUSED =
  'com.microsoft.sqlserver.jdbc.SQLServerException: The TCP/IP connection to the host sqldev03, port 1433 has failed. Error: "Connection refused: connect. Verify the connection properties. Make sure that an instance of SQL Server is running on the host and accepting TCP/IP connections at the port. Make sure that TCP connections to the port are not blocked by a firewall.".';
const TRANSPORT_RESET =
  'System.Data.SqlClient.SqlException (0x80131904): A transport-level error has occurred when receiving results from the server. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)';
const AZURE_TIMEOUT =
  'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: TCP Provider, error: 0 - A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.)\n ---> System.ComponentModel.Win32Exception (10060): A connection attempt failed because the connected party did not properly respond after a period of time.\nData Source=tcp:contoso-orders.database.windows.net,1433';
const ANONYMOUS = "System.Data.SqlClient.SqlException (0x80131904): Login failed for user 'NT AUTHORITY\\ANONYMOUS LOGON'.";

describe('one expert check names the cause', () => {
  test.each<[string, string, [string, string][], string]>([
    ['setspn finds no SPN', SSPI, [['spn-check', 'spn-missing']], 'sspi-spn-missing'],
    ['setspn shows the SPN on an old account', SSPI, [['spn-check', 'spn-other-account']], 'sspi-spn-wrong-account'],
    ['setspn -X lists a duplicate', SSPI, [['spn-check', 'spn-duplicate']], 'sspi-spn-duplicate'],
    ['klist holds no ticket at all', SSPI, [['klist', 'no-tgt'], ['auth', 'windows']], 'sspi-dc-or-clock'],
    ['Java PKIX against the self-generated certificate', JDBC_PKIX, [['cert-issuer', 'self-generated'], ['changed', 'never-worked']], 'cert-self-signed-untrusted'],
    ['Java PKIX against an internal CA certificate', JDBC_PKIX, [['cert-issuer', 'internal-ca']], 'cert-private-ca-untrusted'],
    ['named instance: Browser stopped', NAMED_NOT_FOUND, [['browser-check', 'browser-stopped']], 'notfound-browser-not-running'],
    ['named instance: UDP 1434 unanswered from the client', NAMED_NOT_FOUND, [['browser-check', 'udp-blocked']], 'notfound-firewall-blocked'],
    ['named instance: Browser does not know the name', NAMED_NOT_FOUND, [['browser-check', 'instance-missing']], 'notfound-instance-name-wrong'],
    ['pool: sleeping sessions up to Max Pool Size', POOL, [['pool-sessions', 'many-sleeping']], 'exhaust-pool-leak'],
    ['pool: sessions blocked behind a long report', POOL, [['pool-sessions', 'many-blocked']], 'exhaust-pool-blocked-by-slow-queries'],
    ['pool: thousands of TIME_WAIT', POOL, [['pool-sessions', 'many-time-wait']], 'exhaust-no-pooling-ephemeral-ports'],
    ['TLS: the ServerHello picks TLS_DHE, then a reset', PRELOGIN_10054, [['tls-trace', 'dhe-then-reset']], 'tls-dhe-leading-zero'],
    ['refused: TCP/IP disabled for the instance, shared memory works on the box', JDBC_REFUSED, [['tcp-config', 'tcp-disabled'], ['local', 'works-locally']], 'notfound-remote-disabled'],
    ['refused: SQL Server listens on another port', JDBC_REFUSED, [['tcp-config', 'other-port'], ['clients', 'all-clients']], 'refused-wrong-port'],
    ['dropped: the firewall logged the drops', TRANSPORT_RESET, [['firewall-log', 'drops-logged'], ['trace-end', 'retransmits-reset']], 'dropped-firewall'],
    ['dropped: a VM host dropping receive packets', TRANSPORT_RESET, [['host-network', 'vm-rx-drops'], ['busy', 'busy-times']], 'dropped-vm-network-buffers'],
    ['dropped: max server memory left unlimited, memory errors logged', TRANSPORT_RESET, [['max-server-memory', 'default-unlimited'], ['server-log', 'resource-errors']], 'dropped-low-kernel-memory'],
    ['ANONYMOUS LOGON through an IIS hop without delegation', ANONYMOUS, [['delegation', 'hop-no-delegation']], 'sspi-double-hop'],
    ['Azure SQL: a timeout although TCP 1433 to the gateway opens, behind a firewall that logs drops', AZURE_TIMEOUT, [['server-os', 'azure-sql'], ['port-test', 'tcp-ok'], ['firewall-log', 'drops-logged']], 'timeout-azure-redirect-ports-blocked'],
  ])('%s', (_name, paste, answers, cause) => {
    expect(top(caseOf(paste, answers))).toBe(cause);
  });
});

describe('the answer, not the question, moves the ranking', () => {
  test('setspn: the same paste ends on three different SPN causes', () => {
    const tops = ['spn-missing', 'spn-other-account', 'spn-duplicate'].map((o) => top(caseOf(SSPI, [['spn-check', o]])));
    expect(new Set(tops).size).toBe(3);
  });

  test('a correct SPN turns the ranking away from every SPN cause', () => {
    const c = caseOf(SSPI, [['spn-check', 'spn-correct']]);
    const first = rankCase(c, kb).causes.slice(0, 2).map((r) => r.id);
    for (const id of ['sspi-spn-missing', 'sspi-spn-wrong-account', 'sspi-spn-duplicate']) expect(first).not.toContain(id);
  });

  test('a direct connection rules the double hop out even with ANONYMOUS LOGON', () => {
    const hop = rankCase(caseOf(ANONYMOUS, [['delegation', 'hop-no-delegation']]), kb).causes.find((r) => r.id === 'sspi-double-hop')!.score;
    const direct = rankCase(caseOf(ANONYMOUS, [['delegation', 'direct']]), kb).causes.find((r) => r.id === 'sspi-double-hop')!.score;
    expect(direct).toBeLessThan(hop / 10);
  });
});

describe('artifacts answer the expert checks', () => {
  const implied = (c: Case) => Object.fromEntries(c.evidence.flatMap((e) => (e.kind === 'answer' && e.implied ? [[e.question, e.option]] : [])));

  test('setspn -X with a duplicate answers spn-check', () => {
    const setspnX = 'Checking domain DC=corp,DC=fabrikam,DC=test\nProcessing entry 0\nMSSQLSvc/sqlcrm.corp.fabrikam.test:1433 is registered on these accounts:\n\tCN=SQLCRM-OLD,OU=Servers,DC=corp,DC=fabrikam,DC=test\n\tCN=svc-sqlcrm,OU=Service Accounts,DC=corp,DC=fabrikam,DC=test\n\nfound 1 group of duplicate SPNs.';
    let c = openCase({ id: 'X2' });
    c = addPaste(c, SSPI, kb).case;
    c = addPaste(c, setspnX, kb).case;
    expect(implied(c)['spn-check']).toBe('spn-duplicate');
    expect(top(c)).toBe('sspi-spn-duplicate');
  });
});
