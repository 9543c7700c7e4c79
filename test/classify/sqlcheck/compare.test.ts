/** Client report against server report: the seed article's scenarios, found from two pastes. */
import { parseSqlcheck } from '../../../src/parse/sqlcheck';
import type { SqlcheckReport } from '../../../src/parse/sqlcheck/types';
import { compareReports, findingSignals, sides, analyseSqlcheck } from '../../../src/classify/sqlcheck';
import { fixture } from '../../parse/sqlcheck/fixtures';

const ids = (a: SqlcheckReport, b: SqlcheckReport) => compareReports(a, b).map((c) => c.id);
/** Rewrites a fixture as another machine would print it. */
const edit = (text: string, pairs: [string, string][]) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text);

describe('comparison', () => {
  const a = parseSqlcheck(fixture('a'));
  const b = parseSqlcheck(fixture('b'));
  const c = parseSqlcheck(fixture('c'));
  const d = parseSqlcheck(fixture('d'));

  it('decides which report is the client whatever the order', () => {
    expect(sides(b, a).client.computer.netbios).toBe('APPWEB01');
    expect(sides(a, b).server.computer.netbios).toBe('SQLPROD02');
  });

  it('finds no common TLS version and the weak certificate (client a, server b)', () => {
    const items = compareReports(a, b);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(['CMP_NO_COMMON_TLS', 'CMP_CERT_WEAK_TLS12']));
    const tls = items.find((i) => i.id === 'CMP_NO_COMMON_TLS')!;
    expect(tls).toMatchObject({ severity: 'high', client: 'APPWEB01', server: 'SQLPROD02' });
    expect(tls.summary).toContain('TLS 1.0');
    expect(tls.evidence.some((e) => e.startsWith('APPWEB01: Client') && e.includes('TLS 1.0'))).toBe(true);
    expect(findingSignals([], items)).toContain('finding:CMP_NO_COMMON_TLS');
  });

  it('finds nothing between a client and a server that agree', () => {
    expect(ids(c, b)).toEqual(['CMP_CERT_WEAK_TLS12']);
  });

  it('finds the DHE version mismatch (client with DH 2, server d with DH 1 and DHE first)', () => {
    const items = compareReports(a, d);
    const dh = items.find((i) => i.id === 'CMP_DHE_VERSION_MISMATCH')!;
    expect(dh.severity).toBe('high');
    expect(dh.summary).toContain('APPWEB01: 2');
  });

  it('finds no common cipher suite', () => {
    // Server b's policy allows 8 suites; give the client a policy holding one suite the server does not allow.
    const row = 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 (TLS 1.2)';
    const client = parseSqlcheck(fixture('a').replace(/TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 \(TLS 1\.2\) *\n/, `${row.padEnd(70)}TLS_RSA_WITH_NULL_SHA\n`));
    expect(client.ciphers.effective).toEqual(['TLS_RSA_WITH_NULL_SHA']);
    expect(ids(client, b)).toContain('CMP_NO_COMMON_CIPHER');
    expect(ids(a, b)).not.toContain('CMP_NO_COMMON_CIPHER');
  });

  it("compares the client's alias port with the server instance's port", () => {
    // Client a, given an alias to server c's instance on the wrong port.
    const aliased = edit(fixture('a'), [[
      'No SQL Aliases were found on this machine.',
      'SQL Aliases:\n\n    Alias Name  Protocol  Server Name              Port  32-bit\n    ----------  --------  -----------------------  ----  ------\n    ERPDB       TCP       sqlapp01.northwind.test  1433',
    ]]);
    const items = compareReports(parseSqlcheck(aliased), c);
    const alias = items.find((i) => i.id === 'CMP_ALIAS_PORT_MISMATCH')!;
    expect(alias.severity).toBe('high');
    expect(alias.summary).toContain('41433');
    const fixed = compareReports(parseSqlcheck(aliased.replace('sqlapp01.northwind.test  1433', 'sqlapp01.northwind.test 41433')), c);
    expect(fixed.map((i) => i.id)).not.toContain('CMP_ALIAS_PORT_MISMATCH');
  });

  it('warns when the client forces encryption against a self-generated certificate', () => {
    const forcing = edit(fixture('a'), [['    SNI11.0            sm tcp np                                                        1433', '    SNI11.0            sm tcp np                    Yes                                 1433']]);
    const items = compareReports(parseSqlcheck(forcing), c);
    expect(items.find((i) => i.id === 'CMP_CERT_UNTRUSTED')?.severity).toBe('high');
  });

  it('compares a client and a server pasted together', () => {
    const result = analyseSqlcheck(`${fixture('a')}\n${fixture('b')}`);
    expect(result.reports).toHaveLength(2);
    expect(result.comparison.map((i) => i.id)).toContain('CMP_NO_COMMON_TLS');
    expect(result.signals).toEqual(expect.arrayContaining(['finding:CERT_WEAK_SIGNATURE', 'finding:TLS_CLIENT_TLS12_DISABLED', 'finding:CMP_NO_COMMON_TLS']));
  });
});
