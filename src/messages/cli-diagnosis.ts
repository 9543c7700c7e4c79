/**
 * The CLI's diagnosis of one paste (`sqltriage classify`): the same message model as the chat, in
 * full (each cause with its checks, fixes, risks and source), since a terminal reader asked for it.
 */
import type { Diagnosis } from '../triage/diagnose';
import type { NextStep } from '../triage/next-step';
import type { ArtifactSummary } from '../triage/artifact-evidence';
import type { Evidence } from '../triage/types';
import { factsLine } from './facts-line';
import { findingsBlocks } from './findings';
import { Block, message, Message } from './model';
import { percent } from './percent';

const OFFER_WORDS = { probe: 'probe the server', sqlcheck: 'run SQLCHECK on client and server', escalate: 'escalate' } as const;

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

export function cliDiagnosisMessage(pasted: Evidence, d: Diagnosis, next: NextStep, artifacts: ArtifactSummary[] = []): Message {
  const blocks: Block[] = [];
  if (artifacts.length > 0) blocks.push({ kind: 'text', text: artifactLines(artifacts).join('\n') });
  if (d.foreign) {
    blocks.push({
      kind: 'text',
      text: `This looks like an error from ${d.foreign.name}, not from SQL Server (it names ${d.foreign.signs.join(', ')}).\nsqltriage triages SQL Server connection failures; paste the SQL Server client error if SQL Server is involved.`,
    });
  } else if (d.unknown || !d.family) {
    const what = artifacts.length > 0 ? 'What these show does not point at a connection failure yet.' : 'No connection-failure pattern recognised in this text.';
    blocks.push({ kind: 'text', text: `${what}\nPaste the full error message (with its provider/error numbers), or a SQLCHECK report.` });
  } else {
    blocks.push({ kind: 'text', text: `Symptom: ${d.family.title} [${d.family.id}] (${percent(d.family.score)})` });
  }
  if (pasted.kind === 'paste') {
    const line = factsLine(pasted.facts);
    if (line) blocks.push({ kind: 'text', text: `Facts: ${line}` });
  }
  if (d.fromPaste.length > 0) blocks.push({ kind: 'text', text: d.fromPaste.map((f) => `From your paste: ${f.label} (${f.text})`).join('\n') });
  if (pasted.kind === 'sqlcheck') blocks.push(...findingsBlocks([pasted]));
  d.causes.forEach((c, i) => blocks.push({ kind: 'cause-details', rank: i + 1, cause: { id: c.id, title: c.title, score: c.score, summary: c.summary, checks: c.checks, fixes: c.fixes, source: c.source } }));
  if (next.kind === 'question') {
    blocks.push({ kind: 'text', text: `Next question: ${next.question.text}\n  ${next.question.options.map((o) => o.label).join(' | ')}` });
  } else if (!d.unknown) {
    blocks.push({ kind: 'text', text: `Next: ${next.offers.map((o) => OFFER_WORDS[o]).join(', ')}` });
  }
  const redactions = pasted.kind === 'paste' || pasted.kind === 'sqlcheck' || pasted.kind === 'artifact' ? pasted.redactions : 0;
  if (redactions > 0) blocks.push({ kind: 'text', text: `Redacted ${redactions} secret${redactions === 1 ? '' : 's'} from the text.` });
  return message(blocks, [], 'diagnosis');
}
