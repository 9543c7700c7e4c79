/**
 * Where replies may be posted. A reply goes to the serviceUrl the request named; without a rule an
 * anonymous caller could make the bot POST to any address, cloud metadata included. The shared
 * address policy (src/net/address-policy.ts) decides: an anonymous bot replies only to this
 * machine, a bot with an app id only to public addresses, and never to metadata, link-local or
 * reserved addresses in any spelling. It is checked when a request arrives (serviceUrlRefusal)
 * and again at connect time for every connection the connector client opens (a name that
 * resolves elsewhere later, a proactive post to a stored conversation reference).
 */
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ConnectorFactory, type ConnectorClient } from 'botframework-connector';
import { checkedLookup, literalHost, reachRefusal, type Reach } from '../net/address-policy';

export class RefusedReplyAddressError extends Error {
  constructor(host: string, why: string) {
    super(`no reply was sent to ${host}: ${why}`);
    this.name = 'RefusedReplyAddressError';
  }
}

/** Why a reply may not go to `serviceUrl` (after resolving its name), or undefined when it may. */
export async function serviceUrlRefusal(reach: Reach, serviceUrl: unknown): Promise<string | undefined> {
  if (typeof serviceUrl !== 'string') return 'the activity has no serviceUrl';
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return 'the serviceUrl is not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'the serviceUrl is not http(s)';
  const literal = literalHost(serviceUrl);
  let addresses: string[];
  try {
    addresses = literal ? [literal] : (await dns.lookup(url.hostname, { all: true })).map((a) => a.address);
  } catch {
    return 'the serviceUrl host cannot be resolved';
  }
  for (const a of addresses) {
    const why = reachRefusal(reach, a);
    if (why) return `the serviceUrl ${why}`;
  }
  return undefined;
}

type Policy = { name: string; sendRequest(req: { url: string; agent?: unknown }, next: (req: unknown) => Promise<unknown>): Promise<unknown> };
type Pipeline = { addPolicy(policy: Policy, options?: { phase?: 'Serialize' }): void };

function agents(reach: Reach): { http: http.Agent; https: https.Agent } {
  const lookup = checkedLookup((host, address) => {
    const why = reachRefusal(reach, address);
    return why ? new RefusedReplyAddressError(host, why) : undefined;
  });
  return { http: new http.Agent({ keepAlive: true, lookup }), https: new https.Agent({ keepAlive: true, lookup }) };
}

/** Every request of this client connects through the checked agents; an address literal is checked here (no lookup happens for it). */
function guardClient(client: ConnectorClient, reach: Reach, agent: { http: http.Agent; https: https.Agent }): ConnectorClient {
  const pipeline = (client as unknown as { client?: { pipeline?: Pipeline } }).client?.pipeline;
  if (!pipeline) throw new Error('the connector client has no request pipeline to check reply addresses in');
  pipeline.addPolicy({
    name: 'sqltriage-reply-addresses',
    async sendRequest(req, next) {
      // Decided here, after resolution, before anything is signed or sent; and again at connect time (the agent's lookup).
      const why = await serviceUrlRefusal(reach, req.url);
      if (why) throw new RefusedReplyAddressError(new URL(req.url).hostname, why.replace(/^the serviceUrl /, ''));
      req.agent = req.url.startsWith('https:') ? agent.https : agent.http;
      return next(req);
    },
    // Before the credentials policy: a refused address must not even cause a sign-in token request.
  }, { phase: 'Serialize' });
  return client;
}

class GuardedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly reach: Reach,
    private readonly agent: { http: http.Agent; https: https.Agent },
  ) {
    super();
  }

  async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return guardClient(await this.inner.create(serviceUrl, audience), this.reach, this.agent);
  }
}

/** Every connector client the adapter creates (replies and proactive posts) connects only where `reach` allows. */
export function guardReplies(auth: ConfigurationBotFrameworkAuthentication, reach: Reach): ConfigurationBotFrameworkAuthentication {
  const agent = agents(reach);
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (activity, authHeader) => {
    const result = await authenticate(activity, authHeader);
    if (result.connectorFactory) result.connectorFactory = new GuardedConnectorFactory(result.connectorFactory, reach, agent);
    return result;
  };
  const createFactory = auth.createConnectorFactory.bind(auth);
  auth.createConnectorFactory = (claims) => new GuardedConnectorFactory(createFactory(claims), reach, agent);
  return auth;
}
