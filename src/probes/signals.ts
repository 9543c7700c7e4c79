/**
 * Turn a ladder result into signal ids ("probe:tcp.refused"). What each signal does to which
 * cause lives in knowledge/signals/probes.yaml; this file only names what was observed.
 */
import type { LadderResult, StepResult } from './types';

const TCP: Record<string, string> = { open: 'tcp.open', refused: 'tcp.refused', filtered: 'tcp.filtered', unreachable: 'tcp.unreachable', reset: 'tcp.reset' };
const BROWSER: Record<string, string> = { answered: 'browser.ok', 'not-running': 'browser.not-running', silent: 'browser.silent', 'instance-missing': 'browser.instance-missing' };
const PRELOGIN_FAIL: Record<string, string> = { 'not-tds': 'prelogin.not-tds', reset: 'prelogin.reset', closed: 'prelogin.reset', silent: 'prelogin.silent' };
const ENCRYPTION: Record<string, string> = {
  'encrypt-required': 'prelogin.encrypt-required',
  'encrypt-off': 'prelogin.encrypt-off',
  'encrypt-not-supported': 'prelogin.encrypt-not-supported',
};
const TLS_FAIL: Record<string, string> = {
  'no-common-protocol': 'tls.no-common-protocol',
  'no-common-cipher': 'tls.no-common-cipher',
  'reset-after-hello': 'tls.reset-after-hello',
  'closed-during-handshake': 'tls.reset-after-hello',
  'no-server-hello': 'tls.reset-after-hello',
};
const TLS_FINDING: Record<string, string> = {
  'legacy-only': 'tls.legacy-only',
  'weak-signature': 'tls.weak-signature',
  expired: 'tls.expired',
  'name-mismatch': 'tls.name-mismatch',
  untrusted: 'tls.untrusted',
  'self-signed': 'tls.self-signed',
  dhe: 'tls.dhe',
  strict: 'tls.strict',
};
const SERIES: Record<string, string> = { stable: 'series.stable', intermittent: 'series.intermittent', 'all-failed': 'series.all-failed', 'slow-connect': 'series.slow-connect' };

function stepSignals(s: StepResult): string[] {
  if (s.status === 'skipped' || s.status === 'error') return [];
  switch (s.step) {
    case 'dns':
      return [s.status === 'ok' ? 'dns.ok' : 'dns.failed'];
    case 'tcp':
      return TCP[s.reason ?? ''] ? [TCP[s.reason ?? '']] : [];
    case 'browser':
      return BROWSER[s.reason ?? ''] ? [BROWSER[s.reason ?? '']] : [];
    case 'prelogin': {
      if (s.status !== 'ok') return PRELOGIN_FAIL[s.reason ?? ''] ? [PRELOGIN_FAIL[s.reason ?? '']] : [];
      const out = ['prelogin.ok'];
      if (ENCRYPTION[s.reason ?? '']) out.push(ENCRYPTION[s.reason ?? '']);
      if (s.detail.instanceMismatch === true) out.push('prelogin.instance-mismatch');
      return out;
    }
    case 'tls': {
      if (s.status !== 'ok') return TLS_FAIL[s.reason ?? ''] ? [TLS_FAIL[s.reason ?? '']] : [];
      const findings = (s.detail.findings as string[] | undefined) ?? [];
      return ['tls.ok', ...findings.map((f) => TLS_FINDING[f]).filter(Boolean)];
    }
    case 'login':
      if (s.status === 'ok') return s.reason === 'slow-loginack' ? ['login.ok', 'login.slow-loginack'] : ['login.ok'];
      return [s.reason === 'timeout' ? 'login.timeout' : 'login.failed'];
    case 'series':
      return ((s.detail.findings as string[] | undefined) ?? []).map((f) => SERIES[f]).filter(Boolean);
  }
  return [];
}

export function probeSignals(result: LadderResult): string[] {
  const out = new Set<string>();
  for (const s of result.steps) for (const id of stepSignals(s)) out.add(`probe:${id}`);
  return [...out];
}

/** Every id probeSignals can return; knowledge/signals/probes.yaml must declare each one. */
export const ALL_PROBE_SIGNALS = [
  ...new Set(
    ['dns.ok', 'dns.failed', 'prelogin.ok', 'login.ok', 'login.failed', 'login.slow-loginack', 'login.timeout', 'tls.ok', 'prelogin.instance-mismatch']
      .concat(Object.values(TCP), Object.values(BROWSER), Object.values(PRELOGIN_FAIL), Object.values(ENCRYPTION), Object.values(TLS_FAIL), Object.values(TLS_FINDING), Object.values(SERIES))
      .map((s) => `probe:${s}`),
  ),
];
