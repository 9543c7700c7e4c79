/** Each fixture's expected findings and severities (shared/fixtures/sqlcheck/README.md), and what must not be reported. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseSqlcheck } from '../../../src/parse/sqlcheck';
import { findingSignals, reportRole, sqlcheckFindings } from '../../../src/classify/sqlcheck';
import type { SqlcheckFinding } from '../../../src/classify/sqlcheck/types';
import { knowledgeDir } from '../../../src/classify/sqlcheck/tables';
import { fixture, FixtureKey } from '../../parse/sqlcheck/fixtures';

function findingsOf(key: FixtureKey): SqlcheckFinding[] {
  return sqlcheckFindings(parseSqlcheck(fixture(key)));
}
const severities = (fs: SqlcheckFinding[]) => Object.fromEntries(fs.map((f) => [f.id, f.severity]));

describe('fixture a: client with TLS 1.2 disabled', () => {
  const fs = findingsOf('a');
  const sev = severities(fs);
  it('explains the failure', () => {
    expect(sev).toMatchObject({
      TLS_CLIENT_TLS12_DISABLED: 'high', TLS_CLIENT_ONLY_LEGACY_TLS: 'high', DRIVER_NO_TLS12_IN_USE: 'high',
      DRIVER_NO_TLS12_INSTALLED: 'medium', DRIVER_DEPRECATED_IN_USE: 'medium', DHE_ENABLED: 'info',
      NIC_DRIVER_OLD: 'info', NTLM_LOOPBACK_WARNING: 'info', DELEGATION_GENERIC_WARNING: 'info',
    });
  });
  it('quotes the evidence lines', () => {
    const tls = fs.find((f) => f.id === 'TLS_CLIENT_TLS12_DISABLED')!;
    expect(tls.evidence).toEqual(['Client         TLS 1.2      Enabled        False (0x00000000) x   True  (0x00000001) x   Disabled']);
    const inUse = fs.find((f) => f.id === 'DRIVER_NO_TLS12_IN_USE')!;
    expect(inUse.evidence[0]).toContain('w3wp.exe            3316');
    expect(inUse.summary).toContain('SQLOLEDB');
  });
  it('reports nothing about instances, SQL SPNs or certificates', () => {
    expect(fs.filter((f) => /^(CERT_|SPN_|INSTANCE_|BROWSER_|FORCE_|TLS_SERVER)/.test(f.id))).toEqual([]);
    expect(reportRole(parseSqlcheck(fixture('a')))).toBe('client');
  });
});

describe('fixture b: weak certificate hash with Force Encryption', () => {
  const fs = findingsOf('b');
  const sev = severities(fs);
  it('finds the weak hash and what makes it fatal', () => {
    expect(sev).toMatchObject({
      CERT_WEAK_SIGNATURE: 'high', TLS_SERVER_ONLY_TLS12: 'high', FORCE_ENCRYPTION_ON: 'high', CERT_EXPIRED: 'low',
      CERT_NOT_SERVER_AUTH: 'info', CERT_KEYSPEC_NOT_EXCHANGE: 'info', BROWSER_DISABLED_DEFAULT_INSTANCE: 'info',
    });
    const weak = fs.find((f) => f.id === 'CERT_WEAK_SIGNATURE')!;
    expect(weak.evidence).toContain('Certificate:                3f2a9c1d7e4b6a0859c3d2e1f0a9b8c7d6e5f4a3 (Thumbprint is hard-coded)');
    expect(weak.summary).toContain('md5RSA');
  });
  it('does not report DHE, key permissions, or missing SPNs above low', () => {
    expect(fs.map((f) => f.id)).not.toEqual(expect.arrayContaining(['DHE_ENABLED']));
    expect(fs.map((f) => f.id)).not.toContain('DHE_ENABLED_DH_V1');
    expect(fs.map((f) => f.id)).not.toContain('CERT_KEY_NOT_READABLE');
    expect(fs.filter((f) => f.id.startsWith('SPN_') && f.severity !== 'low' && f.severity !== 'info')).toEqual([]);
    expect(reportRole(parseSqlcheck(fixture('b')))).toBe('server');
  });
});

describe('fixture c: alias with the wrong port', () => {
  const fs = findingsOf('c');
  const sev = severities(fs);
  it('finds the 64-bit alias port and the bitness split', () => {
    expect(sev).toMatchObject({
      ALIAS_PORT_MISMATCH: 'high', ALIAS_BITNESS_MISMATCH: 'high', ALIAS_NAMED_PIPES: 'info', HOSTS_ENTRY: 'info',
      SPN_STALE_PORT: 'low', SPN_MISSING: 'low', ACCOUNT_NO_SPN: 'info', NTLM_LOOPBACK_WARNING: 'info', DELEGATION_GENERIC_WARNING: 'info',
    });
    const alias = fs.find((f) => f.id === 'ALIAS_PORT_MISMATCH')!;
    expect(alias.summary).toContain('41433');
    expect(alias.evidence[0]).toMatch(/^OLDSQL01\s+TCP\s+sqlapp01\.northwind\.test\s+1433$/);
    expect(fs.filter((f) => f.id === 'ALIAS_PORT_MISMATCH')).toHaveLength(1);
  });
  it('reports no Browser, TLS, certificate or TCP problem', () => {
    expect(fs.filter((f) => /^(BROWSER_|TLS_|CERT_|INSTANCE_TCP|FORCE_)/.test(f.id))).toEqual([]);
    expect(reportRole(parseSqlcheck(fixture('c')))).toBe('both');
  });
});

describe('fixture d: legacy server', () => {
  const fs = findingsOf('d');
  it('finds every listed problem at its severity', () => {
    expect(severities(fs)).toMatchObject({
      BROWSER_NOT_RUNNING_NAMED_INSTANCE: 'high', INSTANCE_DYNAMIC_PORT: 'high', SPN_STALE_PORT: 'medium', SPN_DYNAMIC_PORT: 'medium',
      DHE_ENABLED_DH_V1: 'medium', CIPHER_POLICY_UNKNOWN_SUITE: 'low', EPHEMERAL_RANGE_SMALL: 'medium',
      EPHEMERAL_RANGE_OVERLAPS_SQL_PORTS: 'medium', TCP_TIMED_WAIT_DELAY_LOW: 'low', TCP_MAX_RETRANSMISSIONS_LOW: 'medium',
      VNETFLT_PRESENT: 'medium', DRIVER_NO_TLS12_INSTALLED: 'low', LOW_DISK_SPACE: 'low', REBOOT_PENDING: 'low',
      ACCOUNT_RC4_ONLY: 'info', NIC_DRIVER_OLD: 'info', NTLM_LOOPBACK_WARNING: 'info', DELEGATION_GENERIC_WARNING: 'info',
    });
  });
  it('names the numbers a person needs', () => {
    expect(fs.find((f) => f.id === 'EPHEMERAL_RANGE_SMALL')!.summary).toContain('3,976');
    expect(fs.find((f) => f.id === 'SPN_STALE_PORT')!.summary).toContain(':3341');
    expect(fs.find((f) => f.id === 'CIPHER_POLICY_UNKNOWN_SUITE')!.evidence).toHaveLength(2);
  });
  it('passes no tool message on unread', () => {
    expect(fs.map((f) => f.id)).not.toContain('TOOL_MESSAGE');
  });
});

describe('real reports and tool bugs', () => {
  it('does not call a full CD-ROM low on disk space', () => {
    expect(findingsOf('real1160').map((f) => f.id)).not.toContain('LOW_DISK_SPACE');
  });
  it('finds the disabled TCP and missing SPNs in the 2021-04 sample', () => {
    const fs = findingsOf('real1055');
    expect(severities(fs)).toMatchObject({ INSTANCE_TCP_DISABLED: 'medium', DHE_ENABLED_DH_V1: 'medium' });
    expect(fs.filter((f) => f.id === 'SPN_MISSING').map((f) => f.severity)).toEqual(['medium', 'low']);
  });
  it('does not turn the FIPS warning raised by Kerberos logging into a finding', () => {
    const text = 'Security Settings:\n\nKerberos Logging Level:     1\n\nWarning: FIPS encryption policy is enabled and may cause encryption or SCHANNEL issues.\nWarning: Kerberos logging is enabled and may cause performance issues.\n';
    const fs = sqlcheckFindings(parseSqlcheck(text));
    expect(fs.map((f) => f.id)).toEqual([]);
  });
  it('passes unknown tool warnings on as context', () => {
    const fs = sqlcheckFindings(parseSqlcheck('Security Settings:\n\nWarning: Something new the tool learned to say.\n'));
    expect(fs).toEqual([expect.objectContaining({ id: 'TOOL_MESSAGE', severity: 'info', evidence: ['Warning: Something new the tool learned to say.'] })]);
  });
});

describe('signals and the knowledge files', () => {
  const signalsFile = parse(readFileSync(join(knowledgeDir(), 'signals', 'sqlcheck.yaml'), 'utf8')) as { signals: { id: string; effects: unknown[] }[] };
  const declared = new Set(signalsFile.signals.map((s) => s.id));
  it('declares a signal for every finding a fixture produces, and drops info findings', () => {
    for (const key of ['a', 'b', 'c', 'd', 'real1055', 'real1160'] as FixtureKey[]) {
      const fs = findingsOf(key);
      const signals = findingSignals(fs);
      for (const f of fs) expect(declared).toContain(`finding:${f.id}`);
      expect(signals).not.toContain('finding:DELEGATION_GENERIC_WARNING');
      expect(signals.length).toBe(new Set(fs.filter((f) => f.severity !== 'info').map((f) => f.id)).size);
    }
  });
  it('gives info-only findings no effects', () => {
    for (const id of ['finding:NTLM_LOOPBACK_WARNING', 'finding:DELEGATION_GENERIC_WARNING', 'finding:DHE_ENABLED', 'finding:HOSTS_ENTRY']) {
      expect(signalsFile.signals.find((s) => s.id === id)?.effects).toEqual([]);
    }
  });
});

describe('a healthy server that accepts only TLS 1.2 and 1.3 (fixture b with a SHA-256 certificate)', () => {
  // The configuration the 10054 article recommends: no finding above low, the TLS one only as context.
  let text = fixture('b').replace('md5RSA   ', 'sha256RSA');
  for (const side of ['Client', 'Server']) {
    text = text.replace(
      `    ${side}         TLS 1.3      Not Supported                                                Not Supported  `,
      `    ${side}         TLS 1.3      Enabled        True  (0x00000001) ok  False (0x00000000) ok  Enabled        `,
    );
  }
  const fs = sqlcheckFindings(parseSqlcheck(text));

  it('reports TLS 1.2/1.3 only as context, not as a medium or high finding', () => {
    expect(fs.find((f) => f.id === 'TLS_SERVER_ONLY_TLS12')).toMatchObject({ severity: 'info' });
    expect(fs.find((f) => f.id === 'TLS_SERVER_ONLY_TLS12')!.summary).toContain('TLS 1.2, TLS 1.3');
    expect(fs.filter((f) => f.severity === 'high' || f.severity === 'medium').map((f) => f.id)).toEqual([]);
  });
});
