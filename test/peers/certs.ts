/**
 * Test certificates made with the openssl CLI at test time, in a temporary directory: a private
 * CA, a good leaf, leaves signed with SHA-1 and MD5, an expired leaf and a leaf for another name.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Pem {
  cert: Buffer;
  key: Buffer;
}

export interface TestCerts {
  dir: string;
  caFile: string;
  ca: Buffer;
  good: Pem;
  sha1: Pem;
  md5: Pem;
  expired: Pem;
  mismatch: Pem;
  cleanup(): void;
}

const GOOD_SAN = 'subjectAltName=DNS:sql.test.local,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';
const OTHER_SAN = 'subjectAltName=DNS:other.test.local\nextendedKeyUsage=serverAuth\n';

function ssl(dir: string, args: string[]): void {
  // OpenSSL 3 refuses MD5 signatures at its default security level; level 0 lets us make them.
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, OPENSSL_CONF: path.join(dir, 'openssl.cnf') } });
}

function leaf(dir: string, name: string, cn: string, ext: string, digest: string): Pem {
  fs.writeFileSync(path.join(dir, `${name}.ext`), ext);
  ssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  ssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.crt`, '-days', '30', `-${digest}`, '-extfile', `${name}.ext`]);
  return { cert: fs.readFileSync(path.join(dir, `${name}.crt`)), key: fs.readFileSync(path.join(dir, `${name}.key`)) };
}

function expiredLeaf(dir: string): Pem {
  fs.mkdirSync(path.join(dir, 'issued'));
  fs.writeFileSync(path.join(dir, 'index.txt'), '');
  fs.writeFileSync(path.join(dir, 'serial'), '1000\n');
  fs.writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ca]', 'default_ca = test', '[test]', 'database = index.txt', 'serial = serial', 'new_certs_dir = issued',
      'certificate = ca.crt', 'private_key = ca.key', 'default_md = sha256', 'policy = anything', 'copy_extensions = copy',
      'unique_subject = no', '[anything]', 'commonName = supplied',
    ].join('\n') + '\n',
  );
  ssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'expired.key', '-out', 'expired.csr', '-subj', '/CN=sql.test.local',
    '-addext', 'subjectAltName=DNS:sql.test.local,DNS:localhost,IP:127.0.0.1']);
  ssl(dir, ['ca', '-batch', '-config', 'ca.cnf', '-in', 'expired.csr', '-out', 'expired.crt', '-startdate', '20200101000000Z', '-enddate', '20210101000000Z', '-notext']);
  return { cert: fs.readFileSync(path.join(dir, 'expired.crt')), key: fs.readFileSync(path.join(dir, 'expired.key')) };
}

export function makeCerts(): TestCerts {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqltriage-certs-'));
  fs.writeFileSync(
    path.join(dir, 'openssl.cnf'),
    'openssl_conf = init\n[init]\nssl_conf = ssl_sect\nalg_section = algs\n[algs]\n[ssl_sect]\nsystem_default = sys\n[sys]\nCipherString = DEFAULT@SECLEVEL=0\n[req]\ndistinguished_name = dn\n[dn]\n',
  );
  ssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '30', '-subj', '/CN=sqltriage Probe Test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  const certs: TestCerts = {
    dir,
    caFile: path.join(dir, 'ca.crt'),
    ca: fs.readFileSync(path.join(dir, 'ca.crt')),
    good: leaf(dir, 'good', 'sql.test.local', GOOD_SAN, 'sha256'),
    sha1: leaf(dir, 'sha1', 'sql.test.local', GOOD_SAN, 'sha1'),
    md5: leaf(dir, 'md5', 'sql.test.local', GOOD_SAN, 'md5'),
    expired: expiredLeaf(dir),
    mismatch: leaf(dir, 'mismatch', 'other.test.local', OTHER_SAN, 'sha256'),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
  return certs;
}
