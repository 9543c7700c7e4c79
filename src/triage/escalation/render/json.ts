/**
 * JSON for ticket systems: the summary object as it is, described by docs/escalation-schema.json
 * and versioned by its `schemaVersion` field.
 */
import type { EscalationSummary } from '../types';

export function renderEscalationJson(s: EscalationSummary): string {
  return `${JSON.stringify(s, null, 2)}\n`;
}
