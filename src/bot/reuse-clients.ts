/**
 * botbuilder builds a new ConnectorClient and a new UserTokenClient, each with its own HTTP
 * pipeline and credentials, for every incoming activity, even when the reply goes back in the HTTP
 * response (expectReplies) and neither is used. That was about a tenth of the bot's CPU per turn.
 * Both clients depend only on the bot identity the request authenticated as, the service URL and
 * the audience, and are safe to share, so they are kept per key in a small LRU (service URLs come
 * from requests, so the number kept is bounded). Sharing credentials also shares their token cache.
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { AuthenticationConstants, ConnectorFactory, type ClaimsIdentity, type ConnectorClient, type UserTokenClient } from 'botframework-connector';

/** The latest `limit` keys, least recently used dropped first. A failed creation is not kept. */
export class RecentCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string, make: () => Promise<V>): Promise<V> {
    let found = this.entries.get(key);
    if (found) {
      this.entries.delete(key); // re-inserted below: Map order is recency order
    } else {
      found = make();
      found.catch(() => {
        if (this.entries.get(key) === found) this.entries.delete(key);
      });
    }
    this.entries.set(key, found);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    return found;
  }
}

/** The bot identity botbuilder builds both clients for (its own rule: audience claim, else app id claim). */
function botIdentity(claims: ClaimsIdentity): string {
  return claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';
}

class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly identity: string,
    private readonly cache: RecentCache<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.cache.get(JSON.stringify([this.identity, serviceUrl, audience ?? null]), () => this.inner.create(serviceUrl, audience));
  }
}

export function reuseClients(auth: ConfigurationBotFrameworkAuthentication, limit = 256): ConfigurationBotFrameworkAuthentication {
  const connectors = new RecentCache<ConnectorClient>(limit);
  const tokenClients = new RecentCache<UserTokenClient>(limit);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    if (result.connectorFactory) {
      result.connectorFactory = new ReusingConnectorFactory(result.connectorFactory, botIdentity(result.claimsIdentity), connectors);
    }
    return result;
  };
  const createUserTokenClient = auth.createUserTokenClient.bind(auth);
  auth.createUserTokenClient = (claims) => tokenClients.get(JSON.stringify([botIdentity(claims)]), () => createUserTokenClient(claims));
  return auth;
}
