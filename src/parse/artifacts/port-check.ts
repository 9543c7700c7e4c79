/**
 * Port checks: PortQry ("TCP port 1433 (ms-sql-s service): LISTENING" / NOT LISTENING / FILTERED,
 * and the SQL Server Browser answer to its UDP 1434 query) and PowerShell's Test-NetConnection
 * (RemotePort, TcpTestSucceeded, the "TCP connect ... failed" and "Name resolution ... failed" warnings).
 */
import { fact, lineAt, listOf, toInt, validPort } from './common';
import type { PortCheckData, PortResult, ReadResult } from './types';

const PORTQRY = /^\s{0,4}(TCP|UDP) port (\d{1,5})(?: \([^)\n]{0,60}\))?:\s{0,4}(LISTENING or FILTERED|NOT LISTENING|LISTENING|FILTERED)\s*$/i;
const PORTQRY_SUMMARY = /^\s{0,4}(TCP|UDP) port (\d{1,5}) is (LISTENING or FILTERED|NOT LISTENING|LISTENING|FILTERED)\s*$/i;
const PORTQRY_TARGET = /^\s{0,4}(?:Querying target system called:|Name resolved to ([0-9a-fA-F.:]{3,45}))/;
const PORTQRY_NO_NAME = /Failed to resolve name to IP address/i;
const BROWSER_INSTANCE = /^\s{0,4}InstanceName\s{1,10}(\S{1,64})\s*$/i;
const BROWSER_TCP = /^\s{0,4}tcp\s{1,10}(\d{1,5})\s*$/i;
const FIELD = /^\s{0,4}(ComputerName|RemoteAddress|RemotePort|TcpTestSucceeded|PingSucceeded|SourceAddress|InterfaceAlias|NameResolutionResults)\s{0,30}:\s{0,4}(.{0,200})$/;
const TNC_WARNING = /^\s{0,4}WARNING: (?:TCP connect to \(?([^\s:()]{1,100})\s{0,2}:\s{0,2}(\d{1,5})\)? failed|Name resolution of (\S{1,200}) failed)/i;

// Lines PortQry and Test-NetConnection print around their results, and the Browser's answer fields.
const BOILERPLATE = /^\s{0,4}(?:Attempting to resolve name to IP address\.{0,3}|querying\.{0,3}|Sending SQL Server query to UDP port \d{1,5}\.{0,3}|Server's response:|={2,6} End of SQL Server query response ={2,6}|(?:ServerName|IsClustered|Version|np)\s{1,10}\S{1,200}|WARNING: Ping to \S{1,100} failed.{0,80}|PingReplyDetails \(RTT\)\s{0,10}:.{0,40}|(?:PS )?[A-Za-z]:\\[^>\n]{0,200}>\s{0,4}(?:Test-NetConnection|tnc|portqry)\b.{0,300})\s*$/i;

function portqryResult(word: string): PortResult {
  const w = word.toUpperCase();
  return w === 'LISTENING' ? 'listening' : w === 'NOT LISTENING' ? 'not-listening' : w === 'FILTERED' ? 'filtered' : 'listening-or-filtered';
}

export function readPortCheck(lines: string[]): ReadResult | undefined {
  const d: PortCheckData = { tool: 'portqry', checks: [], nameResolutionFailed: false };
  const used: number[] = [];
  let portqry = false;
  let tnc = false;
  let fields = 0;
  let remotePort: number | undefined;
  let tcpTest: boolean | undefined;
  let browser: PortCheckData['browser'];
  let afterQueryTarget = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    let m: RegExpExecArray | null;
    if ((m = PORTQRY.exec(line)) || (m = PORTQRY_SUMMARY.exec(line))) {
      portqry = true;
      const port = validPort(toInt(m[2]));
      const proto = m[1].toLowerCase() as 'tcp' | 'udp';
      const result = portqryResult(m[3]);
      if (port !== undefined) {
        const same = d.checks.find((c) => c.proto === proto && c.port === port);
        if (same) same.result = result === 'listening-or-filtered' ? same.result : result;
        else d.checks.push({ proto, port, result });
      }
      used.push(i);
    } else if ((m = PORTQRY_TARGET.exec(line))) {
      portqry = true;
      if (m[1]) d.address = m[1];
      else afterQueryTarget = true;
      used.push(i);
    } else if (BOILERPLATE.test(line)) {
      used.push(i);
    } else if (afterQueryTarget && line.trim()) {
      d.host = line.trim().slice(0, 200);
      afterQueryTarget = false;
      used.push(i);
    } else if (PORTQRY_NO_NAME.test(line)) {
      portqry = true;
      d.nameResolutionFailed = true;
      used.push(i);
    } else if ((m = BROWSER_INSTANCE.exec(line))) {
      (browser ??= []).push({ instance: m[1] });
      used.push(i);
    } else if ((m = BROWSER_TCP.exec(line)) && browser?.length) {
      browser[browser.length - 1].tcpPort = validPort(toInt(m[1]));
      used.push(i);
    } else if ((m = TNC_WARNING.exec(line))) {
      tnc = true;
      if (m[3]) (d.nameResolutionFailed = true), (d.host = m[3]);
      else {
        d.address = m[1];
        remotePort = validPort(toInt(m[2]));
        tcpTest = false;
      }
      used.push(i);
    } else if ((m = FIELD.exec(line))) {
      fields++;
      const value = m[2].trim();
      if (m[1] === 'ComputerName') d.host = value;
      else if (m[1] === 'RemoteAddress' && value) d.address = value;
      else if (m[1] === 'RemotePort') remotePort = validPort(toInt(value));
      else if (m[1] === 'TcpTestSucceeded') (tnc = true), (tcpTest = /^true$/i.test(value));
      else if (m[1] === 'PingSucceeded') d.pingSucceeded = /^true$/i.test(value);
      used.push(i);
    }
  }
  if (tnc || (fields >= 3 && (remotePort !== undefined || d.nameResolutionFailed))) {
    d.tool = 'test-netconnection';
    tnc = true;
    if (tcpTest !== undefined && remotePort !== undefined) d.checks.push({ proto: 'tcp', port: remotePort, result: tcpTest ? 'succeeded' : 'failed' });
  }
  if (!portqry && !tnc) return undefined;
  if (browser) d.browser = browser;
  const facts = [];
  const target = [d.host, d.address && d.address !== d.host ? d.address : undefined].filter(Boolean).join(' ');
  if (target) facts.push(fact('Target', target));
  if (d.nameResolutionFailed) facts.push(fact('Name resolution', 'failed'));
  for (const c of d.checks.slice(0, 6)) facts.push(fact(`${c.proto.toUpperCase()} ${c.port}`, c.result.replace(/-/g, ' ').toUpperCase()));
  if (d.pingSucceeded !== undefined) facts.push(fact('Ping', d.pingSucceeded ? 'succeeded' : 'failed'));
  if (d.browser) facts.push(fact('SQL Server Browser lists', listOf(d.browser.map((b) => `${b.instance}${b.tcpPort !== undefined ? ` (TCP ${b.tcpPort})` : ''}`))));
  return { artifact: { kind: 'port-check', title: tnc ? 'Test-NetConnection' : 'PortQry', facts, data: d }, lines: used };
}
