/** What a finished handshake tells: protocol, cipher, key exchange, the certificate and trust. */
import tls from 'node:tls';
import { signatureAlgorithm, WEAK_HASHES } from './x509-der';

export interface CertificateFacts {
  subject: string;
  subjectAltName?: string;
  issuer: string;
  selfSigned: boolean;
  validFrom: string;
  validTo: string;
  expired: boolean;
  notYetValid: boolean;
  signatureAlgorithm: string;
  signatureHash?: string;
  weakSignature: boolean;
  keyType?: string;
  keyBits?: number;
  fingerprint256: string;
  chainLength: number;
}

export interface TlsFacts {
  protocol: string | null;
  cipher: string;
  cipherStandardName?: string;
  keyExchange?: { type: string; name?: string; size: number };
  alpn: string | false;
  trusted: boolean;
  trustError?: string;
  servername?: string;
  nameMatches?: boolean;
  nameError?: string;
  certificate?: CertificateFacts;
}

export function readTlsFacts(socket: tls.TLSSocket, servername: string | undefined, now: number): TlsFacts {
  const cipher = socket.getCipher();
  const eph = socket.getEphemeralKeyInfo();
  const facts: TlsFacts = {
    protocol: socket.getProtocol(),
    cipher: cipher.name,
    cipherStandardName: cipher.standardName,
    keyExchange: eph && 'type' in eph && eph.type ? { type: eph.type, name: eph.name, size: eph.size } : undefined,
    alpn: socket.alpnProtocol ?? false,
    trusted: socket.authorized,
    trustError: socket.authorized ? undefined : String(socket.authorizationError ?? 'unknown'),
    servername,
  };
  const legacy = socket.getPeerCertificate(true);
  const x509 = socket.getPeerX509Certificate();
  if (!x509) return facts;
  const sig = safeSignature(x509.raw);
  const details = x509.publicKey.asymmetricKeyDetails;
  facts.certificate = {
    subject: x509.subject,
    subjectAltName: x509.subjectAltName,
    issuer: x509.issuer,
    selfSigned: x509.subject === x509.issuer && x509.checkIssued(x509),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    expired: Date.parse(x509.validTo) < now,
    notYetValid: Date.parse(x509.validFrom) > now,
    signatureAlgorithm: sig.name,
    signatureHash: sig.hash,
    weakSignature: sig.hash !== undefined && WEAK_HASHES.has(sig.hash),
    keyType: x509.publicKey.asymmetricKeyType,
    keyBits: details?.modulusLength,
    fingerprint256: x509.fingerprint256,
    chainLength: chainLength(legacy),
  };
  if (servername) {
    const err = tls.checkServerIdentity(servername, legacy);
    facts.nameMatches = !err;
    facts.nameError = err?.message;
  }
  return facts;
}

function safeSignature(raw: Buffer): { name: string; hash?: string } {
  try {
    return signatureAlgorithm(raw);
  } catch (err) {
    return { name: `unreadable (${(err as Error).message})` };
  }
}

function chainLength(cert: tls.DetailedPeerCertificate): number {
  let n = 0;
  const seen = new Set<string>();
  for (let c: tls.DetailedPeerCertificate | undefined = cert; c && c.fingerprint256 && !seen.has(c.fingerprint256); c = c.issuerCertificate) {
    seen.add(c.fingerprint256);
    n++;
  }
  return n;
}
