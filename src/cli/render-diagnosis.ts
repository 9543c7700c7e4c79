/** Plain-text rendering of a diagnosis for the terminal: the message model through the plain-text renderer. */
import type { Evidence } from '../triage/types';
import type { Diagnosis } from '../triage/diagnose';
import type { NextStep } from '../triage/next-step';
import type { ArtifactSummary } from '../triage/artifact-evidence';
import { artifactLines, cliDiagnosisMessage } from '../messages/cli-diagnosis';
import { plainText } from '../bot/render/plain';

export { factsLine } from '../messages/facts-line';
export { artifactLines };

/**
 * `pasted` is the evidence the paste became (an error text or a SQLCHECK report); `artifacts`: what
 * else the paste held (ERRORLOG, netstat ...), each with what was read from it.
 */
export function renderDiagnosisText(pasted: Evidence, d: Diagnosis, next: NextStep, artifacts: ArtifactSummary[] = []): string {
  return `${plainText(cliDiagnosisMessage(pasted, d, next, artifacts))}\n`;
}
