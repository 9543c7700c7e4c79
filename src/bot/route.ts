/** What the user meant by this turn: a command, a button press, or something to add to the case. */
import type { ActionValue } from '../messages/model';
import { commandWords } from './channel-text';
import { RESOLVE_QUESTION } from '../messages/triage-messages';

export type Route =
  | { kind: 'help' }
  | { kind: 'start-over' }
  | { kind: 'probe'; server?: string }
  | { kind: 'escalate' }
  | { kind: 'set-escalation-channel' }
  | { kind: 'sqlcheck' }
  | { kind: 'answer'; question: string; option: string; case?: string }
  | { kind: 'details'; cause?: string; case?: string }
  | { kind: 'resolve'; cause?: string; case?: string }
  | { kind: 'small-talk'; reply: string }
  | { kind: 'input' };

/**
 * Greetings, thanks and acknowledgements are not evidence: they get one line back, never a
 * diagnosis or a new case. Only whole short messages count, so a paste that starts with "ok" is a paste.
 */
const SMALL_TALK: { pattern: RegExp; reply: string }[] = [
  { pattern: /^(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings|yo)( there)?( (bot|sqltriage))?$/, reply: 'Hello. Paste a SQL Server connection error (or attach a SQLCHECK report) and I will triage it; "help" lists what I do.' },
  { pattern: /^(thanks|thank you|thx|ty|cheers|many thanks|thanks a lot|great,? thanks|thank you very much)( (bot|sqltriage))?$/, reply: 'You are welcome. When it is fixed, press "That fixed it" so the case closes with its cause.' },
  { pattern: /^(ok|okay|k|cool|great|nice|got it|understood|sure|alright|fine|good|yes|no|nope|yep|yeah|sounds good|will do|lol|:\)|👍)$/, reply: 'Noted. Paste more evidence, answer the open question, or say "help".' },
  { pattern: /^(bye|goodbye|see you|see ya|later)$/, reply: 'Bye. The case stays here; paste again any time to go on.' },
];

export function smallTalk(text: string): string | undefined {
  if (text.length > 60) return undefined;
  const words = text.trim().toLowerCase().replace(/[.!?,]+$/g, '').replace(/\s+/g, ' ');
  return SMALL_TALK.find((s) => s.pattern.test(words))?.reply;
}

// Server names as administrators write them: host names, instance names, aliases.
const PROBE = /^probe(?:\s+([\w.\\:-]{1,128}))?$/i;

export function routeOf(text: string, submission: ActionValue | undefined, hasFiles: boolean): Route {
  if (submission) {
    if ('answer' in submission) {
      if (submission.answer.question === RESOLVE_QUESTION) return { kind: 'resolve', cause: submission.answer.option, case: submission.answer.case };
      return { kind: 'answer', ...submission.answer };
    }
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
      case 'details':
        return { kind: 'details', cause: submission.arg, case: submission.case };
      case 'resolve':
        return { kind: 'resolve', cause: submission.arg, case: submission.case };
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
  if (words === 'that fixed it' || words === 'fixed' || words === 'resolved') return { kind: 'resolve' };
  const reply = smallTalk(commandWords(text));
  if (reply) return { kind: 'small-talk', reply };
  return { kind: 'input' };
}
