/** The case's evidence, in the order it arrived, as entries a person can read without the bot. */
import type { Knowledge } from '../../kb/compiled';
import type { Facts } from '../../parse/types';
import type { Case, Evidence } from '../types';
import type { EvidenceEntry, ProbeStepView } from './types';
import { signalsOfEvidence } from '../artifact-evidence';
import { isEvidenceFinding } from '../../classify/sqlcheck/signals';

/** Facts as short lines; empty fields are left out. */
export function factLines(f: Facts): string[] {
  const out: string[] = [];
  const join = (xs: (string | number)[]) => xs.join(', ');
  if (f.sqlErrors.length > 0) out.push(`SQL error ${join(f.sqlErrors)}${f.states.length > 0 ? `, state ${join(f.states)}` : ''}`);
  if (f.sniErrors.length > 0) out.push(`provider error ${join(f.sniErrors)}`);
  if (f.win32Errors.length > 0) out.push(`OS error ${join(f.win32Errors)}`);
  if (f.hresults.length > 0) out.push(`HRESULT ${join(f.hresults)}`);
  if (f.providers.length > 0) out.push(`provider ${join(f.providers)}`);
  if (f.codes.length > 0) out.push(`code ${join(f.codes)}`);
  if (f.exceptions.length > 0) out.push(`exception ${join(f.exceptions)}`);
  if (f.phase) out.push(`phase ${f.phase}`);
  if (f.driver) out.push(`driver ${f.driver.name}${f.driver.version ? ` ${f.driver.version}` : ''}`);
  const target = [f.server && `server ${f.server}`, f.instance && `instance ${f.instance}`, f.port && `port ${f.port}`, f.database && `database ${f.database}`].filter(Boolean);
  if (target.length > 0) out.push(target.join(', '));
  if (f.language) out.push(`message language ${f.language}`);
  return out;
}

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function probeSteps(result: Record<string, unknown>): ProbeStepView[] {
  const steps = Array.isArray(result.steps) ? (result.steps as unknown[]).map(rec) : [];
  return steps.map((s) => {
    const timings: Record<string, number> = {};
    for (const [k, v] of Object.entries(rec(s.timings))) if (typeof v === 'number' && Number.isFinite(v)) timings[k] = Math.round(v * 100) / 100;
    return { step: String(s.step ?? '?'), status: String(s.status ?? '?'), ...(typeof s.reason === 'string' ? { reason: s.reason } : {}), timings };
  });
}

function entryOf(ev: Evidence, kb: Knowledge, c: Case, includeText: boolean): EvidenceEntry {
  const caseId = c.id;
  const base = { id: ev.id, at: ev.at, ...(ev.by ? { by: ev.by } : {}) };
  switch (ev.kind) {
    case 'paste': {
      const lines = factLines(ev.facts);
      const first = ev.facts.errors[0]?.message;
      return {
        ...base,
        kind: 'paste',
        title: `Pasted error text (${ev.text.length} characters${ev.redactions > 0 ? `, ${ev.redactions} secret${ev.redactions === 1 ? '' : 's'} removed` : ''}${ev.truncated ? ', cut at the size limit' : ''})${first ? `: ${first.slice(0, 160)}` : ''}`,
        ...(includeText ? { text: ev.text } : { textRef: `evidence ${ev.id} of case ${caseId}: npx sqltriage case show ${caseId} --format json` }),
        chars: ev.text.length,
        redactions: ev.redactions,
        truncated: ev.truncated,
        factLines: lines,
        facts: ev.facts,
      };
    }
    case 'sqlcheck': {
      // Info findings are context, not findings (src/classify/sqlcheck/signals.ts): counted apart.
      const counted = ev.findings.filter(isEvidenceFinding).length;
      const context = ev.findings.length - counted;
      return {
        ...base,
        kind: 'sqlcheck',
        title: `SQLCHECK report from ${ev.computer ?? 'an unnamed machine'} (${ev.role ?? 'role unknown'}${ev.version ? `, v${ev.version}` : ''}): ${counted} finding${counted === 1 ? '' : 's'}${context ? `, ${context} context note${context === 1 ? '' : 's'}` : ''}`,
        ...(ev.computer ? { computer: ev.computer } : {}),
        ...(ev.role ? { role: ev.role } : {}),
        ...(ev.version ? { version: ev.version } : {}),
        redactions: ev.redactions,
        findings: ev.findings,
      };
    }
    case 'answer': {
      const q = kb.question.get(ev.question);
      const label = q?.options.find((o) => o.id === ev.option)?.label ?? ev.option;
      const text = q?.text ?? ev.question;
      const title = ev.implied ? `From the paste: "${label}" for: ${text}` : `Answered "${label}" to: ${text}`;
      return { ...base, kind: 'answer', title, question: ev.question, questionText: text, option: ev.option, answer: label, ...(ev.implied ? { implied: true } : {}) };
    }
    case 'probe': {
      const steps = probeSteps(ev.result);
      const totals = rec(ev.result.totals);
      const duration = typeof totals.durationMs === 'number' ? totals.durationMs : undefined;
      const failed = steps.filter((s) => s.status === 'failed' || s.status === 'error').map((s) => `${s.step} ${s.reason ?? s.status}`);
      return {
        ...base,
        kind: 'probe',
        title: `Probe of ${ev.server}: ${steps.length} step${steps.length === 1 ? '' : 's'}${failed.length > 0 ? `, failed: ${failed.join('; ')}` : ', none failed'}${duration !== undefined ? ` in ${Math.round(duration)} ms` : ''}`,
        server: ev.server,
        ...(typeof ev.result.startedAt === 'string' ? { startedAt: ev.result.startedAt } : {}),
        ...(duration !== undefined ? { durationMs: duration } : {}),
        steps,
        signals: ev.signals,
      };
    }
    case 'trace':
      return {
        ...base,
        kind: 'trace',
        title: `Network trace ${ev.files.join(' + ')}: ${ev.findings.length} finding${ev.findings.length === 1 ? '' : 's'}`,
        files: ev.files,
        findings: ev.findings.map((f) => `${f.id}: ${f.summary}`),
        signals: ev.signals,
      };
    case 'note':
    case 'tried':
      return { ...base, kind: ev.kind, title: ev.kind === 'tried' ? 'Already tried' : 'Note', text: ev.text };
    case 'artifact': {
      const a = ev.artifact;
      const read = a.facts.slice(0, 3).map((f) => `${f.label}: ${f.value}`).join('; ');
      return { ...base, kind: 'artifact', title: `${a.title}${read ? `: ${read}` : ''}`, artifact: a.kind, facts: a.facts, redactions: ev.redactions, signals: signalsOfEvidence(c, ev) };
    }
  }
}

/** Oldest first; ties keep the order they were added. */
export function evidenceEntries(c: Case, kb: Knowledge, includeText: boolean): EvidenceEntry[] {
  const order = c.evidence.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i));
  return order.map(({ e }) => entryOf(e, kb, c, includeText));
}
