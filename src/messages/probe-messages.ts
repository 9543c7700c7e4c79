/**
 * A probe in chat: one progress message, redrawn in place as the ladder's steps finish, then the
 * result with what it changed in the ranking.
 */
import { Block, message, Message, ProgressStep } from './model';
import { DiagnosisView } from './triage-messages';
import { percent } from './percent';

export const PROBE_STEPS: { id: string; label: string }[] = [
  { id: 'dns', label: 'DNS' },
  { id: 'browser', label: 'SQL Browser' },
  { id: 'tcp', label: 'TCP' },
  { id: 'prelogin', label: 'Pre-login' },
  { id: 'tls', label: 'TLS' },
  { id: 'login', label: 'Login' },
];

export function initialSteps(): ProgressStep[] {
  return PROBE_STEPS.map((s) => ({ label: s.label, status: 'pending' }));
}

/** Marks one ladder step (by the probe's step id) in a copy of the steps. */
export function withStep(steps: ProgressStep[], stepId: string, status: ProgressStep['status'], detail?: string): ProgressStep[] {
  const label = PROBE_STEPS.find((s) => s.id === stepId)?.label ?? stepId;
  const i = steps.findIndex((s) => s.label === label);
  const next = { label, status, ...(detail ? { detail } : {}) };
  return i < 0 ? [...steps, next] : steps.map((s, j) => (j === i ? next : s));
}

export function probeProgressMessage(server: string, steps: ProgressStep[], footer?: string): Message {
  const blocks: Block[] = [{ kind: 'heading', text: `Probe of ${server}` }, { kind: 'progress', steps }];
  if (footer) blocks.push({ kind: 'text', text: footer });
  return message(blocks, [], 'progress');
}

/** What the probe moved in the ranking ("added to the case" alone says nothing). */
export function rankingChangeBlocks(d: DiagnosisView): Block[] {
  const moved = d.changes.filter((c) => Math.abs(c.after - c.before) >= 0.005);
  if (moved.length === 0) return [{ kind: 'text', text: 'The probe result did not change the ranking.' }];
  return [{ kind: 'list', title: 'What the probe changed', items: moved.map((c) => `${c.title}: ${percent(c.before)} → ${percent(c.after)}`) }];
}

/** The refusal, with what the administrator needs to grant it. */
export function probeRefusedMessage(server: string, reason: string, who: { user: string; channel?: string }): Message {
  return message(
    [
      { kind: 'text', text: `I will not probe ${server}: ${reason}` },
      {
        kind: 'facts',
        facts: [
          { label: 'Your id', value: who.user },
          ...(who.channel ? [{ label: 'This conversation', value: who.channel }] : []),
          { label: 'Granted by', value: 'probes.allow.users (your id) or probes.allow.channels (this conversation\'s id) in the sqltriage configuration file (SQLTRIAGE_CONFIG, default ./sqltriage.config.json)' },
        ],
      },
    ],
    [],
    'notice',
  );
}
