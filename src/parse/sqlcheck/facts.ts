/**
 * Second pass: read the blocks found by the walker into typed facts. Values stay close to what the
 * tool printed (strings) except where a type is unambiguous (booleans, ports, counts).
 */
import type { Block } from './walker';
import type {
  CipherFacts,
  ComputerFacts,
  DomainFacts,
  InstanceCertificate,
  InstanceFacts,
  Located,
  NetworkFacts,
  NicFacts,
  SecurityFacts,
  Table,
  TableRow,
  TlsEffective,
  TlsRow,
} from './types';

export function bool(v: string | undefined): boolean | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === 'yes') return true;
  if (t === 'false' || t === 'no' || t === '') return t === '' ? undefined : false;
  return undefined;
}

export function int(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim().replace(/,/g, '');
  return /^-?\d{1,12}$/.test(t) ? Number(t) : undefined;
}

export function ports(v: string | undefined): number[] {
  if (!v) return [];
  return v
    .split(',')
    .map((p) => int(p))
    .filter((p): p is number => p !== undefined && p > 0 && p < 65536);
}

function kv(block: Block | undefined, label: string): string | undefined {
  return block?.kv.get(label)?.value;
}

function evidence(block: Block | undefined): Record<string, Located> {
  const out: Record<string, Located> = {};
  for (const [label, v] of block?.kv ?? []) out[label] = { line: v.line, raw: v.raw };
  return out;
}

/** Reads a table's rows as objects keyed by column name (cells of absent columns read as ''). */
export function records(table: Table | undefined): { row: TableRow; get: (col: string) => string }[] {
  if (!table) return [];
  const index = new Map(table.columns.map((c, i) => [c, i]));
  return table.rows.map((row) => ({ row, get: (col: string) => row.cells[index.get(col) ?? -1] ?? '' }));
}

export function located(row: TableRow): Located {
  return { line: row.line, raw: row.raw.trim() };
}

const is32BitPath = (p: string) => /syswow64|program files \(x86\)/i.test(p);

export function computerFacts(b: Block | undefined): ComputerFacts {
  return {
    reportRunBy: kv(b, 'Report run by'),
    netbios: kv(b, 'NETBIOS Name'),
    fqdn: kv(b, 'FQDN'),
    dnsSuffix: kv(b, 'DNS Suffix'),
    os: kv(b, 'Windows Name and Edition'),
    osVersion: kv(b, 'Windows Version'),
    build: int(kv(b, 'Windows Build')),
    releaseId: kv(b, 'Windows Release ID'),
    is64Bit: bool(kv(b, '64-Bit System')),
    dotnet4: kv(b, '.NET 4.x version'),
    clr4StrongCrypto: kv(b, 'CLR 4.0 Strong Crypto'),
    dotnet2: kv(b, '.NET 2.x/3.x version'),
    clustered: bool(kv(b, 'Clustered')),
    iisRunning: bool(kv(b, 'IIS Running')),
    credentialGuard: bool(kv(b, 'CredentialGuard enabled')),
    lastReboot: kv(b, 'Last System Reboot'),
    rebootRecommended: bool(kv(b, 'Reboot Recommended')),
    role: kv(b, 'Computer Role'),
    domainOrWorkgroup: kv(b, 'Domain/Workgroup'),
    joinedToDomain: bool(kv(b, 'Joined to Domain')),
    connectedToDomain: bool(kv(b, 'Connected to Domain')),
  };
}

export function domainFacts(b: Block | undefined): DomainFacts | undefined {
  if (!b) return undefined;
  const full = kv(b, 'Domain Name') ?? '';
  const open = full.indexOf(' (');
  return {
    name: open > 0 ? full.slice(0, open) : full || undefined,
    shortName: open > 0 && full.endsWith(')') ? full.slice(open + 2, -1) : undefined,
    mode: kv(b, 'Domain Mode'),
    root: kv(b, 'Root Domain'),
    forest: kv(b, 'Forest Domain'),
    forestMode: kv(b, 'Forest Mode'),
  };
}

export function networkFacts(net: Block | undefined, hosts: Block | undefined, ips: Block | undefined, filters: Block | undefined): NetworkFacts {
  const fltmc = kv(filters, 'FLTMC Filters') ?? '';
  return {
    tcpMaxDataRetransmissions: int(kv(net, 'TCPMaxDataRetransmissions')),
    initialRto: int(kv(net, 'Initial RTO')),
    maxSynRetransmissions: int(kv(net, 'Max SYN Retransmissions')),
    minEphemeralPort: int(kv(net, 'Min Ephemeral Port')),
    maxEphemeralPort: int(kv(net, 'Max Ephemeral Port')),
    tcpTimedWaitDelay: int(kv(net, 'TCP Timed Wait Delay')),
    synAttackProtect: int(kv(net, 'Syn Attack Protect')),
    hosts: (hosts?.items ?? []).filter((it) => !it.raw.endsWith(':') && !it.raw.endsWith('.')),
    ipAddresses: records(ips?.tables[0]).map((r) => ({ family: r.get('Address Family'), address: r.get('Address') })),
    fltmc: fltmc === '<none>' ? [] : fltmc.split('|').map((f) => f.trim()).filter(Boolean),
    evidence: { ...evidence(net), ...evidence(filters) },
  };
}

export function nicFacts(b: Block): NicFacts {
  return { block: b.id, name: kv(b, 'Name'), driverDate: kv(b, 'Driver Date'), speed: kv(b, 'Speed'), rss: kv(b, 'RSS'), evidence: evidence(b) };
}

export function securityFacts(b: Block | undefined): SecurityFacts {
  return {
    lanmanCompatibility: kv(b, 'Lanman Compatibility Level'),
    disableLoopbackCheck: kv(b, 'Disable Loopback Check'),
    maxTokenSize: int(kv(b, 'Max Kerberos Token Size')),
    kerberosLogging: int(kv(b, 'Kerberos Logging Level')),
    kerberosLocalEncryption: kv(b, 'Kerberos local Encryption'),
    evidence: evidence(b),
  };
}

function effectiveOf(v: string): TlsEffective | undefined {
  return v === 'Enabled' || v === 'Disabled' || v === 'Not Supported' ? v : undefined;
}

/** Current layout: one row per side and protocol. Oldest layout (1.0.0.x): two rows (Setting/Registry). */
export function tlsFacts(b: Block | undefined): TlsRow[] {
  const table = b?.tables[0];
  if (!table) return [];
  const side = (v: string) => (v.toLowerCase() === 'server' ? 'server' : 'client') as TlsRow['side'];
  if (table.columns.includes('Setting')) {
    const merged = new Map<string, TlsRow>();
    for (const r of records(table)) {
      const key = `${r.get('Client/Server')}|${r.get('TLS Version')}`;
      const row = merged.get(key) ?? { ...located(r.row), side: side(r.get('Client/Server')), protocol: r.get('TLS Version') };
      if (r.get('Setting') === 'Enabled') row.enabledInReg = r.get('Registry');
      else row.disabledByDefault = r.get('Registry');
      merged.set(key, row);
    }
    for (const row of merged.values()) {
      if (row.enabledInReg?.startsWith('False') || row.disabledByDefault?.startsWith('True')) row.effective = 'Disabled';
    }
    return [...merged.values()];
  }
  return records(table).map((r) => ({
    ...located(r.row),
    side: side(r.get('Client/Server')),
    protocol: r.get('TLS Version'),
    default: r.get('Default') || undefined,
    enabledInReg: r.get('Enabled in Reg') || undefined,
    disabledByDefault: r.get('Disabled By Default') || undefined,
    effective: effectiveOf(r.get('Effective Value')),
  }));
}

const suiteName = (cell: string) => {
  const at = cell.indexOf(' (');
  return (at > 0 ? cell.slice(0, at) : cell).trim();
};

export function cipherFacts(b: Block | undefined): CipherFacts {
  const rows = records(b?.tables[0]);
  const registryList = rows.map((r) => suiteName(r.get('Registry List'))).filter(Boolean);
  const policyList = rows.map((r) => suiteName(r.get('Policy List'))).filter(Boolean);
  const statement = b?.items.find((it) => it.raw.startsWith('Diffie-Hellman cipher suites are '));
  return {
    registryList,
    policyList,
    effective: policyList.length > 0 ? policyList : registryList,
    dhVersion: int(kv(b, 'Diffie-Hellman algorithm version')),
    dheStatement: statement ? !statement.raw.includes('are not enabled') : undefined,
    evidence: { ...evidence(b), ...(statement ? { statement } : {}) },
  };
}

function instanceCertificate(v: string | undefined): InstanceCertificate | undefined {
  if (v === undefined) return undefined;
  const raw = v.trim();
  const thumb = /^([0-9A-Fa-f]{40})\b/.exec(raw)?.[1];
  const problemsAt = raw.indexOf('problems:');
  const problems =
    problemsAt >= 0
      ? raw
          .slice(problemsAt + 9)
          .replace(/\)\s*$/, '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
      : [];
  return {
    raw,
    selfGenerated: /self-generated/i.test(raw),
    thumbprint: thumb?.toUpperCase(),
    hardCoded: thumb ? /hard-coded\)|hard-coded;/i.test(raw) && !/not hard-coded/i.test(raw) : undefined,
    problems,
  };
}

export function instanceFacts(b: Block): InstanceFacts {
  const heading = b.title?.raw.slice('Details for SQL Server Instance:'.length).trim();
  const paren = heading ? heading.indexOf(' (') : -1;
  const version = kv(b, 'Version');
  const patch = version ? /^(\S+)(?:.*Patch Level:\s*(\S+))?/.exec(version) : null;
  const np = kv(b, 'Named Pipes Enabled');
  return {
    block: b.id,
    name: heading ? (paren > 0 ? heading.slice(0, paren) : heading) : undefined,
    edition: heading && paren > 0 ? heading.slice(paren + 2, heading.endsWith(')') ? -1 : undefined) : undefined,
    version: patch?.[1],
    patchLevel: patch?.[2],
    clustered: bool(kv(b, 'Clustered')),
    alwaysOn: bool(kv(b, 'Always-On')),
    authenticationMode: kv(b, 'Authentication Mode') || undefined,
    certificate: instanceCertificate(kv(b, 'Certificate')),
    forceEncryption: bool(kv(b, 'ForceEncryption')),
    forceStrict: kv(b, 'ForceStrict'),
    hidden: bool(kv(b, 'Hidden Instance')),
    extendedProtection: kv(b, 'Extended Protection'),
    sharedMemory: bool(kv(b, 'Shared Memory Enabled')),
    namedPipes: np === undefined ? undefined : np.startsWith('True'),
    tcpEnabled: bool(kv(b, 'TCP Enabled')),
    listenOnAllIps: bool(kv(b, 'Listen on all IPs')),
    tcpPorts: ports(kv(b, 'TCP Port(s)')),
    dynamicPorts: ports(kv(b, 'Dynamic TCP Port(s)')),
    processId: int(kv(b, 'Current Process ID')),
    serviceAccount: kv(b, 'Service Account') || undefined,
    spnAccount: kv(b, 'SPN Account') || undefined,
    suggestedSpns: records(b.tables.find((t) => t.columns[0] === 'Suggested SPN')).map((r) => ({
      ...located(r.row),
      spn: r.get('Suggested SPN'),
      exists: bool(r.get('Exists')),
      status: r.get('Status'),
    })),
    evidence: evidence(b),
  };
}

export { is32BitPath };
