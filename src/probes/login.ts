/**
 * Login step through tedious with credentials the administrator put in the environment. tedious
 * gets a socket we opened to an address the policy checked (its connector option), so a routing
 * answer or a DNS change cannot send it elsewhere. Its debug "State change" lines time each phase.
 */
import { Connection, ConnectionConfiguration } from 'tedious';
import type { StepResult } from './types';
import { connectTcp, elapsed } from './connect';
import { scrub } from './scrub';

export interface LoginTarget {
  host: string;
  address: string;
  port: number;
  database?: string;
  servername?: string;
  ca?: Buffer;
  strict: boolean;
  userName: string;
  password: string;
  timeoutMs: number;
  slowLoginMs: number;
  signal?: AbortSignal;
}

const PHASES: Record<string, string> = {
  SentPrelogin: 'preloginMs',
  SentTLSSSLNegotiation: 'tlsMs',
  SentLogin7WithStandardLogin: 'loginAckMs',
  LoggedInSendingInitialSql: 'initialSqlMs',
};

interface ServerError {
  number: number;
  state: number;
  class: number;
  message: string;
}

export async function probeLogin(t: LoginTarget): Promise<StepResult> {
  const start = process.hrtime.bigint();
  // The password goes everywhere; the user name only where a server quotes it back.
  const secrets = [t.password, `'${t.userName}'`, `"${t.userName}"`];
  const timings: Record<string, number> = {};
  const errors: ServerError[] = [];
  let state = 'Initialized';
  let stateSince = start;
  const config: ConnectionConfiguration = {
    server: t.host,
    authentication: { type: 'default', options: { userName: t.userName, password: t.password } },
    options: {
      port: t.port,
      database: t.database,
      encrypt: t.strict ? 'strict' : true,
      trustServerCertificate: true, // the TLS step judges the certificate; this step judges the login
      serverName: t.servername,
      connectTimeout: t.timeoutMs,
      cryptoCredentialsDetails: { ca: t.ca, minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
      connector: async () => {
        const c = await connectTcp(t.address, t.port, t.timeoutMs, t.signal);
        timings.connectMs = c.ms;
        if (c.outcome !== 'open') throw Object.assign(new Error(`connect ${c.outcome}`), { code: c.code ?? c.outcome });
        return c.socket;
      },
    },
  };
  const connection = new Connection(config);
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  connection.on('debug', (line: string) => {
    const m = /^State change: (\w+) -> (\w+)/.exec(line);
    if (!m) return;
    const now = process.hrtime.bigint();
    const key = PHASES[m[1]];
    if (key) timings[key] = Math.round(Number(now - stateSince) / 1e4) / 100;
    state = m[2];
    stateSince = now;
  });
  connection.on('errorMessage', (e: ServerError) => errors.push({ number: e.number, state: e.state, class: e.class, message: scrub(e.message, secrets) }));
  const onAbort = () => connection.close();
  t.signal?.addEventListener('abort', onAbort, { once: true });
  const err = await new Promise<(Error & { code?: string }) | undefined>((resolve) => {
    connection.connect((e) => resolve(e ?? undefined));
  });
  t.signal?.removeEventListener('abort', onAbort);
  timings.totalMs = elapsed(start);
  await closeConnection(connection, ended);
  const detail: Record<string, unknown> = { address: t.address, port: t.port, strict: t.strict, lastState: state };
  if (!err) {
    const slow = (timings.loginAckMs ?? 0) > t.slowLoginMs;
    return { step: 'login', status: 'ok', reason: slow ? 'slow-loginack' : 'ok', timings, detail: { ...detail, slowLoginMs: t.slowLoginMs } };
  }
  const last = errors[errors.length - 1];
  detail.code = err.code;
  detail.message = scrub(err.message, secrets).slice(0, 300);
  if (errors.length) detail.serverErrors = errors;
  if (err.code === 'ELOGIN') {
    return { step: 'login', status: 'failed', reason: last ? `error-${last.number}` : 'login-failed', timings, detail: { ...detail, number: last?.number, state: last?.state } };
  }
  if (err.code === 'ETIMEOUT') return { step: 'login', status: 'failed', reason: 'timeout', timings, detail: { ...detail, phase: state } };
  return { step: 'login', status: 'failed', reason: 'connection-failed', timings, detail };
}

async function closeConnection(c: Connection, ended: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  c.close();
  await Promise.race([ended, new Promise<void>((resolve) => (timer = setTimeout(resolve, 1000)))]);
  clearTimeout(timer);
}
