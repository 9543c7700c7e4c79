/**
 * Client errors as drivers print them, and short artifact excerpts in the tools' exact formats for
 * signals the fixture files do not show. Shared by the artifact ranking tests.
 */
import { sample } from '../parse/artifacts/fixtures';

export { sample };

export const ERRORS = {
  refused:
    'System.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: TCP Provider, error: 0 - No connection could be made because the target machine actively refused it.)',
  timeout:
    'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: TCP Provider, error: 0 - A connection attempt failed because the connected party did not properly respond after a period of time, or established connection failed because connected host has failed to respond.)',
  forciblyClosed:
    'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)',
  untrustedCert:
    'A connection was successfully established with the server, but then an error occurred during the login process. (provider: SSL Provider, error: 0 - The certificate chain was issued by an authority that is not trusted.)',
  sspi: 'The target principal name is incorrect.  Cannot generate SSPI context.',
  login: "Msg 18456, Level 14, State 1, Server SQL01, Line 1\nLogin failed for user 'appuser'.",
  notFound:
    'A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. Verify that the instance name is correct and that SQL Server is configured to allow remote connections. (provider: SQL Network Interfaces, error: 26 - Error Locating Server/Instance Specified)',
  namedPipes:
    'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: Named Pipes Provider, error: 40 - Could not open a connection to SQL Server)',
  socketInUse:
    'A network-related or instance-specific error occurred while establishing a connection to SQL Server. (provider: TCP Provider, error: 0 - Only one usage of each socket address (protocol/network address/port) is normally permitted.)',
  loginTimeout: 'Connection Timeout Expired.  The timeout period elapsed while attempting to consume the pre-login handshake acknowledgement.',
  poolTimeout: 'Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.  This may have occurred because all pooled connections were in use and max pool size was reached.',
  dbOpen: "Cannot open database \"Sales\" requested by the login. The login failed.\nLogin failed for user 'CONTOSO\\svc-web'.",
} as const;

const at = (time: string, source: string, text: string) => `2024-05-02 ${time} ${source.padEnd(11)} ${text}`;

/** ERRORLOG excerpts for messages the fixture files do not hold. */
export const ERRORLOG_LINES = {
  portInUse: [at('10:00:01.10', 'Server', 'Error: 26023, Severity: 16, State: 1.'), at('10:00:01.10', 'Server', "Server TCP provider failed to listen on [ 'any' <ipv4> 1433]. Tcp port is already in use.")].join('\n'),
  loginNetworkError: [at('10:00:01.10', 'Logon', 'Error: 17830, Severity: 20, State: 11.'), at('10:00:01.10', 'Logon', 'Network error code 0x2746 occurred while establishing a connection; the connection has been closed. This may have been caused by client or server login timeout expiration. Time spent during login: total 15002 ms, enqueued 14990 ms, network writes 0 ms, network reads 2 ms, establishing SSL 0 ms, network reads during SSL 0 ms, network writes during SSL 0 ms, secure calls during SSL 0 ms, enqueued during SSL 0 ms, negotiating SSPI 0 ms, network reads during SSPI 0 ms, network writes during SSPI 0 ms, secure calls during SSPI 0 ms, enqueued during SSPI 0 ms, validating login 0 ms, including user-defined login processing 0 ms. [CLIENT: 10.1.2.3]')].join('\n'),
  sspiHandshake: [at('10:00:01.10', 'Logon', 'Error: 17806, Severity: 20, State: 14.'), at('10:00:01.10', 'Logon', 'SSPI handshake failed with error code 0x80090311, state 14 while establishing a connection with integrated security; the connection has been closed. Reason: AcceptSecurityContext failed. The operating system error code indicates the cause of failure. No authority could be contacted for authentication.   [CLIENT: 10.4.4.21]')].join('\n'),
  loopbackOnly: [at('10:00:01.10', 'Server', "Server is listening on [ 127.0.0.1 <ipv4> 1433]."), at('10:00:01.12', 'Server', 'SQL Server is now ready for client connections. This is an informational message; no user action is required.')].join('\n'),
  certLoadFailed: [at('10:00:01.10', 'Server', 'Error: 26014, Severity: 16, State: 1.'), at('10:00:01.10', 'Server', 'Unable to load user-specified certificate [Cert Hash(sha1) "0F5E2A1B3C4D5E6F708192A3B4C5D6E7F8091A2B"]. The server will not accept a connection. You should verify that the certificate is correctly installed. See "Configuring Certificate for Use by SSL" in Books Online.')].join('\n'),
  socketDuplicate: [at('10:00:01.10', 'Server', 'Error: 26073, Severity: 16, State: 1.'), at('10:00:01.10', 'Server', "TCP connection closed but a child process of SQL Server may be holding a duplicate of the connection's socket.  Consider enabling the TcpAbortiveClose SQL Server registry setting and restarting SQL Server. If the problem persists, contact Technical Support.")].join('\n'),
  userConnections: [at('10:00:01.10', 'Logon', 'Error: 17809, Severity: 20, State: 1.'), at('10:00:01.10', 'Logon', "Could not connect because the maximum number of '300' user connections has already been reached. The system administrator can use sp_configure to increase the maximum value. The connection has been closed. [CLIENT: 10.1.2.3]")].join('\n'),
  threadSpawn: [at('10:00:01.10', 'Server', 'Error: 17189, Severity: 16, State: 1.'), at('10:00:01.10', 'Server', 'SQL Server failed with error code 0xc0000000 to spawn a thread to process a new login or connection. Check the SQL Server error log and the Windows event logs for information about possible related problems. [CLIENT: 10.1.2.3]')].join('\n'),
  schedulerStall: at('10:00:01.10', 'Server', 'New queries assigned to process on Node 0 have not been picked up by a worker thread in the last 60 seconds. Blocking or long-running queries can contribute to this condition, and may degrade client response time.'),
  insufficientResources: [at('10:00:01.10', 'Server', 'Error: 17882, Severity: 10, State: 1.'), at('10:00:01.10', 'Server', 'Insufficient system resources exist to complete the requested service. [CLIENT: 10.1.2.3]')].join('\n'),
  restoring: at('10:00:01.10', 'spid52', "The database 'Sales' is marked RESTORING and is in a state that does not allow recovery to be run."),
  loginDisabled: [at('10:00:01.10', 'Logon', 'Error: 18456, Severity: 14, State: 7.'), at('10:00:01.10', 'Logon', "Login failed for user 'sa'. Reason: The account is disabled. [CLIENT: 10.1.2.3]")].join('\n'),
  passwordExpired: [at('10:00:01.10', 'Logon', 'Error: 18456, Severity: 14, State: 18.'), at('10:00:01.10', 'Logon', "Login failed for user 'app'. Reason: The password of the account must be changed. [CLIENT: 10.1.2.3]")].join('\n'),
  noConnect: [at('10:00:01.10', 'Logon', 'Error: 18456, Severity: 14, State: 11.'), at('10:00:01.10', 'Logon', "Login failed for user 'CONTOSO\\jdoe'. Reason: Token-based server access validation failed with an infrastructure error. Check for previous errors. [CLIENT: 10.1.2.3]")].join('\n'),
  otherReason: [at('10:00:01.10', 'Logon', 'Error: 18456, Severity: 14, State: 146.'), at('10:00:01.10', 'Logon', "Login failed for user 'app'. Reason: An error occurred while evaluating the password. [CLIENT: 10.1.2.3]")].join('\n'),
};

const schannel = (id: number, text: string) => `5/14/2024 9:12:44 AM  ${id} Error  ${text}`;

export const SCHANNEL_LINES = {
  noCommonProtocol: schannel(36871, 'An TLS 1.0 connection request was received from a remote client application, but none of the protocols supported by the client application are supported by the server. The TLS connection request has failed.'),
  privateKey: schannel(36870, 'A fatal error occurred when attempting to access the TLS server credential private key. The error code returned from the cryptographic module is 0x8009030D. The internal error state is 10001.'),
  alertReceived48: schannel(36887, 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 48.'),
  alert40: schannel(36888, 'A fatal alert was generated and sent to the remote endpoint. This may result in termination of the connection. The TLS protocol defined fatal error code is 40. The Windows SChannel error state is 1205.'),
  alert51: schannel(36887, 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 51.'),
  alert45: schannel(36887, 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 45.'),
  alert42: schannel(36887, 'A fatal alert was received from the remote endpoint. The TLS protocol defined fatal alert code is 42.'),
  untrustedCa: schannel(36882, 'The certificate received from the remote server was issued by an untrusted certificate authority. Because of this, none of the data contained in the certificate can be validated. The TLS connection request has failed. The attached data contains the server certificate.'),
};

/** netstat -ano on a client whose pools hold hundreds of open connections. */
export function netstatEstablished(n: number): string {
  const rows = ['', 'Active Connections', '', '  Proto  Local Address          Foreign Address        State           PID'];
  for (let i = 0; i < n; i++) rows.push(`  TCP    10.0.0.20:${String(50000 + i).padEnd(5)}       10.0.0.5:1433          ESTABLISHED     7300`);
  return rows.join('\n');
}

export const PORTQRY_UDP_NOT_LISTENING = 'Querying target system called:\n\n 10.0.0.6\n\nquerying...\n\nUDP port 1434 (ms-sql-m service): NOT LISTENING\n';

/** A certutil -v listing of one certificate, for the certificate-store signals the fixture files do not show. */
function certutilVerbose(o: { signature: string; oid: string; keySpec: string; notBefore?: string; notAfter?: string }): string {
  return [
    'My "Personal"',
    '================ Certificate 0 ================',
    'X509 Certificate:',
    'Version: 3',
    'Serial Number: 4e21a9c07d5b3f1e',
    'Signature Algorithm:',
    `    Algorithm ObjectId: ${o.oid} ${o.signature}`,
    'Issuer:',
    '    CN=Contoso Issuing CA 01',
    '    DC=contoso',
    '    DC=com',
    '',
    ` NotBefore: ${o.notBefore ?? '5/6/2025 8:00 AM'}`,
    ` NotAfter: ${o.notAfter ?? '5/6/2027 8:00 AM'}`,
    '',
    'Subject:',
    '    CN=sql01.contoso.com',
    '',
    'Public Key Length: 2048 bits',
    'Certificate Extensions: 2',
    '    2.5.29.37: Flags = 0, Length = c',
    '    Enhanced Key Usage',
    '        Server Authentication (1.3.6.1.5.5.7.3.1)',
    '',
    'Non-root Certificate',
    'Cert Hash(sha1): 9d8c7b6a5f4e3d2c1b0a99887766554433221100',
    '  CERT_KEY_PROV_INFO_PROP_ID(2):',
    '    Key Container = 3c2b1a09f8e7d6c5b4a3_6d3e8c1a-5b2f-4e7d-9a1c-0f2e3d4c5b6a',
    '    Provider = Microsoft Enhanced Cryptographic Provider v1.0',
    `    KeySpec = ${o.keySpec}`,
    'Encryption test passed',
    'CertUtil: -store command completed successfully.',
  ].join('\n');
}

export const CERTSTORE = {
  sha1: certutilVerbose({ signature: 'sha1RSA', oid: '1.2.840.113549.1.1.5', keySpec: '1 -- AT_KEYEXCHANGE' }),
  sha256: certutilVerbose({ signature: 'sha256RSA', oid: '1.2.840.113549.1.1.11', keySpec: '1 -- AT_KEYEXCHANGE' }),
  signatureKey: certutilVerbose({ signature: 'sha256RSA', oid: '1.2.840.113549.1.1.11', keySpec: '2 -- AT_SIGNATURE' }),
  notYetValid: certutilVerbose({ signature: 'sha256RSA', oid: '1.2.840.113549.1.1.11', keySpec: '1 -- AT_KEYEXCHANGE', notBefore: '3/1/2026 8:00 AM', notAfter: '3/1/2028 8:00 AM' }),
};

/** Client errors naming the host they dial, for the certificate name checks. */
export const CERT_ERRORS = {
  nameShort: 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The target principal name is incorrect.) Data Source=tcp:sql01,1433',
  nameFqdn: 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: SSL Provider, error: 0 - The target principal name is incorrect.) Data Source=tcp:sql01.contoso.com,1433',
  closedFqdn: 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.) Data Source=tcp:sql01.contoso.com,1433',
} as const;
