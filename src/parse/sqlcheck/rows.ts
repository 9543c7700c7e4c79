/** Table rows read into typed facts, one reader per table. */
import { bool, int, is32BitPath, located, records } from './facts';
import type {
  AccountFacts,
  AliasFacts,
  CertificateFacts,
  CertPermissionFacts,
  DiskFacts,
  DriverFacts,
  InstanceListEntry,
  ProcessFacts,
  ServiceFacts,
  SniFacts,
  SpnFacts,
  Table,
} from './types';

const list = (v: string, sep: string) =>
  v
    .split(sep)
    .map((s) => s.trim())
    .filter(Boolean);

export function disks(t: Table | undefined): DiskFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    drive: r.get('Drive'),
    type: r.get('Type'),
    format: r.get('Format'),
    percentFree: int(r.get('% Free').replace('%', '')),
    status: r.get('Status'),
  }));
}

export function drivers(t: Table | undefined): DriverFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    name: r.get('Name'),
    type: r.get('Type'),
    version: r.get('Version'),
    supported: r.get('Supported'),
    tls12: r.get('TLS 1.2'),
    tls13: r.get('TLS 1.3'),
    path: r.get('Path'),
    message: r.get('Message'),
    bit32: is32BitPath(r.get('Path')),
  }));
}

export function processes(t: Table | undefined): ProcessFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    name: r.get('Process Name'),
    pid: int(r.get('Process ID')),
    drivers: list(r.get('Drivers Loaded').toLowerCase(), ','),
  }));
}

export function aliases(t: Table | undefined): AliasFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    name: r.get('Alias Name'),
    protocol: r.get('Protocol'),
    server: r.get('Server Name'),
    port: int(r.get('Port')),
    bit32: bool(r.get('32-bit')) === true,
  }));
}

export function sni(t: Table | undefined): SniFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    client: r.get('Client Name'),
    protocolOrder: r.get('Protocol Order'),
    forceEncryption: bool(r.get('Force Encryption')) === true,
    trustServerCert: bool(r.get('Trust Server Cert')) === true,
    defaultPort: int(r.get('TCP Default Port')),
    bit32: bool(r.get('32-bit')) === true,
  }));
}

export function certificates(t: Table | undefined): CertificateFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    friendlyName: r.get('Friendly Name'),
    subject: r.get('CN'),
    san: r.get('SAN'),
    thumbprint: r.get('Thumbprint').toUpperCase(),
    serverCert: bool(r.get('Server Cert')) === true,
    keyLength: int(r.get('Key Len')),
    sigType: r.get('Sig Type'),
    keySpec: r.get('KeySpec'),
    privateKey: bool(r.get('Private Key')) === true,
    notBefore: r.get('Not Before'),
    notAfter: r.get('Not After'),
    problems: list(r.get('Problem'), ','),
  }));
}

export function certPermissions(t: Table | undefined): CertPermissionFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    friendlyName: r.get('Friendly Name'),
    thumbprint: r.get('Thumbprint').toUpperCase(),
    user: r.get('UserID'),
    permissions: r.get('Permissions'),
  }));
}

export function services(t: Table | undefined): ServiceFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    name: r.get('Name'),
    instance: r.get('Instance'),
    description: r.get('Description'),
    pid: int(r.get('PID')),
    serviceAccount: r.get('Service Account'),
    domainAccount: r.get('Domain Account'),
    startMode: r.get('Start Mode'),
    started: bool(r.get('Started')),
  }));
}

export function accounts(t: Table | undefined): AccountFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    account: r.get('Account'),
    domain: r.get('Domain'),
    type: r.get('Type'),
    trustedForDelegation: bool(r.get('Trust for Del.')),
    constrainedDelegation: bool(r.get('Const. Del.')),
    kerberosEncryption: r.get('Kerberos Encryption').split(/[+|]/).map((s) => s.trim()).filter(Boolean),
  }));
}

export function spns(t: Table | undefined): SpnFacts[] {
  return records(t).map((r) => ({
    ...located(r.row),
    account: r.get('Account'),
    spn: r.get('SPN'),
    hasDuplicates: bool(r.get('Has Duplicates')),
  }));
}

export function instanceList(t: Table | undefined): InstanceListEntry[] {
  return records(t).map((r) => ({
    ...located(r.row),
    serviceType: r.get('Service Type'),
    name: r.get('Instance Name'),
    bit32: bool(r.get('32-bit')),
  }));
}
