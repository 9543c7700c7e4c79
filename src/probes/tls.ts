/**
 * TLS step: one handshake that accepts anything (to see what the server offers), then one per
 * protocol version (to see which versions it accepts), then findings a person would act on.
 */
import type { StepResult } from './types';
import { handshakeInTds, handshakeStrict, HandshakeOptions, HandshakeResult, TlsVersion } from './tls-handshake';
import type { TlsFacts } from './tls-facts';

export type TlsMode = 'tds7' | 'strict';

const VERSIONS: Record<TlsMode, TlsVersion[]> = {
  // SQL Server speaks at most TLS 1.2 inside TDS 7.x; TLS 1.3 only in strict mode.
  tds7: ['TLSv1', 'TLSv1.1', 'TLSv1.2'],
  strict: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
};
const MODERN = new Set(['TLSv1.2', 'TLSv1.3']);

export type TlsTarget = Omit<HandshakeOptions, 'minVersion' | 'maxVersion'>;

export async function probeTls(target: TlsTarget, mode: TlsMode): Promise<StepResult> {
  const shake = (min: TlsVersion, max: TlsVersion): Promise<HandshakeResult> => {
    const o = { ...target, minVersion: min, maxVersion: max };
    return mode === 'strict' ? handshakeStrict(o) : handshakeInTds(o);
  };
  const versions = VERSIONS[mode];
  const main = await shake(versions[0], versions[versions.length - 1]);
  const accepted: Record<string, boolean | string> = {};
  for (const v of versions) {
    const r = await shake(v, v);
    accepted[v] = r.kind === 'ok' ? true : r.reason;
  }
  const acceptedList = versions.filter((v) => accepted[v] === true);
  const detail: Record<string, unknown> = { mode, address: target.address, port: target.port, versions: accepted };
  if (main.kind !== 'ok') {
    const reason = acceptedList.length === 0 && main.reason === 'tls-error' ? 'no-common-protocol' : main.reason;
    return { step: 'tls', status: 'failed', reason, timings: main.timings, detail: { ...detail, code: main.code, message: main.message } };
  }
  const findings = findingsOf(main.facts, acceptedList);
  if (mode === 'strict') detail.tdsInside = main.tdsInside;
  return { step: 'tls', status: 'ok', reason: findings[0] ?? 'ok', timings: main.timings, detail: { ...detail, ...main.facts, findings } };
}

/** Ordered from what most often breaks a connection to what merely deserves a look. */
export function findingsOf(f: TlsFacts, accepted: string[]): string[] {
  const out: string[] = [];
  if (accepted.length > 0 && !accepted.some((v) => MODERN.has(v))) out.push('legacy-only');
  const c = f.certificate;
  if (c?.weakSignature) out.push('weak-signature');
  if (c?.expired || c?.notYetValid) out.push('expired');
  if (f.nameMatches === false) out.push('name-mismatch');
  if (!f.trusted && !(c?.expired && f.trustError === 'CERT_HAS_EXPIRED')) out.push(c?.selfSigned ? 'self-signed' : 'untrusted');
  if (/^(DHE|EDH)-/.test(f.cipher) || f.keyExchange?.type === 'DH') out.push('dhe');
  if (f.alpn === 'tds/8.0') out.push('strict');
  return out;
}
