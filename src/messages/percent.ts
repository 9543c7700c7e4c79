/** The one rounding rule for scores and percentages; it lives with the engine so its escalation summary uses it too. */
export { percent, roundScore } from '../triage/percent';
