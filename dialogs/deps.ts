/** What the dialogs need from the outside: the knowledge, the stores, the prober, and where the case id lives. */
import type { StatePropertyAccessor } from 'botbuilder';
import type { Knowledge } from '../src/kb/load';
import type { ProbeProgress, LadderResult } from '../src/probes/types';
import type { AuditLog, CaseStore } from '../src/store/types';
import type { EscalationSettings } from './escalation-destination';
import type { MessageRenderer } from './send';

/** The conversation's pointer to its case; the case itself lives in the CaseStore. */
export interface CaseRef {
  caseId?: string;
}

export type ProbeOutcome = { refused: string } | { result: LadderResult; signals: string[] };

/** The probe ladder as the dialogs see it: authorisation and limits are the runner's business. */
export interface ProbeRunner {
  /** Names of the servers the administrator configured (what "probe NAME" accepts). */
  servers(): string[];
  /** Why this requester may not probe this server (checked before anything is announced), or undefined. */
  check?(req: { server: string; user: string; channel?: string; via?: string }): string | undefined;
  run(req: { server: string; user: string; channel?: string; via?: string; onProgress?: (p: ProbeProgress) => void }): Promise<ProbeOutcome>;
}

export interface DialogDeps {
  kb: Knowledge;
  cases: CaseStore;
  audit: AuditLog;
  prober?: ProbeRunner;
  caseRef: StatePropertyAccessor<CaseRef>;
  /** Where and how escalations are posted (absent: only in the conversation). */
  escalation?: EscalationSettings;
  /** The renderer for another channel (the escalation destination); the bot supplies it. */
  rendererFor?: (channelId: string | undefined) => MessageRenderer;
}

export const DIALOG_IDS = { triage: 'triage', probe: 'probe', escalate: 'escalate', resolve: 'resolve' } as const;
