/**
 * The SQL Server ERRORLOG (any excerpt): what the server listens on, its certificate, its
 * authentication mode, SPN registration, logins that failed with their reason, and the connection-
 * related errors it logged. Messages are recognised by their text, so the prefix may be any
 * version's (ISO timestamp and source column, SSMS log viewer export, a bare message).
 */
import { CLIENT_VISIBLE_ERRORS, ERRORLOG_EVENTS, LOGIN_REASONS } from './data/errorlog-events';
import { fact, lineAt, listOf, toInt, uniq, validPort } from './common';
import type { ArtifactFact, ErrorlogData, ErrorlogLogin, ReadResult } from './types';

// SQL Server 2005 and later: "Server is listening on [ 'any' <ipv4> 1433]." / "[ 127.0.0.1 <ipv4> 1434]" / "[ ::1 <ipv6> 1434]".
const LISTENING = /Server is listening on \[ {0,3}'?([^'\]<>\s]{1,60})'? {0,3}<(ipv4|ipv6)> {0,3}(\d{1,5}) {0,3}\]/i;
// SQL Server 2000: "SQL server listening on 10.0.0.5: 1433."
const LISTENING_2000 = /SQL server listening on (\d{1,3}(?:\.\d{1,3}){3}): {0,3}(\d{1,5})/i;
const PIPE = /(?:named pipe|local connection) provider is ready to accept connection on \[ {0,3}([^\]\s]{1,200}) {0,3}\]/i;
const READY = /SQL Server is (?:now )?ready for client connections/i;
const DAC = /Dedicated admin(?:istrator)? connection support was established for listening (?:locally|remotely) on port (\d{1,5})/i;
const PROCESS_ID = /Server process ID is (\d{1,9})/i;
const BANNER = /Microsoft SQL Server {1,3}(\d{4}|vNext)[^\n]{0,120}?- (\d{1,2})\.\d{1,2}\.\d{1,5}(?:\.\d{1,5})?/i;
const RUNS_ON = /\bon (Windows (?:Server )?[^<\n]{1,60}?|Windows NT [\d.]{1,10}|Linux \([^)\n]{1,60}\))(?: <|\s*\(|$)/i;
const CERT_LOADED = /The certificate \[Cert Hash\(sha1\) "([0-9A-Fa-f]{40})"\] was successfully loaded for encryption/i;
const CERT_SELF = /A self-generated certificate was successfully loaded for encryption/i;
const CERT_FAILED = /(?:Unable to load user-specified certificate|could not load the certificate it needs to initiate an SSL connection)/i;
const AUTH_MODE = /Authentication mode is (WINDOWS-ONLY|MIXED)/i;
const SPN_OK = /successfully registered the Service Principal Name \(SPN\) \[ {0,3}([^\]\s]{1,200}) {0,3}\]/i;
const SPN_FAILED = /could not register the Service Principal Name \(SPN\) \[ {0,3}([^\]\s]{1,200}) {0,3}\]/i;
const ERROR_LINE = /Error: (\d{1,6}), Severity: (\d{1,2}), State: (\d{1,3})/i;
const LOGIN_FAILED = /Login failed for user '([^'\n]{0,128})'\.?(?: {0,3}Reason: ([^[\n]{1,300}))?(?:\[CLIENT: {0,3}([^\]\s]{1,64})\])?/i;
const DB_OPTION = /Setting database option (SINGLE_USER|OFFLINE) to ON for database '([^'\n]{1,128})'/i;
const DB_OFFLINE = /Database '([^'\n]{1,128})' cannot be opened because it is offline/i;
const DB_RESTORING = /database '([^'\n]{1,128})' is marked RESTORING/i;
// A line as SQL Server writes it: date, time with hundredths, and the source column (Server, spidNN, Logon, Backup).
const LOG_LINE = /^\s{0,4}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{2} {1,4}(?:Server|spid\d{1,5}s?|Logon|Backup|server)\b/;

function newData(): ErrorlogData {
  return { listening: [], pipes: [], startup: false, spnRegistered: [], spnFailed: [], logins: [], events: [], databases: [] };
}

function eventsOf(line: string, lower: string, errorNumber: number | undefined): string[] {
  const out: string[] = [];
  for (const ev of ERRORLOG_EVENTS) {
    if ((errorNumber !== undefined && ev.numbers?.includes(errorNumber)) || ev.phrases?.some((p) => lower.includes(p))) out.push(ev.id);
  }
  return out;
}

function loginOf(m: RegExpExecArray, pendingState: number | undefined): ErrorlogLogin {
  const reason = m[2]?.trim();
  const lower = reason?.toLowerCase() ?? '';
  const state = pendingState ?? LOGIN_REASONS.find((r) => lower.includes(r.phrase))?.state;
  return {
    ...(state !== undefined ? { state } : {}),
    ...(reason ? { reason: reason.slice(0, 200) } : {}),
    ...(m[1] ? { user: m[1] } : {}),
    ...(m[3] ? { client: m[3] } : {}),
  };
}

/** Reads every ERRORLOG line of `lines`; undefined when none is there. */
export function readErrorlog(lines: string[]): ReadResult | undefined {
  const d = newData();
  const used: number[] = [];
  const failures: number[] = []; // error lines and their message lines: what the error-text classifier should read
  let known = 0;
  let serverOnly = false;
  let bannerAt = -1;
  let pendingState: number | undefined; // the state of an 18456 "Error:" line waits for its "Login failed" line
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    if (line.length < 12) continue;
    const lower = line.toLowerCase();
    const before = known;
    let m: RegExpExecArray | null;
    if ((m = LISTENING.exec(line))) {
      const port = validPort(toInt(m[3]));
      if (port !== undefined) d.listening.push({ address: m[1] === 'any' ? (m[2] === 'ipv4' ? '0.0.0.0' : '::') : m[1], port, ip: m[2] as 'ipv4' | 'ipv6' });
      known++;
    } else if ((m = LISTENING_2000.exec(line))) {
      const port = validPort(toInt(m[2]));
      if (port !== undefined) d.listening.push({ address: m[1], port, ip: 'ipv4' });
      known++;
    }
    if ((m = PIPE.exec(line))) {
      d.pipes.push(m[1]);
      d.startup = true;
      known++;
    }
    if (READY.test(line)) (d.startup = true), known++;
    if ((m = DAC.exec(line))) (d.dacPort = validPort(toInt(m[1]))), known++;
    if ((m = PROCESS_ID.exec(line))) (d.processId = toInt(m[1])), known++;
    if (!d.version && (m = BANNER.exec(line))) {
      d.version = line.slice(m.index, m.index + 120).replace(/\s+/g, ' ').trim();
      d.major = toInt(m[2]);
      bannerAt = i;
      known++;
    }
    if (!d.os && lower.includes(' on ') && (m = RUNS_ON.exec(line)) && (d.version || lower.includes('edition'))) d.os = m[1].trim();
    if ((m = CERT_LOADED.exec(line))) (d.certificate = 'configured'), (d.certificateHash = m[1].toUpperCase()), known++;
    else if (CERT_SELF.test(line)) (d.certificate = 'self-generated'), known++;
    else if (CERT_FAILED.test(line)) (d.certificate = 'load-failed'), known++;
    if ((m = AUTH_MODE.exec(line))) (d.authMode = m[1].toUpperCase() === 'MIXED' ? 'mixed' : 'windows'), known++;
    if ((m = SPN_OK.exec(line))) d.spnRegistered.push(m[1]), known++;
    if ((m = SPN_FAILED.exec(line))) d.spnFailed.push(m[1]), known++;
    let errorNumber: number | undefined;
    if ((m = ERROR_LINE.exec(line))) {
      errorNumber = toInt(m[1]);
      if (errorNumber !== undefined && CLIENT_VISIBLE_ERRORS.includes(errorNumber)) failures.push(i, i + 1); // the message follows on the next line
      pendingState = errorNumber === 18456 ? toInt(m[3]) : undefined;
      known++;
    }
    if (lower.includes('login failed for user') && (pendingState !== undefined || lower.includes('[client:')) && (m = LOGIN_FAILED.exec(line))) {
      if (!lower.includes('server is in single user mode')) d.logins.push(loginOf(m, pendingState));
      failures.push(i);
      pendingState = undefined;
      known++;
    }
    if ((m = DB_OPTION.exec(line))) d.databases.push({ name: m[2], state: m[1].toUpperCase() === 'OFFLINE' ? 'offline' : 'single-user' }), known++;
    if ((m = DB_OFFLINE.exec(line))) d.databases.push({ name: m[1], state: 'offline' }), known++;
    if ((m = DB_RESTORING.exec(line))) d.databases.push({ name: m[1], state: 'restoring' }), known++;
    // Up to here every message is one only the server writes; the phrases below may also reach a client.
    if (known > before || LOG_LINE.test(line) || lower.includes('[client:')) serverOnly = true;
    const events = eventsOf(line, lower, errorNumber);
    if (events.length) d.events.push(...events), known++;
    if (known > before || LOG_LINE.test(line)) used.push(i);
    else if (bannerAt >= 0 && i - bannerAt <= 4 && /^\s/.test(line)) used.push(i); // the banner's continuation lines
  }
  // A client's own error text ("Login failed for user 'sa'.") is not an ERRORLOG: something only the server writes must be there.
  if (!serverOnly) return undefined;
  d.events = uniq(d.events);
  d.pipes = uniq(d.pipes);
  d.spnRegistered = uniq(d.spnRegistered);
  d.spnFailed = uniq(d.spnFailed);
  return { artifact: { kind: 'errorlog', title: 'SQL Server ERRORLOG', facts: errorlogFacts(d), data: d }, lines: used, errorLines: failures.filter((i) => i < lines.length) };
}

function endpointsText(d: ErrorlogData): string {
  return listOf(uniq(d.listening.map((l) => `TCP ${l.port}${l.address === '0.0.0.0' || l.address === '::' ? '' : ` on ${l.address}`}`)));
}

function errorlogFacts(d: ErrorlogData): ArtifactFact[] {
  const out: ArtifactFact[] = [];
  if (d.version) out.push(fact('Version', d.version));
  if (d.os) out.push(fact('Runs on', d.os));
  if (d.processId !== undefined) out.push(fact('Process ID', String(d.processId)));
  if (d.listening.length) out.push(fact('Listening on', endpointsText(d)));
  else if (d.startup) out.push(fact('Listening on', 'no TCP port in this excerpt (TCP/IP disabled, or the lines are missing)'));
  if (d.pipes.length) out.push(fact('Named pipes', listOf(d.pipes, 3)));
  if (d.certificate === 'configured') out.push(fact('Certificate', `loaded for encryption (sha1 ${d.certificateHash})`));
  if (d.certificate === 'self-generated') out.push(fact('Certificate', 'self-generated (no certificate configured or found)'));
  if (d.certificate === 'load-failed') out.push(fact('Certificate', 'could not be loaded'));
  if (d.authMode) out.push(fact('Authentication mode', d.authMode === 'mixed' ? 'SQL Server and Windows (mixed)' : 'Windows only'));
  if (d.spnRegistered.length) out.push(fact('SPN registered', listOf(d.spnRegistered, 3)));
  if (d.spnFailed.length) out.push(fact('SPN not registered', listOf(d.spnFailed, 3)));
  if (d.logins.length) {
    const reasons = uniq(d.logins.map((l) => `${l.user !== undefined ? `'${l.user}'` : 'a login'}${l.state !== undefined ? ` state ${l.state}` : ''}${l.reason ? ` (${l.reason.replace(/\.$/, '')})` : ''}`));
    out.push(fact(`Login failed (18456) x${d.logins.length}`, listOf(reasons, 3)));
  }
  for (const db of uniq(d.databases.map((x) => `${x.name}: ${x.state}`))) out.push(fact('Database', db));
  const labels = d.events.map((id) => ERRORLOG_EVENTS.find((e) => e.id === id)?.label ?? id);
  if (labels.length) out.push(fact('Errors logged', listOf(labels, 4)));
  return out;
}
