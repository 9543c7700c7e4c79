/**
 * Node 20 does not expose a certificate's signature algorithm, so read it from the DER:
 * Certificate ::= SEQUENCE { tbsCertificate SEQUENCE, signatureAlgorithm SEQUENCE { OID, ... }, ... }.
 */

const NAMES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'md2WithRSAEncryption',
  '1.2.840.113549.1.1.4': 'md5WithRSAEncryption',
  '1.2.840.113549.1.1.5': 'sha1WithRSAEncryption',
  '1.2.840.113549.1.1.14': 'sha224WithRSAEncryption',
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.113549.1.1.10': 'rsassaPss',
  '1.2.840.10045.4.1': 'ecdsa-with-SHA1',
  '1.2.840.10045.4.3.1': 'ecdsa-with-SHA224',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
};

const HASHES: [RegExp, string][] = [
  [/^md2/i, 'md2'],
  [/^md5/i, 'md5'],
  [/sha1/i, 'sha1'],
  [/sha224/i, 'sha224'],
  [/sha256/i, 'sha256'],
  [/sha384/i, 'sha384'],
  [/sha512/i, 'sha512'],
];

export class DerError extends Error {}

interface Tlv {
  tag: number;
  start: number; // first content byte
  end: number; // one past the last content byte
}

function readTlv(der: Buffer, at: number): Tlv {
  if (at + 2 > der.length) throw new DerError('truncated DER');
  const tag = der[at];
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes === 0 || bytes > 4 || start + bytes > der.length) throw new DerError('bad DER length');
    length = 0;
    for (let i = 0; i < bytes; i++) length = length * 256 + der[start + i];
    start += bytes;
  }
  if (start + length > der.length) throw new DerError('DER length past the end');
  return { tag, start, end: start + length };
}

function decodeOid(bytes: Buffer): string {
  const arcs: number[] = [];
  let value = 0;
  for (const b of bytes) {
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('OID arc too large');
    if (!(b & 0x80)) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

export interface SignatureAlgorithm {
  oid: string;
  name: string;
  hash?: string;
}

export function signatureAlgorithm(der: Buffer): SignatureAlgorithm {
  const cert = readTlv(der, 0);
  if (cert.tag !== 0x30) throw new DerError('certificate is not a SEQUENCE');
  const tbs = readTlv(der, cert.start);
  const alg = readTlv(der, tbs.end);
  if (alg.tag !== 0x30) throw new DerError('signatureAlgorithm is not a SEQUENCE');
  const oid = readTlv(der, alg.start);
  if (oid.tag !== 0x06) throw new DerError('signatureAlgorithm has no OID');
  const dotted = decodeOid(der.subarray(oid.start, oid.end));
  const name = NAMES[dotted] ?? dotted;
  const hash = HASHES.find(([re]) => re.test(name))?.[1];
  return { oid: dotted, name, hash };
}

/**
 * Hashes that break TLS 1.2 with SQL Server per the seed article (MD5, SHA224, SHA512 "thumbprint"
 * algorithms) plus MD2 and SHA-1, which current clients refuse.
 */
export const WEAK_HASHES = new Set(['md2', 'md5', 'sha1', 'sha224', 'sha512']);
