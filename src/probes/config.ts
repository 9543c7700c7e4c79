/**
 * The "probes" section of the sqltriage configuration file (JSON; path from SQLTRIAGE_CONFIG,
 * default ./sqltriage.config.json). No file means no servers: every probe is refused. A file that
 * does not make sense is an error naming the field, so an administrator can fix it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ProbeConfig, ProbeLimits, ServerConfig } from './types';
import { allowedSet } from './policy/address';

export const DEFAULT_LIMITS: ProbeLimits = {
  perUserConcurrent: 1,
  globalConcurrent: 4,
  perUserPerMinute: 6,
  maxSeries: 500,
  maxSeriesRatePerSecond: 100,
};

export class ConfigError extends Error {}

const MAX_CONFIG_BYTES = 1 << 20;

export function configPath(env: NodeJS.ProcessEnv, cwd: string): string {
  return path.resolve(cwd, env.SQLTRIAGE_CONFIG || './sqltriage.config.json');
}

export function loadProbeConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ProbeConfig {
  const file = configPath(env, cwd);
  if (!fs.existsSync(file)) return parseProbeConfig({}, path.dirname(file));
  const stat = fs.statSync(file);
  if (stat.size > MAX_CONFIG_BYTES) throw new ConfigError(`${file}: larger than 1 MB; is this the right file?`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${file}: not valid JSON (${(err as Error).message})`);
  }
  return parseProbeConfig(json, path.dirname(file));
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: unknown, where: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new ConfigError(`${where} must be a list of strings`);
  return v as string[];
}

function positiveInt(v: unknown, where: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ConfigError(`${where} must be a positive whole number`);
  return v;
}

/** Relative paths in the file (auditFile, caFile) are relative to the file itself. */
export function parseProbeConfig(root: unknown, baseDir: string): ProbeConfig {
  const probes = isObject(root) && isObject(root.probes) ? root.probes : {};
  if (probes.servers !== undefined && !Array.isArray(probes.servers)) throw new ConfigError('probes.servers must be a list');
  const servers = ((probes.servers as unknown[]) ?? []).map((s, i) => parseServer(s, `probes.servers[${i}]`, baseDir));
  const names = new Set<string>();
  for (const s of servers) {
    if (names.has(s.name.toLowerCase())) throw new ConfigError(`server name '${s.name}' is used twice`);
    names.add(s.name.toLowerCase());
  }
  const allow = isObject(probes.allow) ? probes.allow : {};
  const limits = isObject(probes.limits) ? probes.limits : {};
  return {
    servers,
    allow: { users: strings(allow.users, 'probes.allow.users'), channels: strings(allow.channels, 'probes.allow.channels') },
    limits: {
      perUserConcurrent: positiveInt(limits.perUserConcurrent, 'probes.limits.perUserConcurrent', DEFAULT_LIMITS.perUserConcurrent),
      globalConcurrent: positiveInt(limits.globalConcurrent, 'probes.limits.globalConcurrent', DEFAULT_LIMITS.globalConcurrent),
      perUserPerMinute: positiveInt(limits.perUserPerMinute, 'probes.limits.perUserPerMinute', DEFAULT_LIMITS.perUserPerMinute),
      maxSeries: positiveInt(limits.maxSeries, 'probes.limits.maxSeries', DEFAULT_LIMITS.maxSeries),
      maxSeriesRatePerSecond: positiveInt(limits.maxSeriesRatePerSecond, 'probes.limits.maxSeriesRatePerSecond', DEFAULT_LIMITS.maxSeriesRatePerSecond),
    },
    auditFile: typeof probes.auditFile === 'string' ? path.resolve(baseDir, probes.auditFile) : undefined,
  };
}

function parseServer(raw: unknown, where: string, baseDir: string): ServerConfig {
  if (!isObject(raw)) throw new ConfigError(`${where} must be an object`);
  const { name, host, port, instance, tls, credentials } = raw;
  if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) throw new ConfigError(`${where}.name must be letters, digits, '.', '_' or '-'`);
  if (typeof host !== 'string' || host.length === 0 || host.length > 255) throw new ConfigError(`${where}.host must be a host name or address`);
  if (port !== undefined && (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)) throw new ConfigError(`${where}.port must be 1..65535`);
  if (instance !== undefined && (typeof instance !== 'string' || instance.length > 32)) throw new ConfigError(`${where}.instance must be a name of at most 32 characters`);
  const server: ServerConfig = { name, host, port: port as number | undefined, instance: instance as string | undefined };
  if (raw.addresses !== undefined) {
    server.addresses = strings(raw.addresses, `${where}.addresses`);
    try {
      allowedSet(server.addresses);
    } catch (err) {
      throw new ConfigError(`${where}.addresses: ${(err as Error).message}`);
    }
  }
  for (const key of ['browserPort', 'slowLoginMs', 'slowConnectMs', 'timeoutMs'] as const) {
    if (raw[key] !== undefined) server[key] = positiveInt(raw[key], `${where}.${key}`, 0);
  }
  if (typeof raw.database === 'string') server.database = raw.database;
  if (tls !== undefined) {
    if (!isObject(tls)) throw new ConfigError(`${where}.tls must be an object`);
    server.tls = {
      servername: typeof tls.servername === 'string' ? tls.servername : undefined,
      caFile: typeof tls.caFile === 'string' ? path.resolve(baseDir, tls.caFile) : undefined,
      strict: tls.strict === true,
    };
  }
  if (credentials !== undefined) {
    if (!isObject(credentials) || typeof credentials.userEnv !== 'string' || typeof credentials.passwordEnv !== 'string') {
      throw new ConfigError(`${where}.credentials must name two environment variables: userEnv and passwordEnv`);
    }
    server.credentials = { userEnv: credentials.userEnv, passwordEnv: credentials.passwordEnv };
  }
  return server;
}
