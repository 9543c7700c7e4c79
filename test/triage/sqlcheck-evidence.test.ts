import * as fs from 'fs';
import * as path from 'path';
import { loadKnowledge } from '../../src/kb/load';
import { addPaste, caseSignals, classifyText, escalationSummary, openCase, rankCase } from '../../src/triage';
import type { SqlcheckEvidence } from '../../src/triage/types';

const kb = loadKnowledge();
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, '..', '..', '..', 'shared', 'fixtures', 'sqlcheck', name), 'utf8');

test('a pasted SQLCHECK report is recognised and ranks the cause its findings explain', () => {
  const r = classifyText(fixture('b_server_weak_cert_hash_force_encryption.txt'), kb);
  expect(r.kind).toBe('sqlcheck');
  expect(r.facts).toEqual(expect.objectContaining({ computer: 'SQLPROD02', role: 'server' }));
  expect(r.causes[0].id).toBe('tls-weak-hash-certificate');
  expect(r.findings?.map((f) => f.id)).toContain('CERT_WEAK_SIGNATURE');
});

test('an alias carrying the wrong port ranks the alias cause first', () => {
  expect(classifyText(fixture('c_alias_wrong_port.txt'), kb).causes[0].id).toBe('refused-alias-port');
});

test('a client report then a server report in one case are compared: no TLS version in common', () => {
  let c = openCase();
  c = addPaste(c, fixture('a_client_tls12_disabled.txt'), kb).case;
  const second = addPaste(c, `here is the server side:\n${fixture('b_server_weak_cert_hash_force_encryption.txt')}`, kb);
  expect(second.kind).toBe('sqlcheck');
  const ev = second.case.evidence.filter((e): e is SqlcheckEvidence => e.kind === 'sqlcheck');
  expect(ev.map((e) => e.role)).toEqual(['client', 'server']);
  const ids = ev[1].findings.map((f) => f.id);
  expect(ids.some((id) => /TLS/.test(id) && /CMP|COMMON/.test(id))).toBe(true);
  expect(rankCase(second.case, kb).causes[0].id).toBe('tls-no-common-protocol');
});

test('a report and an error pasted into the same case both count', () => {
  let c = openCase();
  c = addPaste(c, 'A connection was successfully established with the server, but then an error occurred during the pre-login handshake. (provider: TCP Provider, error: 0 - An existing connection was forcibly closed by the remote host.)', kb).case;
  c = addPaste(c, fixture('b_server_weak_cert_hash_force_encryption.txt'), kb).case;
  const ranking = rankCase(c, kb);
  expect(ranking.families[0].id).toBe('tls-handshake-failure');
  expect(ranking.causes[0].id).toBe('tls-weak-hash-certificate');
});

describe('info findings are context, by one rule: no ranking, no count', () => {
  const INFO = ['CERT_NOT_SERVER_AUTH', 'CERT_KEYSPEC_NOT_EXCHANGE', 'ACCOUNT_RC4_ONLY'];

  test.each(['b_server_weak_cert_hash_force_encryption.txt', 'd_browser_stopped_dynamic_port_dhe_old_os.txt'])('%s: its info findings raise no cause and are not counted', (name) => {
    const c = addPaste(openCase({ id: 'ST-INFO' }), fixture(name), kb).case;
    const ev = c.evidence.find((e): e is SqlcheckEvidence => e.kind === 'sqlcheck')!;
    const info = ev.findings.filter((f) => f.severity === 'info');
    expect(info.map((f) => f.id)).toEqual(expect.arrayContaining(INFO.filter((id) => ev.findings.some((f) => f.id === id))));
    expect(info.length).toBeGreaterThan(0);
    // Not evidence: the case's signals leave them out, and removing them changes no score.
    expect(caseSignals(c).filter((s) => info.some((f) => s === `finding:${f.id}`))).toEqual([]);
    const without = { ...c, evidence: c.evidence.map((e) => (e === ev ? { ...ev, findings: ev.findings.filter((f) => f.severity !== 'info') } : e)) };
    expect(rankCase(c, kb)).toEqual(rankCase(without, kb));
    // No cause cites one as support in the escalation summary, and the count leaves them out.
    const summary = escalationSummary(c, kb);
    expect(JSON.stringify(summary.causes)).not.toMatch(new RegExp(INFO.join('|')));
    const entry = summary.evidence.find((e) => e.kind === 'sqlcheck')!;
    expect(entry.title).toContain(`: ${ev.findings.length - info.length} findings, ${info.length} context note${info.length === 1 ? '' : 's'}`);
  });
});
