/** Plain-text rendering of a diagnosis for the terminal. */
import type { Facts } from '../parse/types';
import type { Evidence } from '../triage/types';
import type { Diagnosis } from '../triage/diagnose';
import type { NextStep } from '../triage/next-step';
import { riskNote } from '../kb/fix';
import { isEvidenceFinding } from '../classify/sqlcheck/signals';
import type { ArtifactSummary } from '../triage/artifact-evidence';

const pct = (x: number): string => `${Math.round(x * 100)}%`;

export function factsLine(f: Facts): string {
  const parts: string[] = [];
  if (f.sqlErrors.length) parts.push(`SQL error ${f.sqlErrors.join(', ')}${f.states.length ? ` (state ${f.states.join(', ')})` : ''}`);
  if (f.sniErrors.length) parts.push(`provider error ${f.sniErrors.join(', ')}`);
  if (f.win32Errors.length) parts.push(`OS error ${f.win32Errors.join(', ')}`);
  if (f.hresults.length) parts.push(`HRESULT ${f.hresults.join(', ')}`);
  if (f.codes.length) parts.push(`code ${f.codes.join(', ')}`);
  if (f.providers.length) parts.push(`provider ${f.providers.join(', ')}`);
  if (f.phase) parts.push(`phase ${f.phase}`);
  if (f.driver) parts.push(`driver ${f.driver.name}${f.driver.version ? ` ${f.driver.version}` : ''}`);
  const target = [f.server, f.instance && `instance ${f.instance}`, f.port && `port ${f.port}`].filter(Boolean).join(', ');
  if (target) parts.push(`server ${target}`);
  return parts.join(' · ');
}

/** `pasted` is the evidence the paste became (an error text or a SQLCHECK report). */
/** What was read from each artifact of the paste, one block per artifact. */
export function artifactLines(artifacts: ArtifactSummary[]): string[] {
  const out: string[] = [];
  for (const a of artifacts) {
    out.push(`Read from ${a.title}:`);
    for (const f of a.facts) out.push(`  - ${f.label}: ${f.value}`);
    if (a.facts.length === 0) out.push('  - nothing that bears on a connection failure');
  }
  return out;
}

/** `artifacts`: what else the paste held (ERRORLOG, netstat ...), each with what was read from it. */
export function renderDiagnosisText(pasted: Evidence, d: Diagnosis, next: NextStep, artifacts: ArtifactSummary[] = []): string {
  const out: string[] = [];
  if (artifacts.length) out.push(...artifactLines(artifacts), '');
  if (d.foreign) {
    out.push(`This looks like an error from ${d.foreign.name}, not from SQL Server (it names ${d.foreign.signs.join(', ')}).`);
    out.push('sqltriage triages SQL Server connection failures; paste the SQL Server client error if SQL Server is involved.');
  } else if (d.unknown || !d.family) {
    out.push(artifacts.length ? 'What these show does not point at a connection failure yet.' : 'No connection-failure pattern recognised in this text.');
    out.push('Paste the full error message (with its provider/error numbers), or a SQLCHECK report.');
  } else {
    out.push(`Symptom: ${d.family.title} [${d.family.id}] (${pct(d.family.score)})`);
  }
  if (pasted.kind === 'paste') {
    const line = factsLine(pasted.facts);
    if (line) out.push(`Facts: ${line}`);
  }
  for (const f of d.fromPaste) out.push(`From your paste: ${f.label} (${f.text})`);
  if (pasted.kind === 'sqlcheck' && pasted.findings.length) {
    out.push('', 'SQLCHECK findings:');
    for (const f of pasted.findings.filter(isEvidenceFinding)) out.push(`  [${f.severity}] ${f.id}: ${f.summary}`);
  }
  d.causes.forEach((c, i) => {
    out.push('', `${i + 1}. ${c.title} (${pct(c.score)})`, `   ${c.summary}`);
    out.push('   How to confirm:', ...c.checks.map((x) => `     - ${x}`));
    out.push('   How to fix:');
    for (const fix of c.fixes) {
      out.push(`     - ${fix.text}`);
      const note = riskNote(fix);
      if (note) out.push(`       ⚠ ${note}`);
    }
    out.push(`   Source: ${c.source.title}${c.source.section ? ` — ${c.source.section}` : ''} (${c.source.url})`);
  });
  if (next.kind === 'question') {
    out.push('', `Next question: ${next.question.text}`, `  ${next.question.options.map((o) => o.label).join(' | ')}`);
  } else if (!d.unknown) {
    const offers = next.offers.map((o) => ({ probe: 'probe the server', sqlcheck: 'run SQLCHECK on client and server', escalate: 'escalate' })[o]);
    out.push('', `Next: ${offers.join(', ')}`);
  }
  const redactions = pasted.kind === 'paste' || pasted.kind === 'sqlcheck' || pasted.kind === 'artifact' ? pasted.redactions : 0;
  if (redactions > 0) out.push('', `Redacted ${redactions} secret${redactions === 1 ? '' : 's'} from the text.`);
  return `${out.join('\n')}\n`;
}
