/**
 * The report's layout as data: which title line, label or table header belongs to which block.
 * This is format (what the tool prints), not troubleshooting lore, so it lives with the parser.
 * Source: shared/reference/sqlcheck-format.md sections 1-5 and 7.
 */

export type BlockKind =
  | 'header'
  | 'computer'
  | 'domain'
  | 'trusts'
  | 'disks'
  | 'network'
  | 'hosts'
  | 'ips'
  | 'filters'
  | 'minidrivers'
  | 'nics'
  | 'nic'
  | 'security'
  | 'tls'
  | 'ciphers'
  | 'drivers'
  | 'otherDrivers'
  | 'adalFiles'
  | 'adalRegistry'
  | 'processes'
  | 'aliases'
  | 'sni'
  | 'certificates'
  | 'certPermissions'
  | 'services'
  | 'accounts'
  | 'delegation'
  | 'spns'
  | 'instances'
  | 'instance';

export const BANNERS = [
  'Start of Report',
  'Computer Information',
  'Client Security and Driver Information',
  'SQL Server Information',
  'End of Report',
] as const;

/** Exact title or statement lines that open (or are) a block. */
export const TITLES: Record<string, BlockKind> = {
  'Disk Drives:': 'disks',
  'Network Settings:': 'network',
  'The following HOSTS file entries were found for this machine:': 'hosts',
  'No HOSTS file entries found for this machine.': 'hosts',
  'No DNS aliases found for this machine.': 'hosts',
  'The following IP addresses are associated with this machine:': 'ips',
  'Network Mini-Drivers:': 'minidrivers',
  'Network Mini-Drivers: none found': 'minidrivers',
  'Network Adapters:': 'nics',
  'Security Settings:': 'security',
  'Cipher Suite Protocol Order:': 'ciphers',
  'Cipher Suite Protcol Order:': 'ciphers',
  'SQL Server OLE DB Providers and ODBC Drivers:': 'drivers',
  'Other OLE DB Providers and ODBC Drivers:': 'otherDrivers',
  'ADAL files present on this machine:': 'adalFiles',
  'ADAL registry entries present on this machine:': 'adalRegistry',
  'Processes that have SQL Server (and some other) Drivers Loaded:': 'processes',
  'SQL Aliases:': 'aliases',
  'No SQL Aliases were found on this machine.': 'aliases',
  'SQL Client Driver SNI Settings:': 'sni',
  'No SQL Client Driver SNI settings were found.': 'sni',
  'Certificates in the Local Computer MY Store:': 'certificates',
  'Certificate Permissions:': 'certPermissions',
  'Services of Interest:': 'services',
  'Domain Service Account Properties:': 'accounts',
  'No constrained delegation back-end service SPNs were found on any of the above accounts.': 'delegation',
  'The following constrained delegation back-end service SPNs were found:': 'delegation',
  'The following Service Principal Names were found:': 'spns',
  'No Service Principal Names were found on any of the above accounts.': 'spns',
  'SQL Server Instances:': 'instances',
  'No SQL Server instances appear to be on this machine.': 'instances',
};

/** Title prefixes with a variable tail. */
export const TITLE_PREFIXES: [string, BlockKind][] = [
  ['Details for SQL Server Instance:', 'instance'],
  ['Domains trusted by ', 'trusts'],
  ['Forests trusted by ', 'trusts'],
  ['There do not appear to be any ', 'trusts'],
];

/** Lines the tool prints literally inside a block; recognised so they are not counted as unparsed. */
export const STATEMENT_PREFIXES: [string, BlockKind | null][] = [
  ['SQL Server Connectivity Check v', 'header'],
  ['by the Microsoft CSS SQL Networking Team', 'header'],
  ['This report contains the following sections:', 'header'],
  ['1. Computer, Domain', 'header'],
  ['2. Client Drivers', 'header'],
  ['3. SQL Server Processes', 'header'],
  ['ODBC traces are ', 'drivers'],
  ['Diffie-Hellman cipher suites are ', 'ciphers'],
  ['Note: Only SQL 2008 and later', 'instances'],
  ['Note: UPN account names', 'services'],
  ['See https://kb.vmware.com', null],
  ['Offloading: ', 'nic'],
];

/** Known k/v labels and the blocks they may appear in (the first one is opened when out of place). */
const LABELS: [BlockKind[], string[]][] = [
  [
    ['computer'],
    [
      'Report run by', 'NETBIOS Name', 'FQDN', 'DNS Suffix', 'Windows Name and Edition', 'Windows Version',
      'Windows Build', 'Windows Release ID', '64-Bit System', '.NET 4.x version', 'CLR 4.0 Strong Crypto',
      'CLR 4.0 Strong Crypto x86', '.NET 2.x/3.x version', 'CLR 2.0 Strong Crypto', 'CLR 2.0 Strong Crypto x86',
      'IIS Running', 'CredentialGuard enabled', 'Last System Reboot', 'Reboot Recommended', 'Computer Role',
      'Domain/Workgroup', 'Joined to Domain', 'Connected to Domain', 'Expanded Domain Name',
      'Program Files Folder', 'Common Files Folder', 'Program Files (x86) Folder', 'Common Files (x86) Folder',
    ],
  ],
  [['computer', 'instance'], ['Clustered']],
  [['domain'], ['Domain Name', 'Domain Mode', 'Parent Domain', 'Root Domain', 'Forest Domain', 'Forest Mode']],
  [
    ['network'],
    [
      'TCPMaxDataRetransmissions', 'Initial RTO', 'Max SYN Retransmissions', 'TCPChimney', 'TCPA',
      'Min Ephemeral Port', 'Max Ephemeral Port', 'TCP Timed Wait Delay', 'Syn Attack Protect',
    ],
  ],
  [['network', 'nic'], ['RSS']],
  [['filters'], ['FLTMC Filters']],
  [['nic'], ['Name', 'Adapter Type', 'MAC Address', 'Driver Date', 'Speed', 'Speed/Duplex', 'Flow Control', 'Jumbo Frames', 'NIC Teaming']],
  [
    ['security'],
    [
      'Crash on Audit Fail', 'Lanman Compatibility Level', 'Disable Loopback Check', 'Back Connection Host Names',
      'Max Kerberos Token Size', 'Kerberos Logging Level', 'Kerberos local Encryption',
    ],
  ],
  [['ciphers'], ['Diffie-Hellman algorithm version']],
  [['drivers'], ['ODBC User Trace', 'ODBC System Trace', '32-bit ODBC User Trace', '32-bit ODBC System Trace']],
  [
    ['instance'],
    [
      'Version', 'Always-On', 'Always-On Servers', 'Always-On Listeners', 'Availability Groups', 'Replication Ports',
      'Authentication Mode', 'Certificate', 'ForceEncryption', 'ForceStrict', 'Hidden Instance', 'Extended Protection',
      'Shared Memory Enabled', 'Named Pipes Enabled', 'TCP Enabled', 'Listen on all IPs', 'Keep-Alive Interval (ms)',
      'TCP Port(s)', 'Dynamic TCP Port(s)', 'Install Path', 'ERRORLOG Path', 'Current Process ID', 'Service Account',
      'SPN Account',
    ],
  ],
];

export const LABEL_BLOCKS: Map<string, BlockKind[]> = new Map(
  LABELS.flatMap(([kinds, labels]) => labels.map((label) => [label, kinds] as [string, BlockKind[]])),
);

/** Blocks that can occur more than once: a repeated label opens a new one. */
export const REPEATABLE: ReadonlySet<BlockKind> = new Set<BlockKind>(['nic', 'instance']);

/** Which block a table belongs to, from its header cells (works for fragments without a title). */
export function tableKind(columns: string[], current: BlockKind | undefined): BlockKind | undefined {
  const first = columns[0] ?? '';
  const has = (c: string) => columns.includes(c);
  switch (first) {
    case 'Client/Server':
      return 'tls';
    case 'Registry List':
      return 'ciphers';
    case 'Alias Name':
      return 'aliases';
    case 'Client Name':
      return 'sni';
    case 'Suggested SPN':
      return 'instance';
    case 'Service Type':
      return 'instances';
    case 'Process Name':
      return 'processes';
    case 'Drive':
      return 'disks';
    case 'Address Family':
      return 'ips';
    case 'Service Name':
      return 'minidrivers';
    case 'Registry Path':
      return 'adalRegistry';
    case 'Path':
      return 'adalFiles';
    case 'Target Domain':
    case 'Target Forest':
      return 'trusts';
    case 'Friendly Name':
      return has('UserID') ? 'certPermissions' : 'certificates';
    case 'Name':
      if (has('TLS 1.2')) return 'drivers';
      if (has('PID')) return 'services';
      return 'otherDrivers';
    case 'Account':
      if (has('UAC')) return 'accounts';
      if (has('Has Duplicates')) return 'spns';
      return current === 'spns' ? 'spns' : 'delegation';
    default:
      return undefined;
  }
}
