/**
 * Endpoints beside the chat that show what the bot holds (the trends page; metrics alike): served
 * freely while the bot is local (anonymous and bound to loopback), and once it is public only to
 * requests that carry the endpoint's token. A public bot without that token does not serve them.
 * "Public" is what main.ts binds: with a MicrosoftAppId every interface, or a HOST that is not loopback.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'restify';

export type EndpointAccess = { kind: 'open' } | { kind: 'token'; token: string } | { kind: 'off'; reason: string };

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;
/** Shorter tokens are guessable; refusing them at start-up beats serving them. */
export const MIN_TOKEN_LENGTH = 16;

export function isPublic(env: Record<string, string | undefined>, anonymous: boolean): boolean {
  if (!anonymous) return true;
  const host = env.HOST?.trim() ?? '';
  return host !== '' && !LOOPBACK.test(host);
}

/**
 * `switchSetting` (on/off, default on) turns the endpoint off everywhere; `tokenSetting` names the
 * token a public bot asks for. A bad value is an error at start-up, naming the setting.
 */
export function endpointAccess(env: Record<string, string | undefined>, anonymous: boolean, switchSetting: string, tokenSetting: string): EndpointAccess {
  const raw = (env[switchSetting] ?? '').trim().toLowerCase();
  if (raw === 'off' || raw === 'false' || raw === '0') return { kind: 'off', reason: `${switchSetting}=off` };
  if (raw !== '' && raw !== 'on' && raw !== 'true' && raw !== '1') throw new Error(`${switchSetting} '${env[switchSetting]}' is not known: use on (default) or off`);
  const token = env[tokenSetting]?.trim() ?? '';
  if (token !== '' && token.length < MIN_TOKEN_LENGTH) throw new Error(`${tokenSetting} is too short: use at least ${MIN_TOKEN_LENGTH} characters (a random string)`);
  if (!isPublic(env, anonymous)) return token ? { kind: 'token', token } : { kind: 'open' };
  return token ? { kind: 'token', token } : { kind: 'off', reason: `the bot is public and ${tokenSetting} is not set` };
}

/** The token from `Authorization: Bearer ...`, or from `?token=` (a link opened in a browser). */
function presented(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && /^Bearer /i.test(auth)) return auth.slice(7).trim();
  const query = (req.url ?? '').split('?')[1];
  return query ? new URLSearchParams(query).get('token') ?? undefined : undefined;
}

export function accessAllowed(access: EndpointAccess, req: Request): boolean {
  if (access.kind === 'open') return true;
  if (access.kind === 'off') return false;
  const given = Buffer.from(presented(req) ?? '');
  const want = Buffer.from(access.token);
  return given.length === want.length && timingSafeEqual(given, want);
}
