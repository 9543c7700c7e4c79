/** The certificate each instance uses, and the other server certificates SQL Server could pick. */
import type { CertificateFacts, InstanceFacts, SqlcheckReport } from '../../../parse/sqlcheck/types';
import { certName, hasEngine, instanceCertificate, isWeakSignature } from '../context';
import { tables } from '../tables';
import type { Emit, Rule } from './rule';

const PROBLEM_FINDINGS: [string, string][] = [
  ['Expired cert', 'CERT_EXPIRED'],
  ['Not server', 'CERT_NOT_SERVER_AUTH'],
  ['KeySpec!=1', 'CERT_KEYSPEC_NOT_EXCHANGE'],
  ['No private key', 'CERT_NO_PRIVATE_KEY'],
];

function usedBy(r: SqlcheckReport, c: CertificateFacts): InstanceFacts[] {
  return r.instances.filter((i) => instanceCertificate(r, i) === c);
}

function certProblems(c: CertificateFacts, emit: Emit, users: InstanceFacts[]): void {
  const inUse = users.length > 0;
  const inUseNote = inUse ? ` and instance ${users.map((i) => i.name).join(', ')} uses it` : ', but no instance uses it';
  for (const [problem, id] of PROBLEM_FINDINGS) {
    if (!c.problems.includes(problem)) continue;
    emit(id, { cert: certName(c), notAfter: c.notAfter, inUseNote }, [c.raw, ...users.map((i) => i.evidence.Certificate?.raw ?? '')].filter(Boolean), inUse ? 'inUse' : undefined);
  }
}

export const certificates: Rule = (r, emit) => {
  if (!hasEngine(r)) return;
  for (const c of r.certificates) {
    const users = usedBy(r, c);
    certProblems(c, emit, users);
    const evidence = [c.raw, ...users.map((i) => i.evidence.Certificate?.raw ?? '')].filter(Boolean);
    // SQL Server can pick any server-authentication certificate with a key, even one nobody configured.
    const couldBePicked = c.serverCert && c.privateKey;
    if (isWeakSignature(c.sigType) && (users.length > 0 || couldBePicked)) {
      emit('CERT_WEAK_SIGNATURE', { cert: certName(c), sigType: c.sigType }, evidence, users.length > 0 ? undefined : 'notInUse');
    }
    if (users.length > 0 && tables().deprecatedSignatureAlgorithms.includes(c.sigType)) {
      emit('CERT_SHA1_SIGNATURE', { cert: certName(c), sigType: c.sigType }, evidence);
    }
    for (const i of users) {
      if (c.problems.length === 0 && !isWeakSignature(c.sigType) && !tables().deprecatedSignatureAlgorithms.includes(c.sigType)) {
        emit('CERT_IN_USE_OK', { instance: i.name, cert: certName(c), sigType: c.sigType, notAfter: c.notAfter }, evidence);
      }
    }
  }
};

export const instanceCertificates: Rule = (r, emit) => {
  for (const i of r.instances) {
    const cert = i.certificate;
    const line = i.evidence.Certificate?.raw;
    if (!cert?.thumbprint || !line) continue;
    const row = instanceCertificate(r, i);
    if (!row && r.certificates.length > 0) {
      emit('CERT_NOT_FOUND', { instance: i.name, thumbprint: cert.thumbprint }, [line]);
      continue;
    }
    const perms = r.certificatePermissions.filter((p) => p.thumbprint === cert.thumbprint);
    const account = i.serviceAccount?.toLowerCase();
    if (row && cert.hardCoded && perms.length > 0 && account && !perms.some((p) => p.user.toLowerCase() === account)) {
      emit('CERT_KEY_NOT_READABLE', { instance: i.name, account: i.serviceAccount, cert: certName(row) }, [line, ...perms.map((p) => p.raw)]);
    }
  }
};

export const forceEncryption: Rule = (r, emit) => {
  for (const i of r.instances) {
    const strict = i.forceStrict?.toLowerCase() === 'true';
    if (strict) emit('FORCE_STRICT_ON', { instance: i.name }, [i.evidence.ForceStrict?.raw ?? 'ForceStrict: True']);
    if (i.forceEncryption !== true) continue;
    const c = instanceCertificate(r, i);
    const problem = (c && (isWeakSignature(c.sigType) || c.problems.length > 0)) || (i.certificate?.problems.length ?? 0) > 0;
    const evidence = [i.evidence.ForceEncryption?.raw, i.evidence.Certificate?.raw, c?.raw].filter((x): x is string => !!x);
    emit('FORCE_ENCRYPTION_ON', { instance: i.name }, evidence, problem ? 'certificateProblem' : undefined);
  }
};
