/**
 * The machine's certificate store, as the certificate articles ask to check it: `certutil -store
 * my` (and `-v`, which adds the signature algorithm, key length, key usage and subject alternative
 * names), PowerShell's `Get-ChildItem Cert:\LocalMachine\My | Format-List` (any selection of
 * Subject, Issuer, NotBefore, NotAfter, Thumbprint, EnhancedKeyUsageList, DnsNameList,
 * HasPrivateKey ...) and its default table (Thumbprint, Subject). What each certificate is, as
 * printed; whether it fits the client is judged later, against the case (src/classify/artifacts).
 */
import { fact, lineAt, uniq } from './common';
import type { CertificateInfo, CertificateStoreData, ReadResult } from './types';

/** Certificates read per paste at most. */
const MAX_CERTS = 100;

const CERTUTIL_HEADER = /^={4,30} Certificate (\d{1,4}) ={4,30}$/;
const CERTUTIL_STORE = /^(My|Root|CA|WebHosting|Remote Desktop|[\w ]{1,40}) "([^"\n]{1,60})"$/;
const CERTUTIL_FIELD = /^\s{0,4}(Serial Number|Issuer|Subject|NotBefore|NotAfter|Cert Hash\(sha1\)|Public Key Length|KeySpec|Template|Certificate Template Name \(Certificate Type\))\s{0,2}[:=]\s{0,4}(.{0,400})$/;
const CERTUTIL_KEY_INFO = /^\s{0,8}(?:Key Container = |Unique container name: |Simple container name: |Provider = |Private key is NOT exportable|Private key is exportable|Encryption test passed|Signature test passed)/;
const CERTUTIL_NO_KEY = /^\s{0,8}(?:No key provider information|Missing stored keyset|Cannot find the certificate and private key(?: for decryption)?\.?)\s*$/;
/** Inside a certificate's listing, the lines we do not read are still certutil's: indented detail and "Label: value" lines. */
const CERTUTIL_OTHER = /^(?:\s{1,40}\S|[A-Za-z][\w ()-]{0,60}(?::|\s=)(?:\s|$))/;
const CERTUTIL_SELF = /^\s{0,8}(?:Root Certificate: Subject matches Issuer|Signature matches Public Key)\s*$/;
const CERTUTIL_NON_ROOT = /^\s{0,8}Non-root Certificate\s*$/;
const ALGORITHM_OID = /^\s{2,12}Algorithm ObjectId: ([\d.]{3,64})(?: (\w{2,40}))?\s*$/;
/** The verbose listing's extension blocks whose lines we read. */
const EXT_HEADER = /^\s{2,12}(Enhanced Key Usage|Subject Alternative Name|Key Usage|Basic Constraints)\s*$/;
const EKU_LINE = /^\s{6,16}([A-Za-z][\w ()-]{1,80}?) \((\d[\d.]{2,60})\)\s*$/;
const SAN_LINE = /^\s{6,16}(DNS Name|IP Address)=(\S{1,255})\s*$/;
/** A distinguished-name component on its own line (the verbose Issuer: and Subject: blocks). */
const DN_PART = /^\s{2,8}((?:CN|OU|O|L|S|ST|C|DC|E|SERIALNUMBER)=.{1,200})$/;

const PS_FIELD = /^(Subject|Issuer|Thumbprint|FriendlyName|NotBefore|NotAfter|EnhancedKeyUsageList|DnsNameList|HasPrivateKey|SignatureAlgorithm|SerialNumber|PSPath|PSParentPath|Extensions|Archived|Version|PrivateKey|PublicKey|Handle|PSChildName|PSDrive|PSProvider|PSIsContainer|SubjectName|IssuerName|RawData|SendAsTrustedIssuer|EnrollmentPolicyEndPoint|EnrollmentServerEndPoint|PolicyId)\s{0,40}:\s?(.{0,400})$/;
const PS_TABLE_ROW = /^([0-9A-F]{40})\s{2,}(\S.{0,400})$/;
const PS_TABLE_HEAD = /^\s{0,4}(?:Thumbprint\s{2,}Subject(?:\s{2,}EnhancedKeyUsageList)?|-{10}\s{2,}-{7}(?:\s{2,}-{5,})?|PSParentPath: Microsoft\.PowerShell\.Security\\Certificate::\S{1,100})\s*$/;
const PS_COMMAND = /^\s{0,4}(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>\s{0,4}(?:Get-ChildItem|gci|dir|ls)\b.{0,300}|^\s{0,4}(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>\s{0,4}certutil\b.{0,300}|^\s{0,4}CertUtil: -store command completed successfully\.?\s*$/i;

/** Weak signature hashes TLS 1.2 rejects (md5, sha224, sha512 as the seed article names them), and SHA-1. */
export function signatureHash(alg: string | undefined): 'weak' | 'sha1' | 'ok' | undefined {
  if (!alg) return undefined;
  const a = alg.toLowerCase();
  if (/^(?:md5|md2|sha224|sha512)/.test(a)) return 'weak';
  if (/^sha1/.test(a)) return 'sha1';
  if (/^sha(?:256|384)|^ecdsa|^rsassa-pss/.test(a)) return 'ok';
  return undefined;
}

/** Names of the signature algorithms by OID, for a verbose listing that prints the OID alone. */
const SIGNATURE_OIDS: Record<string, string> = {
  '1.2.840.113549.1.1.4': 'md5RSA', '1.2.840.113549.1.1.5': 'sha1RSA', '1.2.840.113549.1.1.14': 'sha224RSA',
  '1.2.840.113549.1.1.11': 'sha256RSA', '1.2.840.113549.1.1.12': 'sha384RSA', '1.2.840.113549.1.1.13': 'sha512RSA',
  '1.2.840.10045.4.3.2': 'sha256ECDSA', '1.2.840.10045.4.3.3': 'sha384ECDSA', '1.2.840.113549.1.1.10': 'RSASSA-PSS',
};

/**
 * A date as Windows prints it in the user's locale, as epoch milliseconds (times read as UTC):
 * one reading, or two when day and month could be either way round (3/4/2025). Undefined when unreadable.
 */
export function certDateReadings(text: string): number[] | undefined {
  const m = /^\s{0,4}(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})\.?(?:,?\s{1,4}(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s{0,2}(AM|PM|a\.\s?m\.|p\.\s?m\.)?)?/i.exec(text);
  if (!m) return undefined;
  const [a, sep, b, c] = [Number(m[1]), m[2], Number(m[3]), Number(m[4])];
  let hour = m[5] ? Number(m[5]) : 0;
  const pm = m[8] && /^p/i.test(m[8]);
  if (m[8] && hour === 12) hour = pm ? 12 : 0;
  else if (pm) hour += 12;
  const time = Date.UTC(1970, 0, 1, hour, m[6] ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0);
  const at = (y: number, mo: number, d: number): number | undefined => {
    const year = y < 100 ? 2000 + y : y;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || year < 1950 || year > 9999) return undefined;
    const ms = Date.UTC(year, mo - 1, d);
    return new Date(ms).getUTCDate() === d ? ms + time : undefined;
  };
  let readings: (number | undefined)[];
  if (m[1].length === 4) readings = [at(a, b, c)]; // 2025-03-13, 2025/03/13
  else if (sep === '.') readings = [at(c, b, a)]; // 13.03.2025
  else readings = [at(c, a, b), at(c, b, a)]; // 3/13/2025 or 13/3/2025
  const ok = uniq(readings.filter((x): x is number => x !== undefined));
  return ok.length ? ok : undefined;
}

const newCert = (): CertificateInfo => ({ dnsNames: [], ipAddresses: [] });

/** "CN=sql01.contoso.com, OU=IT" -> "sql01.contoso.com". */
export function commonName(dn: string | undefined): string | undefined {
  const m = dn ? /(?:^|[,/]\s{0,2})CN=([^,/\n]{1,200})/i.exec(dn) : null;
  return m ? m[1].trim() : undefined;
}

const hex = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/** Values PowerShell prints in braces: "{Server Authentication (1.3.6.1.5.5.7.3.1), Client ...}". */
function braced(text: string): string[] {
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '').trim();
  if (!inner || inner === '...') return [];
  return inner.split(/,\s{0,4}(?![^()]{0,80}\))/).map((s) => s.replace(/\.\.\.$/, '').trim()).filter(Boolean);
}

function readCertutil(lines: string[]): { certs: CertificateInfo[]; used: number[]; verbose: boolean; store?: string } | undefined {
  const certs: CertificateInfo[] = [];
  const used: number[] = [];
  let cur: CertificateInfo | undefined;
  let verbose = false;
  let store: string | undefined;
  /** A verbose block whose indented lines belong to the field above (Issuer:, Subject:, an extension). */
  let block: 'issuer' | 'subject' | 'eku' | 'san' | 'signature' | 'other' | undefined;
  let dn: string[] = [];
  const closeDn = () => {
    if (cur && dn.length && (block === 'issuer' || block === 'subject')) cur[block] = dn.join(', ');
    dn = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    let m: RegExpExecArray | null;
    if ((m = CERTUTIL_HEADER.exec(line.trim()))) {
      closeDn();
      block = undefined;
      if (certs.length >= MAX_CERTS) break;
      certs.push((cur = newCert()));
      used.push(i);
      continue;
    }
    if (!cur) {
      if ((m = CERTUTIL_STORE.exec(line.trim()))) {
        store = m[1];
        used.push(i);
      } else if (PS_COMMAND.test(line)) used.push(i);
      continue;
    }
    if (/^\s{0,4}X509 Certificate:\s*$/.test(line)) {
      verbose = true;
      used.push(i);
      continue;
    }
    if ((m = CERTUTIL_FIELD.exec(line))) {
      closeDn();
      block = undefined;
      const [, key, value] = m;
      const v = value.trim();
      if (key === 'Issuer' || key === 'Subject') {
        if (v) cur[key === 'Issuer' ? 'issuer' : 'subject'] = v;
        else block = key === 'Issuer' ? 'issuer' : 'subject';
      } else if (key === 'NotBefore') cur.notBefore = v;
      else if (key === 'NotAfter') cur.notAfter = v;
      else if (key === 'Cert Hash(sha1)') cur.thumbprint = /^[0-9a-f\s]{40,60}$/i.test(v) ? hex(v) : undefined;
      else if (key === 'Public Key Length') cur.keyBits = Number(/^(\d{3,5})/.exec(v)?.[1]) || undefined;
      else if (key === 'KeySpec') cur.keySpec = /AT_SIGNATURE|^2\b/.test(v) ? 'signature' : /AT_KEYEXCHANGE|^1\b/.test(v) ? 'exchange' : undefined;
      used.push(i);
      continue;
    }
    if (/^\s{0,4}Signature Algorithm:\s*$/.test(line)) {
      closeDn();
      block = 'signature';
      used.push(i);
      continue;
    }
    if ((m = EXT_HEADER.exec(line))) {
      closeDn();
      block = m[1] === 'Enhanced Key Usage' ? 'eku' : m[1] === 'Subject Alternative Name' ? 'san' : 'other';
      if (block === 'eku') cur.eku ??= [];
      used.push(i);
      continue;
    }
    if (block === 'issuer' || block === 'subject') {
      if ((m = DN_PART.exec(line))) {
        dn.push(m[1].trim());
        used.push(i);
        continue;
      }
      if (/^\s{2,8}Name Hash\((?:sha1|md5)\):/.test(line)) {
        used.push(i);
        continue;
      }
      closeDn();
      block = undefined;
    }
    if (block === 'signature' && (m = ALGORITHM_OID.exec(line))) {
      // The first Signature Algorithm block is the certificate's; the one after the extensions repeats it.
      cur.signatureAlgorithm ??= m[2] ?? SIGNATURE_OIDS[m[1]] ?? m[1];
      used.push(i);
      continue;
    }
    if (block === 'eku' && (m = EKU_LINE.exec(line))) {
      cur.eku!.push(`${m[1].trim()} (${m[2]})`);
      used.push(i);
      continue;
    }
    if (block === 'san' && (m = SAN_LINE.exec(line))) {
      (m[1] === 'DNS Name' ? cur.dnsNames : cur.ipAddresses).push(m[2]);
      used.push(i);
      continue;
    }
    if (CERTUTIL_SELF.test(line)) {
      cur.selfSigned = true;
      used.push(i);
    } else if (CERTUTIL_NON_ROOT.test(line)) {
      cur.selfSigned = false;
      used.push(i);
    } else if (CERTUTIL_NO_KEY.test(line)) {
      cur.hasPrivateKey = false;
      used.push(i);
    } else if (CERTUTIL_KEY_INFO.test(line)) {
      // Key information is printed only for a certificate with a key; "Missing stored keyset" overrides.
      if (cur.hasPrivateKey !== false) cur.hasPrivateKey = true;
      used.push(i);
    } else if (PS_COMMAND.test(line) || CERTUTIL_OTHER.test(line)) used.push(i);
  }
  closeDn();
  if (!certs.length || !certs.some((c) => c.subject || c.thumbprint)) return undefined;
  return { certs, used, verbose, store };
}

function readPowershell(lines: string[]): { certs: CertificateInfo[]; used: number[]; table: boolean; store?: string } | undefined {
  const certs: CertificateInfo[] = [];
  const used: number[] = [];
  let cur: CertificateInfo | undefined;
  let last: 'subject' | 'issuer' | 'eku-text' | 'dns-text' | 'other' | undefined;
  let ekuText = '';
  let dnsText = '';
  let table = false;
  let store: string | undefined;
  const finish = () => {
    if (!cur) return;
    if (ekuText) cur.eku = braced(ekuText);
    if (dnsText) cur.dnsNames = braced(dnsText);
    ekuText = dnsText = '';
    cur = undefined;
  };
  for (let i = 0; i < lines.length && certs.length <= MAX_CERTS; i++) {
    const line = lineAt(lines, i);
    let m: RegExpExecArray | null;
    if ((m = PS_FIELD.exec(line))) {
      const [, key, raw] = m;
      const v = raw.trim();
      // A record starts again with the first field of the selection (Format-List prints a blank line between records, pastes often lose it).
      if (!cur || (key === 'Subject' && cur.subject !== undefined) || (key === 'Thumbprint' && cur.thumbprint !== undefined)) {
        finish();
        certs.push((cur = newCert()));
      }
      last = 'other'; // a wrapped value of a field we do not read is still part of the listing
      if (key === 'Subject') (cur.subject = v), (last = 'subject');
      else if (key === 'Issuer') (cur.issuer = v), (last = 'issuer');
      else if (key === 'Thumbprint' && /^[0-9A-F]{40}$/i.test(v)) cur.thumbprint = v.toLowerCase();
      else if (key === 'NotBefore') cur.notBefore = v;
      else if (key === 'NotAfter') cur.notAfter = v;
      else if (key === 'EnhancedKeyUsageList') (ekuText = v || '{}'), (last = 'eku-text');
      else if (key === 'DnsNameList') (dnsText = v), (last = 'dns-text');
      else if (key === 'HasPrivateKey') cur.hasPrivateKey = /^true$/i.test(v) ? true : /^false$/i.test(v) ? false : undefined;
      else if (key === 'SignatureAlgorithm' && !/System\.Security/.test(v)) cur.signatureAlgorithm = v;
      else if (key === 'FriendlyName' && v) cur.friendlyName = v;
      else if (key === 'PSPath' || key === 'PSParentPath') store ??= /Certificate::(\w{1,20}\\\w{1,40})/.exec(v)?.[1];
      used.push(i);
    } else if (cur && last && /^\s{10,60}\S/.test(line)) {
      // Format-List wraps a long value onto lines indented under it.
      const more = line.trim();
      if (last === 'eku-text') ekuText += ` ${more}`;
      else if (last === 'dns-text') dnsText += ` ${more}`;
      else if (last === 'subject' || last === 'issuer') cur[last] = `${cur[last] ?? ''} ${more}`.trim();
      // 'other': consumed, not read
      used.push(i);
    } else if ((m = PS_TABLE_ROW.exec(line))) {
      finish();
      table = true;
      certs.push({ ...newCert(), thumbprint: m[1].toLowerCase(), subject: m[2].trim() });
      used.push(i);
    } else if (PS_TABLE_HEAD.test(line)) {
      const s = /Certificate::(\w{1,20}\\\w{1,40})/.exec(line);
      if (s) store ??= s[1];
      used.push(i);
    } else if (PS_COMMAND.test(line)) {
      used.push(i);
    } else if (line.trim() === '') {
      last = undefined;
    }
  }
  finish();
  const real = certs.filter((c) => c.subject !== undefined || c.thumbprint !== undefined);
  // One stray "Subject :" line is not a certificate listing: a certificate shows a thumbprint or a validity date too.
  if (!real.some((c) => c.thumbprint || c.notAfter)) return undefined;
  for (const c of real) if (c.issuer !== undefined && c.subject !== undefined) c.selfSigned = c.issuer.toLowerCase() === c.subject.toLowerCase();
  return { certs: real.slice(0, MAX_CERTS), used, table, store };
}

/** How a certificate reads in one line of the chat. */
function describe(c: CertificateInfo): string {
  const parts: string[] = [];
  if (c.notAfter) parts.push(`valid to ${c.notAfter}`);
  if (c.dnsNames.length) parts.push(`names ${c.dnsNames.slice(0, 4).join(', ')}${c.dnsNames.length > 4 ? ' ...' : ''}`);
  if (c.ipAddresses.length) parts.push(`IP ${c.ipAddresses.slice(0, 2).join(', ')}`);
  if (c.eku) parts.push(c.eku.length ? c.eku.map((e) => e.replace(/\s*\([\d.]+\)$/, '')).join(', ') : 'any purpose');
  if (c.selfSigned) parts.push('self-signed');
  else if (c.issuer) parts.push(`issued by ${commonName(c.issuer) ?? c.issuer}`);
  if (c.hasPrivateKey !== undefined) parts.push(c.hasPrivateKey ? 'private key' : 'NO private key');
  if (c.signatureAlgorithm) parts.push(c.signatureAlgorithm);
  if (c.keyBits) parts.push(`${c.keyBits}-bit key`);
  if (c.keySpec === 'signature') parts.push('KeySpec AT_SIGNATURE');
  if (!parts.length && c.thumbprint) parts.push(`thumbprint ${c.thumbprint.toUpperCase()}`);
  return parts.join('; ') || 'no details shown';
}

export function readCertificates(lines: string[]): ReadResult | undefined {
  const cu = readCertutil(lines);
  const ps = cu ? undefined : readPowershell(lines);
  const found = cu ?? ps;
  if (!found) return undefined;
  const source: CertificateStoreData['source'] = cu ? (cu.verbose ? 'certutil-verbose' : 'certutil') : ps!.table ? 'powershell-table' : 'powershell';
  const certificates = found.certs.map((c) => {
    const out: CertificateInfo = { ...c, dnsNames: uniq(c.dnsNames).slice(0, 50), ipAddresses: uniq(c.ipAddresses).slice(0, 20) };
    const after = c.notAfter ? certDateReadings(c.notAfter) : undefined;
    const before = c.notBefore ? certDateReadings(c.notBefore) : undefined;
    if (after) out.notAfterMs = after;
    if (before) out.notBeforeMs = before;
    return out;
  });
  const data: CertificateStoreData = { source, ...(found.store ? { store: found.store } : {}), certificates };
  const facts = certificates.slice(0, 6).map((c, i) => fact(`Certificate ${commonName(c.subject) ?? c.subject ?? c.thumbprint?.slice(0, 8) ?? i + 1}`, describe(c)));
  if (certificates.length > 6) facts.push(fact('More certificates', `${certificates.length - 6} not listed here`));
  const title = source.startsWith('certutil') ? `certutil${source === 'certutil-verbose' ? ' -v' : ''} -store${found.store ? ` ${found.store}` : ''}` : `Get-ChildItem Cert:\\${found.store ?? 'LocalMachine\\My'}`;
  return { artifact: { kind: 'certificates', title, facts, data }, lines: found.used };
}
