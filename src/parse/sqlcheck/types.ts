/**
 * A SQLCHECK report as the parser understands it. Everything is optional: pastes are often partial,
 * so an absent field means "not in the text", never "false". Every row keeps its source line so a
 * finding can quote the evidence exactly as the user pasted it.
 */

export type MessageSeverity = 'Critical' | 'Warning' | 'Exception' | 'Info' | 'Heading';

/** Where a line sits: the block it belongs to (e.g. "services", "instance:ERP", "nic:2"). */
export interface Located {
  /** 1-based line number in the normalised text. */
  line: number;
  /** The line as it appeared (right-trimmed, annotations removed). */
  raw: string;
}

export interface SqlcheckMessage extends Located {
  severity: MessageSeverity;
  text: string;
  /** Block id the message was printed after. */
  block: string;
  /** Extra lines of an Exception block (type, message, stack). */
  detail?: string[];
}

export interface KeyValue extends Located {
  label: string;
  value: string;
}

/** A table row sliced by the dash row; `cells` always has one entry per column. */
export interface TableRow extends Located {
  cells: string[];
}

export interface Table {
  block: string;
  title?: string;
  columns: string[];
  rows: TableRow[];
  /** True when at least one row had to be split on runs of spaces (chat client collapsed them). */
  lowConfidence: boolean;
}

export interface ComputerFacts {
  reportRunBy?: string;
  netbios?: string;
  fqdn?: string;
  dnsSuffix?: string;
  os?: string;
  osVersion?: string;
  build?: number;
  releaseId?: string;
  is64Bit?: boolean;
  dotnet4?: string;
  clr4StrongCrypto?: string;
  dotnet2?: string;
  clustered?: boolean;
  iisRunning?: boolean;
  credentialGuard?: boolean;
  lastReboot?: string;
  rebootRecommended?: boolean;
  role?: string;
  domainOrWorkgroup?: string;
  joinedToDomain?: boolean;
  connectedToDomain?: boolean;
}

export interface DomainFacts {
  name?: string;
  shortName?: string;
  mode?: string;
  root?: string;
  forest?: string;
  forestMode?: string;
}

export interface DiskFacts extends Located {
  drive: string;
  type: string;
  format: string;
  percentFree?: number;
  status: string;
}

export interface NetworkFacts {
  tcpMaxDataRetransmissions?: number;
  initialRto?: number;
  maxSynRetransmissions?: number;
  minEphemeralPort?: number;
  maxEphemeralPort?: number;
  tcpTimedWaitDelay?: number;
  synAttackProtect?: number;
  hosts: Located[];
  ipAddresses: { family: string; address: string }[];
  fltmc: string[];
  /** Lines of evidence per label, for findings. */
  evidence: Record<string, Located>;
}

export interface NicFacts {
  block: string;
  name?: string;
  driverDate?: string;
  speed?: string;
  rss?: string;
  evidence: Record<string, Located>;
}

export interface SecurityFacts {
  lanmanCompatibility?: string;
  disableLoopbackCheck?: string;
  maxTokenSize?: number;
  kerberosLogging?: number;
  kerberosLocalEncryption?: string;
  evidence: Record<string, Located>;
}

export type TlsSide = 'client' | 'server';
export type TlsEffective = 'Enabled' | 'Disabled' | 'Not Supported';

export interface TlsRow extends Located {
  side: TlsSide;
  /** "SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3". */
  protocol: string;
  default?: string;
  enabledInReg?: string;
  disabledByDefault?: string;
  /** Undefined when the report does not say (oldest layout, registry values absent). */
  effective?: TlsEffective;
}

export interface CipherFacts {
  registryList: string[];
  policyList: string[];
  /** Policy list when it is non-empty (Group Policy overrides), else the registry list. */
  effective: string[];
  dhVersion?: number;
  /** What the tool's own Diffie-Hellman sentence said, when present. */
  dheStatement?: boolean;
  evidence: Record<string, Located>;
}

export interface DriverFacts extends Located {
  name: string;
  type: string;
  version: string;
  supported: string;
  tls12: string;
  tls13: string;
  path: string;
  message: string;
  bit32: boolean;
}

export interface ProcessFacts extends Located {
  name: string;
  pid?: number;
  drivers: string[];
}

export interface AliasFacts extends Located {
  name: string;
  protocol: string;
  server: string;
  port?: number;
  bit32: boolean;
}

export interface SniFacts extends Located {
  client: string;
  protocolOrder: string;
  forceEncryption: boolean;
  trustServerCert: boolean;
  defaultPort?: number;
  bit32: boolean;
}

export interface CertificateFacts extends Located {
  friendlyName: string;
  subject: string;
  san: string;
  thumbprint: string;
  serverCert: boolean;
  keyLength?: number;
  sigType: string;
  keySpec: string;
  privateKey: boolean;
  notBefore: string;
  notAfter: string;
  problems: string[];
}

export interface CertPermissionFacts extends Located {
  friendlyName: string;
  thumbprint: string;
  user: string;
  permissions: string;
}

export interface ServiceFacts extends Located {
  name: string;
  instance: string;
  description: string;
  pid?: number;
  serviceAccount: string;
  domainAccount: string;
  startMode: string;
  started?: boolean;
}

export interface AccountFacts extends Located {
  account: string;
  domain: string;
  type: string;
  trustedForDelegation?: boolean;
  constrainedDelegation?: boolean;
  kerberosEncryption: string[];
}

export interface SpnFacts extends Located {
  account: string;
  spn: string;
  hasDuplicates?: boolean;
}

export interface SuggestedSpn extends Located {
  spn: string;
  exists?: boolean;
  status: string;
}

export interface InstanceCertificate {
  raw: string;
  selfGenerated: boolean;
  thumbprint?: string;
  hardCoded?: boolean;
  problems: string[];
}

export interface InstanceFacts {
  /** Block id, e.g. "instance:ERP" (or "instance:?" for a fragment without its heading). */
  block: string;
  name?: string;
  edition?: string;
  version?: string;
  patchLevel?: string;
  clustered?: boolean;
  alwaysOn?: boolean;
  authenticationMode?: string;
  certificate?: InstanceCertificate;
  forceEncryption?: boolean;
  forceStrict?: string;
  hidden?: boolean;
  extendedProtection?: string;
  sharedMemory?: boolean;
  namedPipes?: boolean;
  tcpEnabled?: boolean;
  listenOnAllIps?: boolean;
  tcpPorts: number[];
  dynamicPorts: number[];
  processId?: number;
  serviceAccount?: string;
  spnAccount?: string;
  suggestedSpns: SuggestedSpn[];
  evidence: Record<string, Located>;
}

export interface InstanceListEntry extends Located {
  serviceType: string;
  name: string;
  bit32?: boolean;
}

export interface SqlcheckReport {
  /** "1.0.1487.0" from the header, or a range such as "<1.0.1409" inferred from the layout. */
  version?: string;
  versionSource?: 'header' | 'inferred';
  runOn?: string;
  timezone?: string;
  /** Banner titles seen, in order. */
  sections: string[];
  /** False when the start or end banner is missing (fragment or truncated paste). */
  complete: boolean;
  computer: ComputerFacts;
  domain?: DomainFacts;
  disks: DiskFacts[];
  network: NetworkFacts;
  nics: NicFacts[];
  security: SecurityFacts;
  tls: TlsRow[];
  ciphers: CipherFacts;
  drivers: DriverFacts[];
  processes: ProcessFacts[];
  /** undefined when the aliases part is not in the paste; [] when the tool said there are none. */
  aliases?: AliasFacts[];
  sni: SniFacts[];
  certificates: CertificateFacts[];
  certificatePermissions: CertPermissionFacts[];
  services: ServiceFacts[];
  accounts: AccountFacts[];
  spns: SpnFacts[];
  /** undefined when the instance list is not in the paste. */
  instanceList?: InstanceListEntry[];
  instances: InstanceFacts[];
  messages: SqlcheckMessage[];
  /** Every table found, keyed by block, for consumers that need a column the facts do not lift. */
  tables: Table[];
  /** Lines the parser kept but could not place. */
  unparsed: Located[];
  /** User annotations removed from lines (e.g. "<---- this one"). */
  annotations: Located[];
  /** Secrets (passwords in connection strings) replaced before parsing. */
  redactions: number;
  /** True when the input was cut at the size limit. */
  truncated: boolean;
}
