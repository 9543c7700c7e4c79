/** Protocols, cipher suites and Diffie-Hellman on one machine. */
import { dheEnabled, enabledProtocols, hasEngine, instanceCertificate, isWeakSignature, tlsRow, who } from '../context';
import { listOf } from '../make';
import { tables } from '../tables';
import { messageLines, Rule } from './rule';

const MODERN = ['TLS 1.2', 'TLS 1.3'];

export const clientProtocols: Rule = (r, emit) => {
  const enabled = enabledProtocols(r, 'client');
  const tls12 = tlsRow(r, 'client', 'TLS 1.2');
  if (!enabled || !tls12) return;
  const clientRows = r.tls.filter((t) => t.side === 'client').map((t) => t.raw);
  if (tls12.effective === 'Disabled') emit('TLS_CLIENT_TLS12_DISABLED', { computer: who(r) }, [tls12.raw]);
  if (!enabled.some((p) => MODERN.includes(p)) && enabled.length > 0) {
    emit('TLS_CLIENT_ONLY_LEGACY_TLS', { computer: who(r), protocols: listOf(enabled) }, clientRows);
  }
};

export const serverProtocols: Rule = (r, emit) => {
  const enabled = enabledProtocols(r, 'server');
  if (!enabled || !hasEngine(r)) return;
  const serverRows = r.tls.filter((t) => t.side === 'server').map((t) => t.raw);
  const tls12 = tlsRow(r, 'server', 'TLS 1.2');
  if (tls12?.effective === 'Disabled') emit('TLS_SERVER_TLS12_DISABLED', { computer: who(r) }, [tls12.raw]);
  if (enabled.length > 0 && enabled.every((p) => MODERN.includes(p))) {
    const weak = r.instances.some((i) => {
      const c = instanceCertificate(r, i);
      return c !== undefined && isWeakSignature(c.sigType);
    });
    emit('TLS_SERVER_ONLY_TLS12', { computer: who(r), protocols: listOf(enabled) }, serverRows, weak ? 'withWeakCertificate' : undefined);
  }
};

export const tls13Keys: Rule = (r, emit) => {
  const lines = messageLines(r, 'TLS 1.3 registry keys exist');
  if (lines.length > 0) emit('TLS13_KEYS_ON_UNSUPPORTED_OS', {}, lines);
};

export const diffieHellman: Rule = (r, emit) => {
  const dhe = dheEnabled(r);
  const dh = r.ciphers.dhVersion;
  if (!dhe || dh === undefined) return;
  const ev = r.ciphers.evidence;
  const dheSuites = r.ciphers.effective.filter((s) => tables().dhePrefixes.some((p) => s.startsWith(p))).slice(0, 3);
  const evidence = [ev['Diffie-Hellman algorithm version']?.raw, ev.statement?.raw, ...dheSuites].filter((x): x is string => !!x);
  emit(dh === 1 ? 'DHE_ENABLED_DH_V1' : 'DHE_ENABLED', {}, evidence);
};

export const policyUnknownSuites: Rule = (r, emit) => {
  const { registryList, policyList } = r.ciphers;
  const computed = registryList.length > 0 ? policyList.filter((s) => !registryList.includes(s)) : [];
  const fromTool = r.messages
    .filter((m) => m.text.includes('appears in the Protocol List but not in the Registry List'))
    .map((m) => /'([^']{1,100})'/.exec(m.text)?.[1])
    .filter((s): s is string => !!s);
  const suites = [...new Set([...fromTool, ...computed])];
  if (suites.length === 0) return;
  const lines = messageLines(r, 'appears in the Protocol List but not in the Registry List');
  emit('CIPHER_POLICY_UNKNOWN_SUITE', { suites: listOf(suites) }, lines.length > 0 ? lines : suites);
};
