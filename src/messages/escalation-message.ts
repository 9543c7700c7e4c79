/** The escalation summary as a message: each renderer shapes the engine's summary for its channel. */
import type { EscalationSummary } from '../triage/escalation/types';
import { message, Message } from './model';

export function escalationMessage(summary: EscalationSummary): Message {
  return message([{ kind: 'escalation', summary }], [], 'escalation');
}
