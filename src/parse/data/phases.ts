import type { Phase } from '../types';

/**
 * Wording that tells in which phase of a connection a failure happened. Each hint carries a
 * weight; the phase with the strongest single hint wins, so "error occurred during the login
 * process (provider: SSL Provider ...)" reads as TLS, and a Login-failed message beats a generic
 * "could not connect". Phrases are lower-case and matched against folded message lines (stack
 * frames excluded); patterns run on the same text.
 */
export interface PhaseHint {
  phase: Phase;
  weight: number;
  phrases?: string[];
  /** Symbolic codes (tedious, OS, SQLSTATE) already extracted. */
  codes?: string[];
  sqlErrors?: number[];
  win32Errors?: number[];
}

export const PHASE_HINTS: readonly PhaseHint[] = [
  {
    phase: 'tls',
    weight: 10,
    phrases: [
      'ssl provider', 'sslhandshakeexception', 'tls handshake failed', 'ssl routines', 'certificate verify failed',
      'certificate chain was', 'x509:', 'pkix path', 'is not accepted by client preferences', 'wrong version number',
      'unsupported protocol', 'do not possess a common algorithm', 'handshake_failure', 'handshake failure',
      'ssl security error', 'secdoclienthandshake', 'self-signed certificate', 'self signed certificate',
      'ssl_connect', 'tls/ssl', 'ssl/tls',
    ],
    codes: ['ETLS'],
  },
  {
    phase: 'login',
    weight: 9,
    phrases: [
      'during the login process', 'login failed', 'cannot open database', 'sspi context',
      'during the post-login phase', 'untrusted domain', 'integrated authentication', 'kerberos',
      'mssql: login error', 'accesso non riuscito', 'anmeldung fehlgeschlagen', 'fehler bei der anmeldung',
      "échec de l'ouverture de session", 'error de inicio de sesión', '登录失败', 'oturum açma başarısız',
      'sentlogin7', 'password did not match', 'token-identified principal', 'login is from an untrusted',
    ],
    codes: ['ELOGIN', 'EFEDAUTH', '28000'],
    sqlErrors: [18456, 18452, 18470, 18486, 18487, 18488, 4060, 4064, 40613, 18401, 18451],
  },
  {
    phase: 'pre-login',
    weight: 8,
    phrases: [
      'during the pre-login handshake', 'prelogin error', 'pre-login handshake acknowledgement',
      'elapsed while attempting to consume the pre-login', 'sentprelogin',
    ],
  },
  {
    phase: 'established',
    weight: 8,
    phrases: [
      'transport-level error', 'when receiving results from the server', 'when sending the request to the server',
      'physical connection is not usable', 'connection lost', 'sqlexecdirect', 'sqlexecute', 'sqlfetch',
      'sqlbindparameter', 'executing the statement', 'was deadlocked on lock', 'violation of primary key',
      'violation of unique key', 'the statement has been terminated', 'prior to completion of the operation',
      'invalid object name', 'incorrect syntax near', 'conversion failed', 'error querying database',
      'write to the server failed', 'read from the server failed', 'general network error',
      'communication link failure', 'connectionwrite (send())', 'connectionread (recv())', 'requesterror',
      'sqlcommand.execute', 'cannot be converted to type',
    ],
    codes: ['EREQUEST', 'ECANCEL'],
  },
  { phase: 'established', weight: 6, phrases: ['connection reset'], codes: ['ECONNRESET', '08S01'], win32Errors: [64, 121, 10053] },
  {
    phase: 'pre-login',
    weight: 7,
    phrases: [
      'failed to connect to', 'actively refused',
      'network-related or instance-specific', 'error locating server/instance specified', 'could not open a connection',
      'no such host is known', 'client unable to establish connection', 'sqldriverconnect', 'sql server browser',
      'sql browser', 'unable to open tcp connection', 'tcp/ip connection to the host', 'named instance',
      'connect timed out', 'name or service not known', 'could not connect', 'connection attempt failed',
      'login timeout expired', 'connection refused', 'unknownhostexception', 'access a socket in a way forbidden',
      'connection timeout expired', 'socket hang up',
    ],
    codes: ['ECONNREFUSED', 'ENOTFOUND', 'EINSTLOOKUP', 'EAI_AGAIN', 'ETIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH', '08001', 'HYT00'],
    win32Errors: [10061, 10060, 11001, 11004, 53, 10013, 10065, 10051],
  },
];
