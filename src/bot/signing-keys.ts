/**
 * The Bot Framework signing keys, fetched no more often than this bot decides. botbuilder's
 * OpenIdMetadata fetches the sign-in metadata and keys again for every request while it has none
 * (a metadata host that is down, or a first request) and throws a plain error that becomes a 500:
 * an unauthenticated caller could make the bot call out at will. Here one fetch runs at a time,
 * a failed one is not retried for RETRY_AFTER_MS, and meanwhile every token is refused with 401
 * (fail closed). Keys that were fetched stay cached as botbuilder caches them (refreshed daily,
 * or at most hourly for an unknown key id).
 */
import { AuthenticationError } from 'botframework-connector';
// Not re-exported by the package index; it is the class every token check goes through.
import { OpenIdMetadata } from 'botframework-connector/lib/auth/openIdMetadata';

export const RETRY_AFTER_MS = 30_000;

interface MetadataState {
  inFlight?: Promise<void>;
  failedAt?: number;
}

type Refreshable = { refreshCache(): Promise<void>; keys?: unknown[] };

const unavailable = () => new AuthenticationError('Unauthorized: the signing keys are not available', 401);
/** Keys fetched earlier are still used when a later refresh fails. */
const hasKeys = (m: Refreshable) => Array.isArray(m.keys) && m.keys.length > 0;

let installed = false;

/** Wraps OpenIdMetadata.refreshCache once per process (every metadata URL gets the same rule). */
export function guardSigningKeyFetches(now: () => number = Date.now): void {
  if (installed) return;
  installed = true;
  const proto = OpenIdMetadata.prototype as unknown as Refreshable;
  const original = proto.refreshCache;
  const states = new WeakMap<object, MetadataState>();
  proto.refreshCache = function guardedRefresh(this: Refreshable): Promise<void> {
    let state = states.get(this);
    if (!state) states.set(this, (state = {}));
    if (state.inFlight) return state.inFlight;
    if (state.failedAt !== undefined && now() - state.failedAt < RETRY_AFTER_MS) {
      return hasKeys(this) ? Promise.resolve() : Promise.reject(unavailable());
    }
    const s = state;
    const metadata = this;
    s.inFlight = original.call(this).then(
      () => {
        s.failedAt = undefined;
        s.inFlight = undefined;
      },
      () => {
        s.failedAt = now();
        s.inFlight = undefined;
        if (!hasKeys(metadata)) throw unavailable();
      },
    );
    return s.inFlight;
  };
}
