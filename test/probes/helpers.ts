/** Shared set-up for probe tests: a config around one server, and an open-handle check. */
import { parseProbeConfig } from '../../src/probes/config';
import type { ProbeConfig, ServerConfig } from '../../src/probes/types';

export const ALICE = { user: 'alice', channel: 'C-dba', via: 'cli' } as const;

export function configFor(server: Partial<ServerConfig> & { port?: number }, extra: Record<string, unknown> = {}): ProbeConfig {
  const base = parseProbeConfig(
    { probes: { servers: [{ name: 'peer', host: 'localhost', addresses: ['127.0.0.1'], timeoutMs: 1500, ...server }], allow: { users: ['alice'] }, limits: { perUserPerMinute: 1000, globalConcurrent: 8, perUserConcurrent: 8 }, ...extra } },
    process.cwd(),
  );
  return base;
}

/** Sockets, timers and servers alive right now, by kind (for before/after comparisons). */
export function activeHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
}

export function settle(ms = 50): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
