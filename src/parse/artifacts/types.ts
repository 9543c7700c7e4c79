/**
 * What the artifact readers return. An artifact is something the articles ask an engineer to collect
 * besides the error itself (ERRORLOG, netstat, cipher-suite list, setspn, a port check, nslookup).
 * Each reader is a pure function of the (already redacted) lines of a paste.
 */

export const ARTIFACT_KINDS = ['errorlog', 'schannel', 'netstat', 'cipher-suites', 'setspn', 'port-check', 'nslookup', 'certificates'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** One thing read from an artifact, in words, for the chat and the CLI ("Listening on: TCP 1434 (sqlservr.exe)"). */
export interface ArtifactFact {
  label: string;
  value: string;
}

export interface TcpEndpoint {
  address: string;
  port: number;
}

export interface ErrorlogLogin {
  state?: number;
  /** The reason text after "Reason:", at most 200 characters. */
  reason?: string;
  user?: string;
  client?: string;
}

export interface ErrorlogData {
  /** TCP listeners from "Server is listening on [...]" (and SQL Server 2000's "SQL server listening on"). */
  listening: (TcpEndpoint & { ip: 'ipv4' | 'ipv6' })[];
  /** The dedicated admin connection's port ("... listening locally on port 1434"): not a port clients use. */
  dacPort?: number;
  /** Named pipes the server announced. */
  pipes: string[];
  /** The excerpt covers the end of startup ("ready for client connections", or the pipe/shared memory providers). */
  startup: boolean;
  processId?: number;
  /** The version banner's first words, e.g. "Microsoft SQL Server 2019 (RTM-CU25) ... 15.0.4355.3". */
  version?: string;
  /** Major product version number (15 for 2019) when the banner shows it. */
  major?: number;
  /** What the banner says the server runs on ("Windows Server 2019 Standard 10.0", "Linux (Ubuntu 22.04)"). */
  os?: string;
  certificate?: 'configured' | 'self-generated' | 'load-failed';
  certificateHash?: string;
  authMode?: 'windows' | 'mixed';
  spnRegistered: string[];
  spnFailed: string[];
  logins: ErrorlogLogin[];
  /** Event ids (see ERRORLOG_EVENTS), each once, in order of first appearance. */
  events: string[];
  /** Databases the excerpt shows set offline or single-user. */
  databases: { name: string; state: 'offline' | 'single-user' | 'restoring' }[];
}

export interface SchannelData {
  /** Event ids (see SCHANNEL_EVENTS). */
  events: string[];
  /** TLS alert codes the events name (40 handshake_failure, 70 protocol_version, 48 unknown_ca ...). */
  alerts: number[];
}

export type SocketState = 'listening' | 'established' | 'time-wait' | 'close-wait' | 'syn-sent' | 'other';

export interface NetstatListener extends TcpEndpoint {
  proto: 'tcp' | 'udp';
  pid?: number;
  /** Owning program as printed (sqlservr.exe, sqlservr, svchost.exe), lower-cased. */
  process?: string;
}

export interface NetstatData {
  format: 'windows' | 'linux-netstat' | 'ss';
  listeners: NetstatListener[];
  /** Per service port (the port SQL Server or another server listens on, on either end): connections by state. */
  byPort: { port: number; established: number; timeWait: number; closeWait: number; synSent: number; total: number }[];
  /** Rows read (connections and listeners). */
  rows: number;
}

export interface CipherSuiteData {
  source: 'get-tlsciphersuite' | 'registry' | 'list';
  /** Suite names in the order listed (the order is the preference order). */
  suites: string[];
  /** Protocol numbers per suite from Get-TlsCipherSuite (771 = TLS 1.2, 772 = TLS 1.3), when shown. */
  protocols?: Record<string, number[]>;
}

export interface SetspnData {
  mode: 'list' | 'query' | 'duplicates';
  /** Accounts whose SPNs are listed (distinguished names or account names). */
  accounts: string[];
  spns: string[];
  notFound: boolean;
  /** SPNs registered on more than one account. */
  duplicates: string[];
}

export type PortResult = 'listening' | 'not-listening' | 'filtered' | 'listening-or-filtered' | 'succeeded' | 'failed';

export interface PortCheckData {
  tool: 'portqry' | 'test-netconnection';
  host?: string;
  address?: string;
  checks: { proto: 'tcp' | 'udp'; port: number; result: PortResult }[];
  nameResolutionFailed: boolean;
  pingSucceeded?: boolean;
  /** Instances a SQL Server Browser answer listed (PortQry's UDP 1434 query). */
  browser?: { instance: string; tcpPort?: number }[];
}

export interface NslookupData {
  lookups: { name: string; addresses: string[]; aliases: string[]; outcome: 'resolved' | 'not-found' | 'timeout' | 'server-failure' }[];
}

/** One certificate as the store listing shows it (fields the listing did not print are absent). */
export interface CertificateInfo {
  subject?: string;
  issuer?: string;
  friendlyName?: string;
  /** SHA-1 thumbprint, lower-case hex without spaces (what the ERRORLOG's Cert Hash(sha1) names). */
  thumbprint?: string;
  /** Validity dates as printed (the user's locale), and as epoch ms: two readings when day and month could swap. */
  notBefore?: string;
  notAfter?: string;
  notBeforeMs?: number[];
  notAfterMs?: number[];
  /** Subject alternative names (certutil -v) or PowerShell's DnsNameList. */
  dnsNames: string[];
  ipAddresses: string[];
  /** Enhanced key usages ("Server Authentication (1.3.6.1.5.5.7.3.1)"); [] = the extension is absent (any purpose); undefined = not shown. */
  eku?: string[];
  hasPrivateKey?: boolean;
  selfSigned?: boolean;
  /** sha256RSA, sha1RSA, md5RSA ... (certutil -v, or a PowerShell selection that prints its friendly name). */
  signatureAlgorithm?: string;
  keyBits?: number;
  keySpec?: 'exchange' | 'signature';
}

export interface CertificateStoreData {
  source: 'certutil' | 'certutil-verbose' | 'powershell' | 'powershell-table';
  /** The store listed ("My", "LocalMachine\My"), when the output names it. */
  store?: string;
  certificates: CertificateInfo[];
}

interface Base<K extends ArtifactKind, D> {
  kind: K;
  /** What it is, in words ("SQL Server ERRORLOG", "netstat -abon (Windows)"). */
  title: string;
  facts: ArtifactFact[];
  data: D;
}

export type Artifact =
  | Base<'errorlog', ErrorlogData>
  | Base<'schannel', SchannelData>
  | Base<'netstat', NetstatData>
  | Base<'cipher-suites', CipherSuiteData>
  | Base<'setspn', SetspnData>
  | Base<'port-check', PortCheckData>
  | Base<'nslookup', NslookupData>
  | Base<'certificates', CertificateStoreData>;

/** A reader's result: the artifact, and which lines of the paste it read (so the rest can be read as error text). */
export interface ReadResult {
  artifact: Artifact;
  lines: number[];
  /** For a server log: the lines among `lines` that are also error text (failures the client sees too). */
  errorLines?: number[];
}
