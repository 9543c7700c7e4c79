/**
 * What an operator graphs, in Prometheus' text format (prom-client): activities and their latency,
 * triage outcomes by family, questions asked, cases opened/resolved/escalated, probe runs by
 * outcome and refusal reason, store write latency, and Node's own process figures. One registry
 * per bot, so several bots in one process (tests) do not share counters. Labels hold ids only
 * (family, question, channel, reason codes), never text from a conversation.
 */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface BotMetrics {
  readonly registry: Registry;
  activity(labels: { channel: string; type: string; outcome: 'ok' | 'error' }, seconds: number): void;
  /** One per pasted input triaged: the leading family, or 'unknown' / 'foreign'. */
  triageOutcome(family: string): void;
  questionAsked(question: string): void;
  caseEvent(event: 'opened' | 'resolved' | 'escalated'): void;
  /** outcome: ok (every step passed), failed (a step found a fault), error, refused (with the refusal's code). */
  probeRun(outcome: 'ok' | 'failed' | 'error' | 'refused', reason?: string): void;
  /** kind: state (conversation and user state), case, audit. */
  storeWrite(kind: 'state' | 'case' | 'audit', seconds: number, ok: boolean): void;
}

/** Turns take milliseconds to a few seconds (attachments, probes answer within the turn). */
const TURN_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const WRITE_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(opts: { processMetrics?: boolean } = {}): BotMetrics {
  const registry = new Registry();
  if (opts.processMetrics !== false) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const activities = new Counter({ name: 'sqltriage_activities_total', help: 'Activities the bot handled, by channel, activity type and outcome', labelNames: ['channel', 'type', 'outcome'], registers });
  const activitySeconds = new Histogram({ name: 'sqltriage_activity_duration_seconds', help: 'Time to handle one activity (the whole turn, replies included)', labelNames: ['channel', 'type'], buckets: TURN_BUCKETS, registers });
  const outcomes = new Counter({ name: 'sqltriage_triage_outcomes_total', help: 'Pasted inputs triaged, by the family leading afterwards (unknown: nothing placed; foreign: another product)', labelNames: ['family'], registers });
  const questions = new Counter({ name: 'sqltriage_questions_asked_total', help: 'Follow-up questions the bot asked, by question id', labelNames: ['question'], registers });
  const cases = new Counter({ name: 'sqltriage_cases_total', help: 'Cases opened, resolved (closed by the user) and escalated', labelNames: ['event'], registers });
  const probes = new Counter({ name: 'sqltriage_probe_runs_total', help: 'Probe requests by outcome (ok, failed, error, refused) and refusal reason', labelNames: ['outcome', 'reason'], registers });
  const writes = new Histogram({ name: 'sqltriage_store_write_duration_seconds', help: 'Time to write to the store, by what was written (state, case, audit) and whether it succeeded', labelNames: ['kind', 'outcome'], buckets: WRITE_BUCKETS, registers });
  // Zero series from the start, so a dashboard shows 0 rather than "no data" before the first event.
  for (const event of ['opened', 'resolved', 'escalated']) cases.inc({ event }, 0);
  for (const outcome of ['ok', 'failed', 'error']) probes.inc({ outcome, reason: '' }, 0);
  return {
    registry,
    activity: (labels, seconds) => {
      activities.inc(labels);
      activitySeconds.observe({ channel: labels.channel, type: labels.type }, seconds);
    },
    triageOutcome: (family) => outcomes.inc({ family }),
    questionAsked: (question) => questions.inc({ question }),
    caseEvent: (event) => cases.inc({ event }),
    probeRun: (outcome, reason) => probes.inc({ outcome, reason: reason ?? '' }),
    storeWrite: (kind, seconds, ok) => writes.observe({ kind, outcome: ok ? 'ok' : 'error' }, seconds),
  };
}

/** Seconds since `start` (a process.hrtime.bigint() reading). */
export function secondsSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}
