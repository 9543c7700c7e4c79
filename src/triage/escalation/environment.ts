/**
 * What we know of the setup: driver, server, instance, port and TLS, read from pasted errors,
 * SQLCHECK reports and probe results. Each fact names the evidence it came from; the same value
 * seen twice is one fact with two sources, different values are listed side by side.
 */
import type { SqlcheckReport } from '../../parse/sqlcheck/types';
import type { Case, PasteEvidence, ProbeEvidence, SqlcheckEvidence } from '../types';
import type { EnvironmentFact } from './types';

type Key = EnvironmentFact['key'];

class FactList {
  private readonly facts: EnvironmentFact[] = [];

  add(key: Key, label: string, value: string | number | undefined | null, from: string): void {
    if (value === undefined || value === null || value === '') return;
    const text = String(value).replace(/\s*\n\s*/g, ', ').slice(0, 300);
    const same = this.facts.find((f) => f.key === key && f.label === label && f.value === text);
    if (same) {
      if (!same.from.includes(from)) same.from.push(from);
    } else this.facts.push({ key, label, value: text, from: [from] });
  }

  list(): EnvironmentFact[] {
    const order: Key[] = ['driver', 'server', 'instance', 'port', 'database', 'machine', 'sql-server', 'encryption', 'tls', 'certificate'];
    return this.facts.map((f, i) => ({ f, i })).sort((a, b) => order.indexOf(a.f.key) - order.indexOf(b.f.key) || a.i - b.i).map((x) => x.f);
  }
}

function fromPaste(out: FactList, ev: PasteEvidence): void {
  const f = ev.facts;
  if (f.driver) out.add('driver', 'Client driver', `${f.driver.name}${f.driver.version ? ` ${f.driver.version}` : ''}`, ev.id);
  out.add('server', 'Server', f.server, ev.id);
  out.add('instance', 'Instance', f.instance, ev.id);
  out.add('port', 'Port', f.port, ev.id);
  out.add('database', 'Database', f.database, ev.id);
  if (f.providers.includes('ssl') || f.phase === 'tls') out.add('tls', 'Failure phase', 'TLS handshake (SSL provider)', ev.id);
}

function tlsVersions(report: SqlcheckReport, side: 'client' | 'server'): string | undefined {
  const rows = report.tls.filter((r) => r.side === side && r.effective);
  if (rows.length === 0) return undefined;
  const on = rows.filter((r) => r.effective === 'Enabled').map((r) => r.protocol);
  const off = rows.filter((r) => r.effective !== 'Enabled').map((r) => r.protocol);
  return `enabled ${on.length > 0 ? on.join(', ') : 'none'}${off.length > 0 ? `; off ${off.join(', ')}` : ''}`;
}

function fromSqlcheck(out: FactList, ev: SqlcheckEvidence): void {
  const report = (ev.summary as { report?: SqlcheckReport } | undefined)?.report;
  const who = ev.computer ?? 'unnamed machine';
  const os = report?.computer.os ? `, ${report.computer.os}` : '';
  out.add('machine', `SQLCHECK ${ev.role ?? 'report'}`, `${who}${os}${ev.version ? ` (SQLCHECK ${ev.version})` : ''}`, ev.id);
  if (!report) return;
  for (const side of ['client', 'server'] as const) out.add('tls', `TLS ${side} side on ${who}`, tlsVersions(report, side), ev.id);
  for (const d of report.drivers.filter((x) => /sql/i.test(x.name)).slice(0, 6)) {
    out.add('driver', `Driver on ${who}`, `${d.name} ${d.version}${d.tls12 ? ` (TLS 1.2: ${d.tls12})` : ''}`, ev.id);
  }
  for (const inst of report.instances) {
    const name = inst.name ?? '?';
    out.add('sql-server', `Instance ${name} on ${who}`, [inst.version, inst.patchLevel && `patch ${inst.patchLevel}`].filter(Boolean).join(', '), ev.id);
    const ports = [...inst.tcpPorts.map(String), ...inst.dynamicPorts.map((p) => `${p} (dynamic)`)];
    if (ports.length > 0) out.add('port', `TCP ports of ${name}`, ports.join(', '), ev.id);
    if (inst.forceEncryption !== undefined) out.add('encryption', `Force encryption on ${name}`, inst.forceEncryption ? 'yes' : 'no', ev.id);
    if (inst.certificate) {
      const problems = inst.certificate.problems.length > 0 ? ` — ${inst.certificate.problems.join('; ')}` : '';
      out.add('certificate', `Certificate of ${name}`, `${inst.certificate.selfGenerated ? 'self-generated' : inst.certificate.thumbprint ?? inst.certificate.raw}${problems}`, ev.id);
    }
  }
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function fromProbe(out: FactList, ev: ProbeEvidence): void {
  out.add('server', 'Probed server', ev.server, ev.id);
  const steps = Array.isArray(ev.result.steps) ? (ev.result.steps as unknown[]).map(rec) : [];
  const step = (name: string) => steps.find((s) => s.step === name);
  const tcp = step('tcp');
  if (tcp?.status === 'ok') out.add('port', `TCP port answering on ${ev.server}`, str(rec(tcp.detail).port), ev.id);
  const pre = step('prelogin');
  if (pre?.status === 'ok') {
    const d = rec(pre.detail);
    out.add('sql-server', `Version in PRELOGIN from ${ev.server}`, str(d.version), ev.id);
    out.add('encryption', `Encryption offered by ${ev.server}`, str(d.encryption), ev.id);
  }
  const tls = step('tls');
  if (tls && tls.status !== 'skipped') {
    const d = rec(tls.detail);
    if (tls.status === 'ok') out.add('tls', `TLS with ${ev.server}`, [str(d.protocol), str(d.cipherStandardName) ?? str(d.cipher)].filter(Boolean).join(', '), ev.id);
    else out.add('tls', `TLS with ${ev.server}`, `failed: ${str(tls.reason) ?? 'unknown'}`, ev.id);
    const cert = rec(d.certificate);
    if (str(cert.subject)) {
      const flags = [cert.selfSigned === true && 'self-signed', cert.expired === true && 'expired', cert.weakSignature === true && 'weak signature', d.trusted === false && 'not trusted'].filter(Boolean);
      out.add('certificate', `Certificate of ${ev.server}`, `${str(cert.subject)}, ${str(cert.signatureAlgorithm) ?? '?'}, valid to ${str(cert.validTo) ?? '?'}${flags.length > 0 ? ` (${flags.join(', ')})` : ''}`, ev.id);
    }
  }
}

export function caseEnvironment(c: Case): EnvironmentFact[] {
  const out = new FactList();
  for (const ev of c.evidence) {
    if (ev.kind === 'paste') fromPaste(out, ev);
    else if (ev.kind === 'sqlcheck') fromSqlcheck(out, ev);
    else if (ev.kind === 'probe') fromProbe(out, ev);
  }
  return out.list();
}
