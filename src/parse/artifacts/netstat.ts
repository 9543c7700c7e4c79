/**
 * netstat and ss output: Windows `netstat -aon` / `-abon` (localized headers and states included),
 * Linux `netstat -tlnp` / `-tanp` and `ss -tlnp` / `-tan`. Rows are read as whitespace-separated
 * tokens, never with a regular expression over the whole line. What it keeps: listeners with their
 * owning process, and per service port how many connections are in each state.
 */
import { SOCKET_STATES, SQL_SERVER_PROCESSES } from './data/socket-states';
import { fact, lineAt, listOf, parseEndpoint, toInt } from './common';
import type { ArtifactFact, NetstatData, NetstatListener, ReadResult, SocketState, TcpEndpoint } from './types';

interface Row {
  proto: 'tcp' | 'udp';
  local: TcpEndpoint;
  remote?: TcpEndpoint;
  state: SocketState;
  pid?: number;
  process?: string;
  format: NetstatData['format'];
}

const MAX_LISTENERS = 500;
const MAX_PORTS = 30;
const SS_PROCESS = /users:\(\("([^"]{1,64})",pid=(\d{1,9})/;
const OWNER_LINE = /^\s{0,8}\[([^\][]{1,100})\]\s*$/;
const SERVICE_LINE = /^\s{1,8}[A-Za-z][\w .-]{0,60}$/;

function stateOf(word: string | undefined): SocketState | undefined {
  return word === undefined ? undefined : SOCKET_STATES[word.toUpperCase()];
}

/** The remote side of a row: "0.0.0.0:0", "[::]:0", "*:*", "0.0.0.0:*" and ":::*" mean no peer (a listener). */
function remoteOf(token: string): { endpoint?: TcpEndpoint; none: boolean } {
  if (/^(?:\*|0\.0\.0\.0|\[::\]|::|\[::0\]):(?:\*|0)$/.test(token) || token === ':::*' || token === '*:*') return { none: true };
  const endpoint = parseEndpoint(token);
  return endpoint ? { endpoint, none: endpoint.port === 0 } : { none: false };
}

function windowsRow(t: string[]): Row | undefined {
  const proto = t[0].toUpperCase();
  if ((proto !== 'TCP' && proto !== 'UDP') || t.length < 3 || t.length > 5) return undefined;
  const local = parseEndpoint(t[1]);
  if (!local) return undefined;
  const remote = remoteOf(t[2]);
  const rest = t.slice(3);
  const pid = rest.length > 0 && /^\d{1,9}$/.test(rest[rest.length - 1]) ? toInt(rest.pop()) : undefined;
  let state = proto === 'UDP' ? 'listening' : stateOf(rest[0]);
  if (!state && proto === 'TCP') state = remote.none ? 'listening' : pid === 0 ? 'time-wait' : 'other'; // Windows shows TIME_WAIT under PID 0
  return { proto: proto === 'TCP' ? 'tcp' : 'udp', local, remote: remote.endpoint, state: state ?? 'other', pid, format: 'windows' };
}

function linuxNetstatRow(t: string[]): Row | undefined {
  const proto = t[0].toLowerCase();
  if (!/^(?:tcp|udp)6?$/.test(proto) || t.length < 5 || !/^\d{1,12}$/.test(t[1]) || !/^\d{1,12}$/.test(t[2])) return undefined;
  const local = parseEndpoint(t[3]);
  if (!local) return undefined;
  const remote = remoteOf(t[4]);
  const isUdp = proto.startsWith('udp');
  const state = isUdp ? 'listening' : stateOf(t[5]) ?? (remote.none ? 'listening' : 'other');
  const owner = t[isUdp ? 5 : 6];
  const m = owner ? /^(\d{1,9})\/(\S{1,64})$/.exec(owner) : null;
  return { proto: isUdp ? 'udp' : 'tcp', local, remote: remote.endpoint, state, ...(m ? { pid: toInt(m[1]), process: m[2].toLowerCase() } : {}), format: 'linux-netstat' };
}

function ssRow(t: string[], line: string): Row | undefined {
  let i = 0;
  let proto: 'tcp' | 'udp' = 'tcp';
  if (/^(?:tcp|udp)$/i.test(t[0])) (proto = t[0].toLowerCase() as 'tcp' | 'udp'), (i = 1);
  const state = stateOf(t[i]);
  if (!state || t.length < i + 5 || !/^\d{1,12}$/.test(t[i + 1]) || !/^\d{1,12}$/.test(t[i + 2])) return undefined;
  const local = parseEndpoint(t[i + 3]);
  if (!local) return undefined;
  const remote = remoteOf(t[i + 4]);
  const m = line.includes('users:') ? SS_PROCESS.exec(line) : null;
  if (t[i] === 'UNCONN') proto = 'udp';
  return { proto, local, remote: remote.endpoint, state, ...(m ? { pid: toInt(m[2]), process: m[1].toLowerCase() } : {}), format: 'ss' };
}

export function isSqlServerProcess(name: string | undefined): boolean {
  return name !== undefined && SQL_SERVER_PROCESSES.includes(name.toLowerCase());
}

export function readNetstat(lines: string[]): ReadResult | undefined {
  const rows: Row[] = [];
  const used: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lineAt(lines, i);
    if (line.length < 3 || line.length > 400) continue;
    const owner = OWNER_LINE.exec(line);
    if (owner && rows.length && used[used.length - 1] >= i - 2) {
      // netstat -b: the owning program follows its row, sometimes after a service name line.
      const last = rows[rows.length - 1];
      if (!last.process) last.process = owner[1].toLowerCase();
      used.push(i);
      continue;
    }
    const t = line.trim().split(/\s+/, 12);
    const row = windowsRow(t) ?? linuxNetstatRow(t) ?? ssRow(t, line);
    if (row) {
      rows.push(row);
      used.push(i);
    } else if (rows.length && used[used.length - 1] === i - 1 && SERVICE_LINE.test(line)) {
      used.push(i); // netstat -b: the service name, or "Can not obtain ownership information", between a row and its program
    } else if (/^\s{0,4}(?:Active Connections|Aktive Verbindungen|Connexions actives|Conexiones activas|Connessioni attive|Conexões ativas|Active Internet connections)\b/i.test(line) || /^\s{0,4}(?:Proto|Netid|State)\s/.test(line)) {
      used.push(i);
    }
  }
  if (rows.length === 0) return undefined;
  const data = summarise(rows);
  const title = data.format === 'ss' ? 'ss (Linux)' : data.format === 'linux-netstat' ? 'netstat (Linux)' : rows.some((r) => r.process) ? 'netstat -abon (Windows)' : 'netstat -aon (Windows)';
  return { artifact: { kind: 'netstat', title, facts: netstatFacts(data), data }, lines: used };
}

function summarise(rows: Row[]): NetstatData {
  const format = rows[0].format;
  const listeners: NetstatListener[] = [];
  const seen = new Set<string>();
  // A PID seen with a program name anywhere in the output names that program everywhere.
  const names = new Map<number, string>();
  for (const r of rows) if (r.pid !== undefined && r.process) names.set(r.pid, r.process);
  for (const r of rows) {
    if (r.state !== 'listening') continue;
    const key = `${r.proto} ${r.local.address} ${r.local.port}`;
    if (seen.has(key) || listeners.length >= MAX_LISTENERS) continue;
    seen.add(key);
    const process = r.process ?? (r.pid !== undefined ? names.get(r.pid) : undefined);
    listeners.push({ proto: r.proto, address: r.local.address, port: r.local.port, ...(r.pid !== undefined ? { pid: r.pid } : {}), ...(process ? { process } : {}) });
  }
  const listening = new Set(listeners.filter((l) => l.proto === 'tcp').map((l) => l.port));
  const counts = new Map<number, NetstatData['byPort'][number]>();
  for (const r of rows) {
    if (r.proto !== 'tcp' || r.state === 'listening' || !r.remote) continue;
    // The service end: a port this machine listens on, else the lower of the two (the other is ephemeral).
    const port = listening.has(r.local.port) ? r.local.port : Math.min(r.local.port, r.remote.port);
    let c = counts.get(port);
    if (!c) counts.set(port, (c = { port, established: 0, timeWait: 0, closeWait: 0, synSent: 0, total: 0 }));
    c.total++;
    if (r.state === 'established') c.established++;
    else if (r.state === 'time-wait') c.timeWait++;
    else if (r.state === 'close-wait') c.closeWait++;
    else if (r.state === 'syn-sent') c.synSent++;
  }
  const byPort = [...counts.values()].sort((a, b) => b.total - a.total).slice(0, MAX_PORTS);
  return { format, listeners, byPort, rows: rows.length };
}

function listenerText(l: NetstatListener): string {
  const owner = [l.process, l.pid !== undefined ? `PID ${l.pid}` : undefined].filter(Boolean).join(', ');
  const where = l.address === '0.0.0.0' || l.address === '::' ? '' : ` on ${l.address}`;
  return `${l.port}${where}${owner ? ` (${owner})` : ''}`;
}

function netstatFacts(d: NetstatData): ArtifactFact[] {
  const out: ArtifactFact[] = [];
  const tcp = d.listeners.filter((l) => l.proto === 'tcp');
  const sql = tcp.filter((l) => isSqlServerProcess(l.process));
  if (sql.length) out.push(fact('SQL Server listens on', listOf([...new Set(sql.map(listenerText))])));
  const interesting = tcp.filter((l) => !isSqlServerProcess(l.process) && (l.port === 1433 || l.port === 1434 || l.port >= 1024));
  if (interesting.length) out.push(fact('Other TCP listeners', listOf([...new Set(interesting.map(listenerText))])));
  else if (!sql.length) out.push(fact('TCP listeners', tcp.length ? listOf([...new Set(tcp.map(listenerText))]) : 'none'));
  const udp1434 = d.listeners.find((l) => l.proto === 'udp' && l.port === 1434);
  if (udp1434) out.push(fact('UDP 1434 (SQL Server Browser)', `open${udp1434.pid !== undefined ? ` (PID ${udp1434.pid})` : ''}`));
  for (const p of d.byPort.slice(0, 3)) {
    const parts = [p.established && `${p.established} ESTABLISHED`, p.timeWait && `${p.timeWait} TIME_WAIT`, p.closeWait && `${p.closeWait} CLOSE_WAIT`, p.synSent && `${p.synSent} SYN_SENT`].filter(Boolean);
    if (parts.length) out.push(fact(`Connections on port ${p.port}`, parts.join(', ')));
  }
  return out;
}
