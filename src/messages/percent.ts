/** The one rounding rule for percentages; it lives with the engine so its escalation summary uses it too. */
export { percent } from '../triage/percent';
