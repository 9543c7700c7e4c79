/** What people actually paste: the same facts must come out of every wrapping of the same report. */
import { looksLikeSqlcheck, parseSqlcheck, parseSqlcheckReports } from '../../../src/parse/sqlcheck';
import type { SqlcheckReport } from '../../../src/parse/sqlcheck/types';
import { fixture, FIXTURES, FixtureKey } from './fixtures';

const POSITIONAL = new Set(['line', 'raw', 'unparsed', 'annotations', 'tables', 'block']);

/** The facts without line numbers and raw lines, which legitimately move when text is added around. */
function facts(r: SqlcheckReport): string {
  return JSON.stringify(r, (k, v) => (POSITIONAL.has(k) ? undefined : v));
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const VARIANTS: Record<string, (t: string) => string> = {
  'trailing whitespace stripped': (t) => t.split('\n').map((l) => l.trimEnd()).join('\n'),
  'CRLF line endings': (t) => t.replace(/\n/g, '\r\n'),
  'a chat sentence before it': (t) => `hi team, here is the sqlcheck from the box, can someone look?\n\n${t}`,
  'a Markdown code fence': (t) => `\`\`\`\n${t}\n\`\`\``,
  'a fence opened on the first line': (t) => `\`\`\`${t}\`\`\``,
  'Teams HTML with <pre>': (t) => `<div><p>from the app server:</p><pre>${escapeHtml(t)}</pre></div>`,
  'Teams HTML, one <p> per line with &nbsp;': (t) => t.split('\n').map((l) => `<p>${escapeHtml(l).replace(/ /g, '&nbsp;')}</p>`).join(''),
  'Slack entities': (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'),
  'a UTF-8 BOM': (t) => `\ufeff${t}`,
  'e-mail quoting': (t) => t.split('\n').map((l) => `> ${l}`).join('\n'),
};

describe.each(Object.keys(FIXTURES) as FixtureKey[])('%s', (key) => {
  const text = fixture(key);
  const expected = facts(parseSqlcheck(text));
  it.each(Object.keys(VARIANTS))('gives the same facts after %s', (variant) => {
    const pasted = VARIANTS[variant](text);
    expect(looksLikeSqlcheck(pasted)).toBe(true);
    expect(facts(parseSqlcheck(pasted))).toBe(expected);
  });
});

describe('partial pastes', () => {
  it('reads a few lines of an instance block without its heading', () => {
    const r = parseSqlcheck('ForceEncryption:            True\nTCP Port(s):                \nDynamic TCP Port(s):        4211\n');
    expect(r.complete).toBe(false);
    expect(r.instances).toHaveLength(1);
    expect(r.instances[0]).toMatchObject({ forceEncryption: true, tcpPorts: [], dynamicPorts: [4211] });
  });

  it('reads the aliases section on its own, with whitespace trimmed by the chat client', () => {
    const c = fixture('c').split('\n');
    const from = c.findIndex((l) => l.startsWith('SQL Aliases:'));
    const piece = c.slice(from, from + 7).map((l) => l.trimEnd()).join('\n');
    expect(looksLikeSqlcheck(piece)).toBe(true);
    const r = parseSqlcheck(piece);
    expect(r.aliases?.map((a) => [a.port, a.bit32])).toEqual([[1433, false], [41433, true], [undefined, false]]);
  });

  it('sets a person\'s annotations aside and keeps the value', () => {
    const r = parseSqlcheck('Details for SQL Server Instance: ERP (Standard Edition)\n\nTCP Port(s):                41433   <---- this is what the alias should use\n');
    expect(r.instances[0].tcpPorts).toEqual([41433]);
    expect(r.annotations.map((a) => a.raw)).toEqual(['<---- this is what the alias should use']);
  });

  it('keeps lines it does not understand and counts them', () => {
    const r = parseSqlcheck('Security Settings:\n\nKerberos Logging Level:     1\nthis line was typed by a person\n');
    expect(r.security.kerberosLogging).toBe(1);
    expect(r.unparsed.map((u) => u.raw)).toEqual(['this line was typed by a person']);
  });

  it('splits the rows of a table whose spaces a chat client collapsed', () => {
    const t = 'SQL Aliases:\n\n    Alias Name  Protocol     Server Name  Port  32-bit\n    ----------  -----------  -----------  ----  ------\n    OLDSQL01 TCP sqlapp01,1433  x\n    NEWSQL  TCP  sqlapp02  1444  Yes\n';
    const r = parseSqlcheck(t);
    const table = r.tables.find((x) => x.block === 'aliases')!;
    expect(table.lowConfidence).toBe(true);
    for (const row of table.rows) expect(row.cells).toHaveLength(5);
    expect(r.aliases?.[1]).toMatchObject({ name: 'NEWSQL', port: 1444, bit32: true });
  });

  it('reads a truncated report up to where it stops', () => {
    const text = fixture('b');
    const r = parseSqlcheck(text.slice(0, text.indexOf('Certificate Permissions:')));
    expect(r.complete).toBe(false);
    expect(r.certificates).toHaveLength(3);
    expect(r.instances).toEqual([]);
  });

  it('redacts a password that appears in a pasted line', () => {
    const r = parseSqlcheck('SQL Aliases:\n\nServer=sql01;User ID=app;Password=Sup3r$ecret;\n');
    expect(JSON.stringify(r)).not.toContain('Sup3r$ecret');
    expect(r.redactions).toBe(1);
  });

  it('splits one paste holding a client and a server report', () => {
    const both = `client:\n${fixture('a')}\nand the server:\n${fixture('b')}`;
    const reports = parseSqlcheckReports(both);
    expect(reports.map((r) => r.computer.netbios)).toEqual(['APPWEB01', 'SQLPROD02']);
  });
});

describe('looksLikeSqlcheck', () => {
  it.each([
    ['an error text', "Login failed for user 'app'. (Microsoft SQL Server, Error: 18456)"],
    ['a TCP error', 'A network-related or instance-specific error occurred (provider: TCP Provider, error: 0 - No connection could be made)'],
    ['empty text', ''],
    ['one label only', 'TCP Port(s): 1433'],
  ])('is false for %s', (_name, text) => {
    expect(looksLikeSqlcheck(text)).toBe(false);
  });
});
