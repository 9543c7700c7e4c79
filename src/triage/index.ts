/** The triage engine: case state, ranking, question choice, diagnosis. Knows nothing of chat or HTTP. */
export { openCase, isFrozen, resolveCase } from './case';
export type { EvidenceOptions } from './case';
export { addPaste, addAnswer, addProbe, addTrace, addNote } from './evidence';
export type { PasteOutcome } from './evidence';
export { rankCase, caseSignals } from './rank';
export { nextStep, expectedGain, STOP_RULES } from './next-step';
export type { NextStep, Offer } from './next-step';
export { diagnose } from './diagnose';
export { takenFromPaste, impliedByContext } from './implied';
export type { TakenFromPaste, ImpliedAnswer } from './implied';
export type { Diagnosis, DiagnosedCause } from './diagnose';
export { classifyText } from './classify-text';
export type { ClassifyResult } from './classify-text';
export { checkInputText, checkInputBytes, MAX_INPUT_BYTES } from './input';
export { escalationSummary, renderEscalationMarkdown, renderEscalationJson, ESCALATION_SCHEMA_VERSION, type EscalationSummary } from './escalation';
export type * from './types';
export { applyEvent, runDialog, sessionView, toSessionEvent, SessionEventError, NEW_SESSION } from './session';
export type { SessionEvent, SessionView, SessionState, DialogRun } from './session';
