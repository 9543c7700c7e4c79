/** The facts each fixture's README lists, read by the parser. */
import { parseSqlcheck } from '../../../src/parse/sqlcheck';
import { fixture, FIXTURES, FixtureKey } from './fixtures';

const eff = (r: ReturnType<typeof parseSqlcheck>, side: string, p: string) => r.tls.find((t) => t.side === side && t.protocol === p)?.effective;

describe('fixture a: client with TLS 1.2 disabled', () => {
  const r = parseSqlcheck(fixture('a'));
  it('reads the header and the computer', () => {
    expect(r.version).toBe('1.0.1487.0');
    expect(r.runOn).toBe('02/18/2025 09:42:17 AM');
    expect(r.timezone).toBe('(UTC-05:00) Eastern Standard Time');
    expect(r.computer).toMatchObject({ netbios: 'APPWEB01', fqdn: 'APPWEB01.northwind.test', os: 'Windows Server 2016 Standard (1607)', osVersion: '10.0.14393.7699', build: 14393, releaseId: '1607', dotnet4: '4.8.03761', clr4StrongCrypto: 'Not set', iisRunning: true, credentialGuard: false, rebootRecommended: false, joinedToDomain: true });
    expect(r.domain).toMatchObject({ name: 'northwind.test', shortName: 'NORTHWIND' });
    expect(r.complete).toBe(true);
  });
  it('reads network settings, TLS rows, ciphers', () => {
    expect(r.network).toMatchObject({ minEphemeralPort: 49152, maxEphemeralPort: 65535 });
    expect(r.network.tcpTimedWaitDelay).toBeUndefined();
    expect(r.network.ipAddresses).toContainEqual({ family: 'InterNetwork', address: '192.0.2.41' });
    const tls12 = r.tls.find((t) => t.side === 'client' && t.protocol === 'TLS 1.2');
    expect(tls12).toMatchObject({ enabledInReg: 'False (0x00000000) x', disabledByDefault: 'True  (0x00000001) x', effective: 'Disabled' });
    expect(eff(r, 'client', 'TLS 1.0')).toBe('Enabled');
    expect(eff(r, 'client', 'TLS 1.1')).toBe('Disabled');
    expect(eff(r, 'client', 'TLS 1.3')).toBe('Not Supported');
    expect(eff(r, 'server', 'TLS 1.2')).toBe('Enabled');
    expect(r.ciphers.registryList).toHaveLength(38);
    expect(r.ciphers.policyList).toEqual([]);
    expect(r.ciphers.dhVersion).toBe(2);
    expect(r.ciphers.dheStatement).toBe(true);
  });
  it('reads drivers, processes, SNI, certificates, services, accounts', () => {
    expect(r.drivers.filter((d) => d.name === 'SQLOLEDB').map((d) => [d.version, d.supported, d.tls12, d.bit32])).toEqual([
      ['10.0.14393.0', 'Deprecated', 'No', false],
      ['10.0.14393.0', 'Deprecated', 'No', true],
    ]);
    expect(r.drivers.find((d) => d.name === 'ODBC Driver 17 for SQL Server')).toMatchObject({ version: '17.10.6.1', tls12: 'Yes' });
    expect(r.processes.find((p) => p.pid === 3316)).toMatchObject({ name: 'w3wp.exe', drivers: ['msado15.dll', 'oledb32.dll', 'sqloledb.dll'] });
    expect(r.aliases).toEqual([]);
    expect(r.sni.map((s) => [s.client, s.defaultPort, s.forceEncryption, s.bit32])).toEqual([
      ['SNI11.0', 1433, false, false],
      ['SuperSocketNetLib', 1433, false, false],
      ['SNI11.0', 1433, false, true],
      ['SuperSocketNetLib', 1433, false, true],
    ]);
    expect(r.certificates.map((c) => c.sigType)).toEqual(['sha256RSA', 'sha256RSA']);
    expect(r.services.map((s) => s.name)).toEqual(['MSDTC', 'RpcSs', 'TermService', 'W3SVC']);
    expect(r.accounts[0]).toMatchObject({ account: 'APPWEB01$', type: 'Computer', trustedForDelegation: false });
    expect(r.spns).toHaveLength(8);
    expect(r.instanceList).toEqual([]);
    expect(r.instances).toEqual([]);
  });
});

describe('fixture b: server with weak certificate and Force Encryption', () => {
  const r = parseSqlcheck(fixture('b'));
  it('reads the certificates with signature and problems', () => {
    expect(r.certificates.map((c) => [c.friendlyName, c.sigType, c.keySpec, c.serverCert, c.problems])).toEqual([
      ['SQLPROD02 TLS', 'md5RSA', 'Exchange', true, []],
      ['SQLPROD02 TLS 2022', 'sha256RSA', 'Exchange', true, ['Expired cert']],
      ['Backup Agent', 'sha1RSA', 'Signature', false, ['KeySpec!=1', 'Not server']],
    ]);
    expect(r.certificates[0].subject).toBe('CN=sqlprod02.northwind.test, OU=Database Services, O=Northwind Traders, C=US');
    expect(r.certificatePermissions.filter((p) => p.user === 'NT SERVICE\\MSSQLSERVER')).toHaveLength(1);
  });
  it('reads TLS 1.2 only on both sides and the policy cipher list', () => {
    for (const side of ['client', 'server']) {
      expect(['TLS 1.0', 'TLS 1.1', 'TLS 1.2'].map((p) => eff(r, side, p))).toEqual(['Disabled', 'Disabled', 'Enabled']);
    }
    expect(r.ciphers.policyList).toHaveLength(8);
    expect(r.ciphers.effective).toBe(r.ciphers.policyList);
    expect(r.ciphers.dheStatement).toBe(false);
  });
  it('reads the instance block', () => {
    expect(r.instances).toHaveLength(1);
    expect(r.instances[0]).toMatchObject({
      name: 'MSSQLSERVER', edition: 'Standard Edition', version: '14.0.1000.169', patchLevel: '14.0.3485.1', authenticationMode: 'MIXED',
      forceEncryption: true, forceStrict: 'Not supported', hidden: false, sharedMemory: true, namedPipes: false, tcpEnabled: true,
      listenOnAllIps: true, tcpPorts: [1433], dynamicPorts: [], spnAccount: 'NORTHWIND\\SQLPROD02$',
    });
    expect(r.instances[0].certificate).toMatchObject({ thumbprint: '3F2A9C1D7E4B6A0859C3D2E1F0A9B8C7D6E5F4A3', hardCoded: true, selfGenerated: false });
    expect(r.instances[0].suggestedSpns.map((s) => s.status)).toEqual(['Okay', 'Okay', 'SPN does not exist.', 'SPN does not exist.']);
    expect(r.services.find((s) => s.name === 'SQLBrowser')).toMatchObject({ startMode: 'Disabled', started: false, pid: 0 });
    expect(r.disks.find((d) => d.drive === 'Z:\\')).toMatchObject({ type: 'CDRom', status: '' });
  });
});

describe('fixture c: alias with the wrong port', () => {
  const r = parseSqlcheck(fixture('c'));
  it('reads aliases with bitness and right-aligned ports', () => {
    expect(r.aliases?.map((a) => [a.name, a.protocol, a.server, a.port, a.bit32])).toEqual([
      ['OLDSQL01', 'TCP', 'sqlapp01.northwind.test', 1433, false],
      ['OLDSQL01', 'TCP', 'sqlapp01.northwind.test', 41433, true],
      ['REPORTDB', 'Named Pipes', '\\\\sqlrpt01\\pipe\\MSSQL$RPT\\sql\\query', undefined, false],
    ]);
  });
  it('reads HOSTS, the empty certificate table and the named instance', () => {
    expect(r.network.hosts.map((h) => h.raw)).toEqual(['192.0.2.60    sqlrpt01.northwind.test sqlrpt01    # pinned during DNS cutover']);
    expect(r.certificates).toEqual([]);
    expect(r.tables.find((t) => t.block === 'certificates')?.columns).toHaveLength(13);
    expect(r.instances[0]).toMatchObject({ name: 'ERP', edition: 'Enterprise Edition: Core-based Licensing', patchLevel: '16.0.4175.1', tcpPorts: [41433], forceStrict: 'False' });
    expect(r.instances[0].certificate?.selfGenerated).toBe(true);
    expect(r.accounts.map((a) => [a.account, a.kerberosEncryption])).toContainEqual(['svc_erp_agt', ['RC4_HMAC_MD5']]);
    expect(eff(r, 'client', 'TLS 1.3')).toBe('Enabled');
  });
});

describe('fixture d: legacy server', () => {
  const r = parseSqlcheck(fixture('d'));
  it('reads the network settings the tool warns about', () => {
    expect(r.network).toMatchObject({ tcpMaxDataRetransmissions: 3, initialRto: 3000, minEphemeralPort: 1025, maxEphemeralPort: 5000, tcpTimedWaitDelay: 20 });
    expect(r.network.fltmc).toContain('vnetflt');
    expect(r.computer).toMatchObject({ osVersion: 'Microsoft Windows NT 6.2.9200.0', build: 9600, rebootRecommended: true });
    expect(r.computer.releaseId).toBe('');
    expect(r.disks.find((d) => d.drive === 'C:\\')).toMatchObject({ percentFree: 6, status: 'Low Disk Space' });
  });
  it('reads DH version 1 with DHE first in the policy list', () => {
    expect(r.ciphers.dhVersion).toBe(1);
    expect(r.ciphers.policyList.slice(0, 2)).toEqual(['TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256']);
    expect(r.ciphers.policyList).toHaveLength(12);
    expect(eff(r, 'server', 'SSL 2.0')).toBe('Disabled');
  });
  it('reads the instance with only a dynamic port', () => {
    expect(r.instances[0]).toMatchObject({ name: 'INST01', tcpPorts: [], dynamicPorts: [4211], patchLevel: '12.3.6444.4', spnAccount: 'NORTHWIND\\svc_sqlleg' });
    expect(r.spns.map((s) => s.spn)).toContain('MSSQLSvc/sqlleg01.northwind.test:3341');
  });
});

describe('real reports (older layouts)', () => {
  it('reads v1.0.0.1055: Setting/Registry TLS rows, GUID drivers, no certificate section', () => {
    const r = parseSqlcheck(fixture('real1055'));
    expect(r.version).toBe('1.0.0.1055');
    expect(r.runOn).toBeUndefined();
    expect(r.computer.netbios).toBe('CON2012');
    const ssl2 = r.tls.find((t) => t.side === 'client' && t.protocol === 'SSL 2.0');
    expect(ssl2).toMatchObject({ enabledInReg: 'False (0x00000000) ok', disabledByDefault: 'True  (0x00000001) ok', effective: 'Disabled' });
    expect(r.tls.filter((t) => t.side === 'server')).toHaveLength(5);
    expect(eff(r, 'client', 'TLS 1.2')).toBeUndefined();
    expect(r.ciphers.registryList).toContain('SSL_CK_RC4_128_WITH_MD5');
    expect(r.ciphers.policyList[0]).toBe('TLS_AES_256_GCM_SHA384');
    expect(r.drivers).toHaveLength(10);
    expect(r.certificates).toEqual([]);
    expect(r.instances.map((i) => [i.name, i.tcpEnabled, i.tcpPorts])).toEqual([
      ['MSSQLSERVER', true, [1433]],
      ['SQL2014', false, []],
    ]);
  });
  it('reads v1.0.1160.0: run time without zone, "Certifcate" typo, messages printed twice', () => {
    const r = parseSqlcheck(fixture('real1160'));
    expect(r.version).toBe('1.0.1160.0');
    expect(r.runOn).toBe('09/16/2021 06:59:48 PM');
    expect(r.timezone).toBeUndefined();
    expect(r.computer.reportRunBy).toBe('MEGACORP\\User1');
    expect(r.network.fltmc).toEqual(['WdFilter', 'storqosflt', 'wcifs', 'FileCrypt', 'luafv', 'npsvctrig', 'Wof']);
    expect(r.instances[0].certificate).toMatchObject({ thumbprint: 'F85A6FDE0A1F4706866FF25676C36F189A3CDE00', hardCoded: false });
    expect(r.instances[1]).toMatchObject({ name: 'SQL2017', tcpPorts: [2433], dynamicPorts: [49974] });
    expect(r.messages.filter((m) => m.block === 'instance:SQL2017')).toHaveLength(2);
    expect(r.certificates[0].keySpec).toBe('');
    expect(r.disks.find((d) => d.type === 'CDRom')?.status).toBe('Low Disk Space');
  });
});

describe.each(Object.keys(FIXTURES) as FixtureKey[])('layout invariants: %s', (key) => {
  const r = parseSqlcheck(fixture(key));
  it('leaves no line unplaced in an unmodified report', () => {
    expect(r.unparsed).toEqual([]);
    expect(r.complete).toBe(true);
  });
  it('gives every table row one cell per column', () => {
    for (const t of r.tables) for (const row of t.rows) expect(row.cells).toHaveLength(t.columns.length);
    expect(r.tables.some((t) => t.lowConfidence)).toBe(false);
  });
  it('opens exactly one instance block per SQL row of the instance list', () => {
    const sqlRows = (r.instanceList ?? []).filter((i) => i.serviceType === 'SQL').map((i) => i.name);
    expect(r.instances.map((i) => i.name)).toEqual(sqlRows);
  });
});

describe('messages are attributed to the block they follow', () => {
  const d = parseSqlcheck(fixture('d'));
  const blockOf = (text: string) => d.messages.find((m) => m.text.startsWith(text))?.block;
  it.each([
    ['SQL Server Browser start mode is set to Disabled.', 'services'],
    ['You should not use SPNs with dynamic ports.', 'instance:INST01'],
    ['Reboot is recommended', 'computer'],
    ['TcpTimedWaitDelay is lower than 30.', 'network'],
    ["Cipher Suite 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'", 'ciphers'],
    ['Network driver may be out of date.', 'nic:1'],
    ['NTLM callbacks should fail.', 'security'],
    ['must be trusted for delegation', 'accounts'],
  ])('%s → %s', (text, block) => {
    expect(blockOf(text)).toBe(block);
  });
  it('keeps repeated lines', () => {
    const c = parseSqlcheck(fixture('c'));
    expect(c.messages.filter((m) => m.text.includes('must be trusted for delegation'))).toHaveLength(3);
  });
});
