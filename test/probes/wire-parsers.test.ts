/** The parsers that read what a remote peer sends: right on real data, calm on hostile bytes. */
import { X509Certificate } from 'node:crypto';
import fc from 'fast-check';
import { parsePrelogin, PreloginFormatError, buildPrelogin, ENCRYPT } from '../../src/probes/prelogin-payload';
import { encodeMessage, NotTdsError, TdsMessageReader } from '../../src/probes/tds-packet';
import { DerError, signatureAlgorithm } from '../../src/probes/x509-der';
import { parseSvrResp } from '../../src/probes/ssrp';
import { makeCerts } from '../peers/certs';

// The server PRELOGIN answer captured in the shared reference (SQL Server 16.0.4135, ENCRYPT_ON).
const CAPTURED = Buffer.from('00001f000601002500010200260001030027000004002700010600280001ff1000102700000100000000', 'hex');

test('a captured PRELOGIN answer', () => {
  expect(parsePrelogin(CAPTURED)).toEqual({ version: '16.0.4135.0', encryption: 'on', clientCertAuth: false, instanceMismatch: false, mars: false, fedAuthRequired: false });
});

test('our PRELOGIN request has VERSION first, the data where the table says, and ENCRYPT_OFF', () => {
  const p = buildPrelogin({ encrypt: ENCRYPT.OFF, instance: 'ERP' });
  expect(p[0]).toBe(0x00);
  expect(p.readUInt16BE(1)).toBe(26); // 5 options x 5 bytes + terminator
  const encOffset = p.readUInt16BE(6);
  expect(p[encOffset]).toBe(0);
  expect(p.subarray(p.readUInt16BE(11), p.readUInt16BE(11) + 4).toString('latin1')).toBe('ERP\0');
});

test('PRELOGIN parsing of random bytes only ever fails with PreloginFormatError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        parsePrelogin(Buffer.from(bytes));
      } catch (err) {
        return err instanceof PreloginFormatError;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
});

test('the TDS reader reassembles split packets and rejects non-TDS headers', () => {
  const big = Buffer.alloc(10_000, 7);
  const wire = encodeMessage(0x04, big, 4096);
  const r = new TdsMessageReader();
  const got = [];
  for (let i = 0; i < wire.length; i += 333) got.push(...r.push(wire.subarray(i, i + 333)));
  expect(got).toHaveLength(1);
  expect(got[0].payload.equals(big)).toBe(true);
  expect(() => new TdsMessageReader().push(Buffer.from([0x04, 1, 0, 2, 0, 0, 0, 0]))).toThrow(NotTdsError);
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      try {
        new TdsMessageReader(4096).push(Buffer.from(bytes));
      } catch (err) {
        return err instanceof NotTdsError;
      }
      return true;
    }),
  );
});

test('signature algorithms read from the DER of real certificates; junk DER is a DerError', () => {
  const certs = makeCerts();
  try {
    expect(signatureAlgorithm(new X509Certificate(certs.good.cert).raw).name).toBe('sha256WithRSAEncryption');
    expect(signatureAlgorithm(new X509Certificate(certs.sha1.cert).raw)).toMatchObject({ oid: '1.2.840.113549.1.1.5', hash: 'sha1' });
    expect(signatureAlgorithm(new X509Certificate(certs.md5.cert).raw)).toMatchObject({ oid: '1.2.840.113549.1.1.4', hash: 'md5' });
  } finally {
    certs.cleanup();
  }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
      try {
        signatureAlgorithm(Buffer.from(bytes));
      } catch (err) {
        return err instanceof DerError;
      }
      return true;
    }),
    { numRuns: 2000 },
  );
});

test('Browser replies: records with ports, and hostile datagrams return null or records without throwing', () => {
  const text = 'ServerName;H;InstanceName;ERP;IsClustered;No;Version;16.0.4135.4;tcp;50123;;ServerName;H;InstanceName;HR;IsClustered;No;Version;15.0.2000.5;np;\\\\H\\pipe\\sql\\query;;';
  const dgram = Buffer.concat([Buffer.from([5, text.length & 255, text.length >> 8]), Buffer.from(text, 'latin1')]);
  expect(parseSvrResp(dgram)).toEqual([
    expect.objectContaining({ instanceName: 'ERP', tcpPort: 50123, version: '16.0.4135.4', isClustered: false }),
    expect.objectContaining({ instanceName: 'HR', tcpPort: undefined }),
  ]);
  fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => parseSvrResp(Buffer.from(bytes)) === null || Array.isArray(parseSvrResp(Buffer.from(bytes)))));
  const start = process.hrtime.bigint();
  parseSvrResp(Buffer.concat([Buffer.from([5, 0xff, 0xff]), Buffer.alloc(65535, ';')]));
  expect(Number(process.hrtime.bigint() - start) / 1e6).toBeLessThan(200);
});
