/**
 * ERRORLOG messages worth an event id, as data: the error number SQL Server writes on the
 * "Error: N, Severity: S, State: T." line, and lower-case phrases of the message line itself
 * (an excerpt often holds only one of the two). Texts are SQL Server's own message formats.
 */
export interface ErrorlogEvent {
  id: string;
  /** What the event means, for the list of facts. */
  label: string;
  numbers?: number[];
  phrases?: string[];
}

export const ERRORLOG_EVENTS: ErrorlogEvent[] = [
  { id: 'tcp-port-in-use', label: 'TCP port already in use (26023/26024, 0x2740)', numbers: [26023, 26024], phrases: ['tcp port is already in use', 'failed to listen on', 'error: 0x2740'] },
  { id: 'network-library-failed', label: 'network library failed to start (17182, 17826)', numbers: [17182, 17826], phrases: ['tdssniclient initialization failed', 'could not start the network library'] },
  { id: 'packet-length-mismatch', label: 'packet length mismatch, connection closed (17836)', numbers: [17836], phrases: ['length specified in network packet payload did not match number of bytes read'] },
  { id: 'login-network-error', label: 'network error while establishing a connection (17830)', numbers: [17830], phrases: ['occurred while establishing a connection; the connection has been closed'] },
  { id: 'sspi-handshake-failed', label: 'SSPI handshake failed (17806)', numbers: [17806], phrases: ['sspi handshake failed with error code'] },
  { id: 'untrusted-domain', label: 'login from an untrusted domain (18452)', numbers: [18452], phrases: ['the login is from an untrusted domain'] },
  { id: 'socket-duplicate', label: 'child process may hold the connection socket (26073)', numbers: [26073], phrases: ["may be holding a duplicate of the connection's socket"] },
  { id: 'logon-trigger', label: 'logon failed due to trigger execution (17892)', numbers: [17892], phrases: ['due to trigger execution'] },
  { id: 'single-user', label: 'server in single-user mode (18461)', numbers: [18461], phrases: ['server is in single user mode'] },
  { id: 'memory-701', label: 'insufficient system memory (701)', numbers: [701], phrases: ['there is insufficient system memory in resource pool'] },
  { id: 'system-task-17300', label: 'unable to run a new system task (17300)', numbers: [17300], phrases: ['unable to run a new system task'] },
  { id: 'user-connections-17809', label: 'maximum user connections reached (17809)', numbers: [17809], phrases: ['user connections has already been reached'] },
  { id: 'thread-spawn-17189', label: 'no thread for a new login (17189)', numbers: [17189], phrases: ['to spawn a thread to process a new login or connection'] },
  { id: 'scheduler-stall', label: 'workers not picking up queries (17883/17884)', numbers: [17883, 17884], phrases: ['have not been picked up by a worker thread'] },
  { id: 'io-stall-833', label: 'I/O requests taking longer than 15 seconds (833)', numbers: [833], phrases: ['i/o requests taking longer than 15 seconds'] },
  { id: 'insufficient-resources', label: 'insufficient system resources / no buffer space (10055)', phrases: ['insufficient system resources exist to complete', 'no buffer space available', 'error: 0x2747'] },
  { id: 'spn-not-registered', label: 'SPN could not be registered', phrases: ['could not register the service principal name'] },
];

/** "Reason:" texts of 18456 and the state each stands for (MSSQLSERVER_18456), for excerpts without the state line. */
export const LOGIN_REASONS: { phrase: string; state: number }[] = [
  { phrase: 'password did not match', state: 8 },
  { phrase: 'could not find a login matching the name provided', state: 5 },
  { phrase: 'failed to open the explicitly specified database', state: 38 },
  { phrase: 'failed to open the database specified in the login properties', state: 40 },
  { phrase: 'cannot open database', state: 38 },
  { phrase: 'configured for windows authentication only', state: 58 },
  { phrase: 'the account is disabled', state: 7 },
  { phrase: 'password of the account has expired', state: 18 },
  { phrase: 'password of the account must be changed', state: 18 },
  { phrase: 'token-based server access validation failed', state: 11 },
  { phrase: 'login-based server access validation failed', state: 12 },
];

/**
 * Errors the server logs whose message the client also receives (login failures): these ERRORLOG lines
 * are read as error text too. Other server-side messages mean something else from the server's side
 * (17830's 0x2746 is the client going away, not a reset the client saw) and speak only through signals.
 */
export const CLIENT_VISIBLE_ERRORS = [18456, 18452, 18461, 17892, 4060, 4064, 18470, 18486, 18487, 18488];
