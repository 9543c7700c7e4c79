/**
 * Signature lines of the artifacts, as data: for each kind listed, a reader finds nothing unless the
 * text holds one of these (lower-case) strings, so readArtifacts skips it when none is there (one
 * cheap scan of the text instead of the reader's per-line patterns). Each list must be a necessary
 * condition of its reader: every line pattern that lets the reader return a result contains one of
 * them (test/parse/artifacts/reader-signs.test.ts checks this on every fixture). Kinds not listed
 * (their rows have no fixed words: netstat, ss, cipher lists, certificate stores, ERRORLOG, nslookup)
 * always run.
 */
import type { ArtifactKind } from '../types';
import { SCHANNEL_EVENTS } from './schannel-events';

export const READER_SIGNS: Partial<Record<ArtifactKind, readonly string[]>> = {
  // An event's message phrase, an Event Viewer line naming Schannel, or "The TLS/SSL fatal alert code is 40".
  schannel: [...SCHANNEL_EVENTS.flatMap((e) => e.phrases), 'schannel', 'fatal alert code is', 'fatal error code is'],
  // setspn -L / -Q / -X output.
  setspn: ['registered serviceprincipalnames for', 'checking domain', 'no such spn found', 'existing spn found', 'duplicate spn found', 'is registered on these accounts:', 'of duplicate spn'],
  // PortQry ("TCP port 1433 (ms-sql-s service): LISTENING", its target lines) and Test-NetConnection fields and warnings.
  'port-check': ['tcp port ', 'udp port ', 'querying target system called:', 'name resolved to ', 'failed to resolve name to ip address', 'warning: tcp connect to', 'warning: name resolution of', 'tcptestsucceeded', 'remoteport'],
};
