/**
 * Artifacts in a case: each artifact a paste holds becomes 'artifact' evidence (what was read, in
 * words, and the structured data). Its signals are judged against the case as it stands (the port
 * the client dials comes from the error text, which may arrive before or after the artifact), so
 * they are computed when the case is ranked, never stored.
 */
import { readArtifacts, restIsEmpty, type Artifact } from '../parse/artifacts';
import { artifactSignals } from '../classify/artifacts/signals';
import { DEFAULT_PORT, type ArtifactContext } from '../classify/artifacts/context';
import type { RedactedText } from '../parse/redact';
import type { ArtifactEvidence, Case } from './types';

/** What the chat and the CLI show for one artifact: its title and what was read from it. */
export interface ArtifactSummary {
  title: string;
  facts: { label: string; value: string }[];
}

export function summaryOf(a: Artifact): ArtifactSummary {
  return { title: a.title, facts: a.facts };
}

export interface SplitPaste {
  artifacts: Artifact[];
  /** The error text left once artifacts are taken out (marked when already redacted), or undefined when none is left. */
  rest?: string | RedactedText;
  redactions: number;
  truncated: boolean;
}

/** Splits a paste into its artifacts and the error text around them. */
export function splitPaste(text: string): SplitPaste {
  const reading = readArtifacts(text);
  // No artifact: the text redacted once, for the error-text parser (its secrets are counted there).
  if (reading.artifacts.length === 0) return { artifacts: [], rest: { redacted: true, text: reading.rest, count: reading.redactions }, redactions: 0, truncated: reading.truncated };
  // The secrets removed are counted on the artifacts (split.redactions): the rest carries none of its own.
  // Where the readers' plain view removed markup, the parser redacts its final form of the rest again.
  const rest: RedactedText = { redacted: true, text: reading.rest, count: 0, ...(reading.restRedacted ? {} : { recheck: true }) };
  return { artifacts: reading.artifacts, ...(restIsEmpty(reading.rest) ? {} : { rest }), redactions: reading.redactions, truncated: reading.truncated };
}

/** The connection the case's client makes, as far as the case tells. */
export function artifactContext(c: Case): ArtifactContext {
  let clientPort: number | undefined;
  let clientHost: string | undefined;
  let instance = false;
  for (const ev of c.evidence) {
    if (ev.kind !== 'paste') continue;
    if (clientPort === undefined && ev.facts.port !== undefined) clientPort = ev.facts.port;
    if (clientHost === undefined && ev.facts.server !== undefined) clientHost = ev.facts.server;
    if (ev.facts.instance !== undefined) instance = true;
  }
  const artifacts = c.evidence.flatMap((e) => (e.kind === 'artifact' ? [e.artifact] : []));
  if (clientPort === undefined) {
    // The port someone checked with PortQry or Test-NetConnection is the one the client uses.
    for (const a of artifacts) if (a.kind === 'port-check') clientPort ??= a.data.checks.find((x) => x.proto === 'tcp')?.port;
  }
  // A default instance listens on 1433; a named instance's port is found through the Browser.
  if (clientPort === undefined && !instance) clientPort = DEFAULT_PORT;
  const sqlPids = artifacts.flatMap((a) => (a.kind === 'errorlog' && a.data.processId !== undefined ? [a.data.processId] : []));
  const sqlCertHashes = artifacts.flatMap((a) => (a.kind === 'errorlog' && a.data.certificateHash ? [a.data.certificateHash.toLowerCase()] : []));
  return { ...(clientPort !== undefined ? { clientPort } : {}), sqlPids, ...(clientHost !== undefined ? { clientHost } : {}), sqlCertHashes };
}

/** The context for one artifact: certificate dates are judged at the time it was pasted. */
const contextAt = (ctx: ArtifactContext, ev: ArtifactEvidence): ArtifactContext => {
  const atMs = Date.parse(ev.at);
  return Number.isFinite(atMs) ? { ...ctx, atMs } : ctx;
};

/** Signal ids of every artifact in the case. */
export function artifactCaseSignals(c: Case): string[] {
  const evs = c.evidence.filter((e): e is ArtifactEvidence => e.kind === 'artifact');
  if (evs.length === 0) return [];
  const ctx = artifactContext(c);
  return [...new Set(evs.flatMap((e) => artifactSignals(e.artifact, contextAt(ctx, e))))];
}

/** Signals of one artifact evidence in its case (for the summary's "what this showed"). */
export function signalsOfEvidence(c: Case, ev: ArtifactEvidence): string[] {
  return artifactSignals(ev.artifact, contextAt(artifactContext(c), ev));
}
