/**
 * A stand-in for Slack on loopback: the Web API methods the adapter calls (HTTP, form-encoded,
 * token in the Authorization header, `{ok: ...}` answers, 429 with Retry-After on demand), file
 * downloads that need the bot token, and the Socket Mode WebSocket: `hello` on connect, envelopes
 * out, acks by envelope_id in, `disconnect` messages and dropped connections.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { WebSocket, WebSocketServer } from 'ws';

export const APP_TOKEN = 'xapp-1-A111-222-peer';
export const BOT_TOKEN = 'xoxb-111-222-peer';
export const BOT_USER = 'U0BOT0001';
export const TEAM = 'T0PEER001';

export interface ApiCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
  /** Set when the peer answered 429 instead of doing the call. */
  rateLimited?: boolean;
  /** What the peer answered (a posted message's ts is in it). */
  result?: Json;
  at: number;
}

export interface PeerFile {
  id: string;
  name: string;
  mimetype: string;
  content: Buffer;
  mode?: 'hosted' | 'snippet';
}

type Json = Record<string, any>;

interface Waiter {
  test: () => boolean;
  resolve: () => void;
}

export class SlackPeer {
  readonly calls: ApiCall[] = [];
  readonly acks: Json[] = [];
  readonly downloads: { path: string; authorization?: string }[] = [];
  connections = 0;
  private readonly files = new Map<string, PeerFile>();
  private readonly waiters: Waiter[] = [];
  private readonly server = http.createServer((req, res) => void this.onHttp(req, res));
  private readonly wss = new WebSocketServer({ noServer: true });
  private socket?: WebSocket;
  private tsCounter = 0;
  private rateLimits: { method: string; retryAfter: number; count: number }[] = [];
  port = 0;

  async start(): Promise<this> {
    this.server.on('upgrade', (req, sock, head) => {
      if (!req.url?.startsWith('/link/')) return sock.destroy();
      this.wss.handleUpgrade(req, sock, head, (ws) => this.onSocket(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A message ts as Slack writes them: seconds, a dot, six digits. */
  nextTs(): string {
    this.tsCounter += 1;
    return `1700000000.${String(this.tsCounter).padStart(6, '0')}`;
  }

  addFile(file: PeerFile): Json {
    this.files.set(file.id, file);
    return this.fileObject(file);
  }

  /** The next `count` calls of `method` are answered 429 with this Retry-After. */
  rateLimit(method: string, retryAfter: number, count = 1): void {
    this.rateLimits.push({ method, retryAfter, count });
  }

  posts(): ApiCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' && !c.rateLimited);
  }

  /** An Events API envelope, shaped like Slack's event_callback wrapper. */
  sendEvent(event: Json, opts: { eventId?: string; retryAttempt?: number; retryReason?: string } = {}): { envelopeId: string; eventId: string } {
    const envelopeId = randomUUID();
    const eventId = opts.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
    this.send({
      envelope_id: envelopeId,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: opts.retryAttempt ?? 0,
      retry_reason: opts.retryReason ?? '',
      payload: {
        token: 'verification-token',
        team_id: TEAM,
        api_app_id: 'A111',
        event: { event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: eventId,
        event_time: 1700000000,
        authorizations: [{ enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
        event_context: `4-${eventId}`,
      },
    });
    return { envelopeId, eventId };
  }

  /** An interactive envelope (block_actions and the like). */
  sendInteractive(payload: Json): string {
    const envelopeId = randomUUID();
    this.send({ envelope_id: envelopeId, type: 'interactive', accepts_response_payload: false, payload });
    return envelopeId;
  }

  /** Any text as one WebSocket frame, as a broken or hostile Slack end could send it. */
  sendRaw(text: string): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) throw new Error('slack peer: no client connected');
    this.socket.send(text);
  }

  /** Slack asks the client to reconnect (as before a server is recycled). */
  sendDisconnect(reason = 'refresh_requested'): void {
    this.send({ type: 'disconnect', reason, debug_info: { host: 'applink-peer' } });
  }

  /** The connection dies without a close handshake. */
  dropConnection(): void {
    this.socket?.terminate();
    this.socket = undefined;
  }

  /** Resolves when `test` holds, checked after every call, ack and connection. */
  until(test: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`slack peer: timed out waiting for ${what}`)), timeoutMs);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const w of [...this.waiters]) {
      if (w.test()) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  private send(message: Json): void {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) throw new Error('slack peer: no client connected');
    this.socket.send(JSON.stringify(message));
  }

  private onSocket(ws: WebSocket): void {
    this.socket = ws;
    this.connections += 1;
    ws.on('message', (data) => {
      this.acks.push(JSON.parse(data.toString()) as Json);
      this.notify();
    });
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'applink-peer', approximate_connection_time: 18060 }, connection_info: { app_id: 'A111' } }));
    this.notify();
  }

  private fileObject(f: PeerFile): Json {
    const base = `http://127.0.0.1:${this.port}/files-pri/${TEAM}-${f.id}`;
    return {
      id: f.id,
      created: 1700000000,
      name: f.name,
      title: f.name,
      mimetype: f.mimetype,
      filetype: 'text',
      pretty_type: 'Plain Text',
      user: 'U0ALICE01',
      mode: f.mode ?? 'hosted',
      editable: f.mode === 'snippet',
      is_external: false,
      size: f.content.length,
      url_private: `${base}/${f.name}`,
      url_private_download: `${base}/download/${f.name}`,
      permalink: `https://peer.slack.com/files/U0ALICE01/${f.id}/${f.name}`,
    };
  }

  private async onHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = req.url ?? '';
    if (req.method === 'GET' && url.startsWith('/files-pri/')) return this.download(url, req, res);
    const method = url.replace(/^\/api\//, '').split('?')[0];
    const args = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || (args.token as string | undefined);
    const call: ApiCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    const limit = this.rateLimits.find((r) => r.method === method && r.count > 0);
    if (limit) {
      limit.count -= 1;
      call.rateLimited = true;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit.retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      this.notify();
      return;
    }
    const answer = this.answer(method, args, token);
    call.result = answer;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
    this.notify();
  }

  private answer(method: string, args: Json, token: string | undefined): Json {
    const needs = method === 'apps.connections.open' ? APP_TOKEN : BOT_TOKEN;
    if (token !== needs) return { ok: false, error: token ? 'invalid_auth' : 'not_authed' };
    switch (method) {
      case 'apps.connections.open':
        return { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${randomUUID()}&app_id=A111` };
      case 'auth.test':
        return { ok: true, url: 'https://peer.slack.com/', team: 'Peer Team', user: 'sqltriage', team_id: TEAM, user_id: BOT_USER, bot_id: 'B0BOT0001', is_enterprise_install: false };
      case 'chat.postMessage': {
        const ts = this.nextTs();
        return { ok: true, channel: args.channel, ts, message: { type: 'message', user: BOT_USER, bot_id: 'B0BOT0001', text: args.text, ts, thread_ts: args.thread_ts, blocks: args.blocks } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.delete':
        return { ok: true, channel: args.channel, ts: args.ts };
      case 'files.info': {
        const f = this.files.get(String(args.file));
        return f ? { ok: true, file: this.fileObject(f) } : { ok: false, error: 'file_not_found' };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private download(url: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    this.downloads.push({ path: url, authorization: req.headers.authorization });
    this.notify();
    const id = /^\/files-pri\/[A-Z0-9]+-([A-Z0-9]+)\//.exec(url)?.[1];
    const file = id ? this.files.get(id) : undefined;
    // Slack sends a browser to its sign-in page when the token is missing or wrong.
    if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) {
      res.writeHead(302, { location: `https://peer.slack.com/?redir=${encodeURIComponent(url)}` });
      return void res.end();
    }
    if (!file) {
      res.writeHead(404);
      return void res.end();
    }
    res.writeHead(200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) });
    res.end(file.content);
  }
}

/** The WebClient posts form fields, with objects and arrays as JSON strings. */
function parseBody(body: string, contentType: string | undefined): Json {
  if (!body) return {};
  if (contentType?.includes('application/json')) return JSON.parse(body) as Json;
  const out: Json = {};
  for (const [k, v] of new URLSearchParams(body)) {
    out[k] = (v.startsWith('[') || v.startsWith('{')) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
