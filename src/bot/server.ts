/**
 * The HTTP shell: restify with botbuilder's CloudAdapter on POST /api/messages, a health endpoint,
 * and the local chat page. Everything chat-specific stays in the ActivityHandler it is given.
 */
import path from 'node:path';
import restify from 'restify';
import type { Request, Response } from 'restify';
import { CloudAdapter, type ActivityHandler, type Storage, type TurnContext } from 'botbuilder';
import { createAuthentication } from './auth';
import { allowedHostNames, hostHeaderAllowed } from './host-header';
import { serviceUrlRefusal } from './reply-addresses';
import { findRepoRoot } from './repo-root';
import { fileUnder, sendFile } from './static-files';
import { endpointAccess } from './private-endpoints';
import { mountTrends, type TrendsSource } from './trends/routes';
import { asLogger, type LineLog, type Logger } from './log';
import { type BotMetrics, secondsSince } from './metrics';
import { mountMetrics } from './metrics-route';
import { activityFields, type ActivityLike, REQUEST_ID, requestId } from './request-log';

export interface ServerOptions {
  bot: Pick<ActivityHandler, 'run'>;
  /** Checked by /healthz; `kind` is reported (never a path or connection string). */
  storage: Storage;
  storageKind: string;
  /** Microsoft* settings (see .env.example); others are ignored. */
  env: Record<string, string | undefined>;
  version?: string;
  /** Largest accepted activity (default 4 MB); larger bodies get 413. */
  maxBodyBytes?: number;
  /** The bot's logger (or a one-line callback); default: a logger set by LOG_LEVEL / LOG_FORMAT. */
  log?: Logger | LineLog;
  /** Served on GET /metrics (SQLTRIAGE_METRICS, SQLTRIAGE_METRICS_TOKEN: open while local, token or off once public). */
  metrics?: BotMetrics;
  /** How long close() lets requests in flight finish before cutting them off. */
  shutdownGraceMs?: number;
  /** The cases the trends page counts (absent: no trends page). */
  trends?: TrendsSource;
}

export interface BotServer {
  /** Resolves with the bound port (pass 0 for any free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, lets requests in flight finish, then resolves. The store is the caller's. */
  close(): Promise<void>;
  readonly anonymous: boolean;
}

const HEALTH_TIMEOUT_MS = 2000;
/** The engine takes pastes up to 2 MB and says so beyond; a file attached by the chat page comes
 *  as a base64 data: URL (4/3 larger), so bodies up to 4 MB reach the bot and its clear message. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function createServer(opts: ServerOptions): BotServer {
  const log = asLogger(opts.log);
  const { auth, anonymous } = createAuthentication(opts.env);
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error({ reqId: context.turnState.get(REQUEST_ID), ...activityFields(context.activity), err: error }, 'turn failed');
    await context.sendActivity('Sorry, something went wrong on my side. Your case is kept; please send that again.');
  };

  const root = findRepoRoot();
  const publicDir = path.join(root, 'src', 'bot', 'web', 'public');
  const vendorFile = path.join(root, 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.min.js');
  const startedAt = Date.now();
  const server = restify.createServer({ name: 'sqltriage', handleUncaughtExceptions: false });

  // restify's own refusals (malformed JSON, a body too large, no such route) carry the parser's
  // error text; the client gets a fixed sentence for the status instead.
  server.on('restifyError', (_req: Request, _res: Response, err: Error & { statusCode?: number; toJSON?: () => unknown }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    err.toJSON = () => ({ error: RESTIFY_BODIES[status] ?? ERROR_BODIES[status] ?? 'the bot could not handle this request' });
    return callback();
  });

  if (anonymous) {
    // DNS rebinding: a web page on evil.example whose name now resolves to 127.0.0.1 would reach an
    // anonymous bot from the user's browser. Its requests carry Host: evil.example; refuse them.
    const names = allowedHostNames(opts.env);
    server.pre((req: Request, res: Response, next: restify.Next) => {
      if (hostHeaderAllowed(req.headers.host, names)) return next();
      res.status(421);
      res.json({ error: 'this bot answers only requests addressed to it by its own name (localhost, or HOST)' });
      return next(false);
    });
  }

  server.post(
    '/api/messages',
    restify.plugins.jsonBodyParser(bodyOptions(opts.maxBodyBytes ?? MAX_BODY_BYTES)),
    async (req: Request, res: Response) => {
      const problem = activityProblem(req.body);
      if (problem) {
        res.status(400);
        res.json({ error: problem });
        return;
      }
      // An anonymous caller names where replies go: only this machine (replies in the response, expectReplies, go nowhere).
      const activity = req.body as { deliveryMode?: string; serviceUrl?: unknown };
      const refused = anonymous && activity.deliveryMode !== 'expectReplies' ? await serviceUrlRefusal('loopback', activity.serviceUrl) : undefined;
      if (refused) {
        log.warn({ reqId: requestId(req), ...activityFields(req.body as ActivityLike), reason: refused }, 'activity refused');
        res.status(400);
        res.json({ error: `${refused}: an anonymous bot replies only to this machine` });
        return;
      }
      const reqId = requestId(req);
      res.header('x-request-id', reqId);
      const start = process.hrtime.bigint();
      const status = await processActivity(adapter, req, res, (context) => {
        context.turnState.set(REQUEST_ID, reqId);
        return opts.bot.run(context);
      }, log.child({ reqId }));
      log.info({ reqId, ...activityFields(req.body as ActivityLike), status, ms: Math.round(secondsSince(start) * 1000) }, 'activity handled');
    },
  );

  server.get('/healthz', async (_req: Request, res: Response) => {
    const storageOk = await checkStorage(opts.storage);
    res.status(storageOk ? 200 : 503);
    res.json({
      status: storageOk ? 'ok' : 'degraded',
      version: opts.version ?? 'unknown',
      uptime: Math.round((Date.now() - startedAt) / 1000),
      storage: { kind: opts.storageKind, ok: storageOk },
      auth: anonymous ? 'anonymous' : 'bot-framework',
    });
  });

  // The trends page (SQLTRIAGE_TRENDS, SQLTRIAGE_TRENDS_TOKEN): open while local, token or off once public.
  if (opts.trends) mountTrends(server, { root, access: endpointAccess(opts.env, anonymous, 'SQLTRIAGE_TRENDS', 'SQLTRIAGE_TRENDS_TOKEN'), source: opts.trends, log: (line) => log.warn(line) });

  // Prometheus metrics, guarded like the trends page.
  if (opts.metrics) mountMetrics(server, opts.metrics, endpointAccess(opts.env, anonymous, 'SQLTRIAGE_METRICS', 'SQLTRIAGE_METRICS_TOKEN'));

  server.get('/', async (_req: Request, res: Response) => sendFile(res, path.join(publicDir, 'index.html'), publicDir));
  server.get('/chat/*', async (req: Request, res: Response) => {
    const rest = (req.url ?? '').replace(/^\/chat\//, '');
    const file = fileUnder(publicDir, rest);
    await sendFile(res, file ?? path.join(publicDir, '\0'), publicDir);
  });
  // The page may link its files relatively ("chat.js" from "/"), so top-level names are served too.
  server.get('/:name', async (req: Request, res: Response) => {
    const file = fileUnder(publicDir, String(req.params?.name ?? ''));
    await sendFile(res, file ?? path.join(publicDir, '\0'), publicDir);
  });
  server.get('/vendor/adaptivecards.js', async (_req: Request, res: Response) => sendFile(res, vendorFile, path.dirname(vendorFile)));

  // Once closing, a keep-alive connection is dropped as soon as its last response is sent.
  let closing = false;
  server.server.on('request', (_req, res: import('node:http').ServerResponse) => {
    res.once('finish', () => {
      if (closing) setImmediate(() => server.server.closeIdleConnections());
    });
  });

  return {
    anonymous,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        const done = () => {
          server.removeListener('error', reject);
          resolve(server.address().port);
        };
        // No host: every interface, IPv4 and IPv6 alike.
        if (host) server.listen(port, host, done);
        else server.listen(port, done);
      });
    },
    close() {
      closing = true;
      return new Promise((resolve) => {
        // A request stuck past the grace period (a hung probe) must not block shutdown forever.
        const force = setTimeout(() => server.server.closeAllConnections(), opts.shutdownGraceMs ?? 10000);
        server.server.close(() => {
          clearTimeout(force);
          resolve();
        });
        // Keep-alive sockets would hold close() open; requests still running finish first.
        server.server.closeIdleConnections();
      });
    },
  };
}

/** Fixed answers for restify's own refusals. */
const RESTIFY_BODIES: Record<number, string> = {
  400: 'the body is not valid JSON',
  404: 'not found',
  413: 'the body is larger than this bot accepts',
  415: 'the body must be JSON (content-type application/json)',
};

/** What a refused or failed request is told: never the error text behind it (kept in the log). */
const ERROR_BODIES: Record<number, string> = {
  400: 'the body is not an activity this bot can handle',
  401: 'unauthorized: a valid Bot Framework token is required',
  405: 'only POST is accepted here',
};

/**
 * CloudAdapter answers a refused token or a failure with the error's own text as the body
 * (validation details, stack-derived messages). The adapter writes into a buffer here and the
 * client gets the status with a fixed sentence instead; successful replies pass as they are.
 */
async function processActivity(adapter: CloudAdapter, req: Request, res: Response, logic: (context: TurnContext) => Promise<void>, log: Logger): Promise<number> {
  let status = 200;
  let body: unknown;
  const buffered = {
    status: (code: number) => (status = code),
    send: (b: unknown) => (body = b),
    end: () => undefined,
    header: (name: string, value: string) => res.header(name, value),
  };
  try {
    await adapter.process(req, buffered as unknown as Response, logic);
  } catch (err) {
    log.warn({ ...activityFields(req.body as ActivityLike), reason: `${(err as Error)?.message ?? String(err)}`.split('\n')[0] }, 'activity refused');
    status = 400;
  }
  if (res.headersSent) return status;
  res.status(status);
  if (status >= 400) res.json({ error: ERROR_BODIES[status] ?? 'the bot could not handle this request' });
  else if (body !== undefined) res.send(body);
  else res.end();
  return status;
}

/** A one-line reason when the body cannot be an activity (the adapter would fail with a 500). */
function activityProblem(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON activity object (content-type application/json)';
  const a = body as Record<string, unknown>;
  if (typeof a.type !== 'string' || a.type === '') return 'the activity has no type';
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (typeof conversation?.id !== 'string' || conversation.id === '') return 'the activity has no conversation.id';
  return undefined;
}

/** restify's body reader honours maxBodySize (413 beyond it); its type definitions omit it. */
function bodyOptions(maxBodySize: number): restify.plugins.JsonBodyParserOptions {
  const options = { mapParams: false, maxBodySize };
  return options;
}

async function checkStorage(storage: Storage): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), HEALTH_TIMEOUT_MS)));
    return await Promise.race([storage.read(['healthz']).then(() => true), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
