/** What the user meant by this turn: a command, a button press, or something to add to the case. */
import type { ActionValue } from './messages/model';
import { commandWords } from './channel-text';

export type Route =
  | { kind: 'help' }
  | { kind: 'start-over' }
  | { kind: 'probe'; server?: string }
  | { kind: 'escalate' }
  | { kind: 'set-escalation-channel' }
  | { kind: 'sqlcheck' }
  | { kind: 'answer'; question: string; option: string }
  | { kind: 'input' };

// Server names as administrators write them: host names, instance names, aliases.
const PROBE = /^probe(?:\s+([\w.\\:-]{1,128}))?$/i;

export function routeOf(text: string, submission: ActionValue | undefined, hasFiles: boolean): Route {
  if (submission) {
    if ('answer' in submission) return { kind: 'answer', ...submission.answer };
    switch (submission.command) {
      case 'help':
        return { kind: 'help' };
      case 'start over':
        return { kind: 'start-over' };
      case 'probe':
        return { kind: 'probe', server: submission.arg };
      case 'escalate':
        return { kind: 'escalate' };
      case 'sqlcheck':
        return { kind: 'sqlcheck' };
    }
  }
  if (hasFiles) return { kind: 'input' };
  // Commands are short; anything long is a paste even if it starts with "help".
  if (text.length > 200) return { kind: 'input' };
  const words = commandWords(text).replace(/^\/+/, '').replace(/[.!?]+$/, '').toLowerCase();
  if (words === 'help' || words === '?') return { kind: 'help' };
  if (words === 'start over' || words === 'restart' || words === 'new case') return { kind: 'start-over' };
  if (words === 'escalate') return { kind: 'escalate' };
  if (words === 'set escalation channel here' || words === 'set escalation channel') return { kind: 'set-escalation-channel' };
  const probe = PROBE.exec(commandWords(text).replace(/^\/+/, '').replace(/[.!?]+$/, ''));
  if (probe) return { kind: 'probe', server: probe[1] };
  return { kind: 'input' };
}
