/** The escalation hand-off: the summary (pure) and its Markdown and JSON renderings (no chat library). */
export { escalationSummary, fullExportCommand } from './summary';
export { caseContributions } from './contributions';
export { ESCALATION_RULES } from './causes';
export { renderEscalationMarkdown } from './render/markdown';
export { renderEscalationJson } from './render/json';
export { ESCALATION_SCHEMA_VERSION } from './types';
export type * from './types';
