/** GET /metrics: the registry in Prometheus' text format, behind the same guard as the trends page. */
import type { Request, Response, Server } from 'restify';
import type { BotMetrics } from './metrics';
import { accessAllowed, type EndpointAccess } from './private-endpoints';

export function mountMetrics(server: Server, metrics: BotMetrics, access: EndpointAccess): void {
  server.get('/metrics', async (req: Request, res: Response) => {
    if (!accessAllowed(access, req)) {
      // Off: as if there were no such endpoint. Token missing or wrong: say what is needed.
      if (access.kind !== 'off') res.setHeader('www-authenticate', 'Bearer realm="sqltriage metrics"');
      res.status(access.kind === 'off' ? 404 : 401);
      res.json({ error: access.kind === 'off' ? 'not found' : 'metrics need the token (Authorization: Bearer TOKEN)' });
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.setHeader('cache-control', 'no-store');
    res.sendRaw(200, await metrics.registry.metrics());
  });
}
