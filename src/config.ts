// Reads, validates and freezes the gateway's configuration: the only reader of process.env.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The validated configuration every layer receives as an argument. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Upstream REST base URL; `undefined` means "start the embedded simulator". */
  readonly upstreamBaseUrl: string | undefined;
  readonly upstreamApiKey: string;
  /** Timeout of one upstream call, in milliseconds. Defaults to 10_000. */
  readonly upstreamTimeoutMs: number;
  /** Upstream sockets kept open per origin. Defaults to 64. */
  readonly upstreamConnections: number;
  /** Concurrent single-object fetches (`GET /charges/{id}`, `GET /sources/{id}`) per request. Defaults to 8. */
  readonly upstreamFetchConcurrency: number;
  readonly webhookSecrets: readonly string[];
  readonly webhookToleranceSeconds: number;
  readonly redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (REDIS_KEY_PREFIX, default `drgw:`): instances sharing a prefix share state. */
  readonly redisKeyPrefix: string;
  /** With Redis: an event another instance took but did not finish is taken over after this (EVENT_CLAIM_IDLE_MS, default 15_000). */
  readonly eventClaimIdleMs: number;
  /** With Redis: how long published events stay available to resuming subscribers (EVENT_REPLAY_SECONDS, default 86_400). */
  readonly eventReplaySeconds: number;
  /** Without Redis: how many of the latest published events stay available to resuming subscribers (EVENT_REPLAY_MAX, default 10_000). */
  readonly eventReplayMax: number;
  readonly authJwtSecret: string | undefined;
  readonly production: boolean;
  readonly upstreamRateLimit: number;
  /**
   * Serve calls waiting for the upstream budget per caller in turn, and keep
   * part of each window free of one caller's burst while others are about
   * (UPSTREAM_FAIR_SHARE `on`/`off`, default on); off: first come, first served.
   */
  readonly upstreamFairShare: boolean;
  /** Cost points a caller's bucket holds (CALLER_COST_LIMIT, default 6000; 0 turns the caller rate off). */
  readonly callerCostLimit: number;
  /** Cost points a caller's bucket gains per second (CALLER_COST_PER_SECOND, default 1000). */
  readonly callerCostPerSecond: number;
  /** Admins spend from a bucket too (CALLER_COST_ADMINS `on`/`off`, default off: admins are exempt). */
  readonly callerCostAdmins: boolean;
  readonly logLevel: LogLevel;
  readonly simulatorPort: number;
  /** Largest computed query cost accepted (QUERY_MAX_COST, default 3000). */
  readonly queryMaxCost: number;
  /** Deepest field nesting accepted (QUERY_MAX_DEPTH, default 10). */
  readonly queryMaxDepth: number;
  /** Most aliased fields in one operation (QUERY_MAX_ALIASES, default 20). */
  readonly queryMaxAliases: number;
  /** Most field nodes in one operation, fragments expanded (QUERY_MAX_NODES, default 1000). */
  readonly queryMaxNodes: number;
  /** Longest document text accepted, in bytes (QUERY_MAX_BYTES, default 65536); longer is answered 413. */
  readonly queryMaxBytes: number;
  /** Longest ID accepted in an argument or variable (ID_MAX_LENGTH, default 128). */
  readonly idMaxLength: number;
  /** Live subscriptions one WebSocket connection may hold (WS_MAX_SUBSCRIPTIONS, default 100). */
  readonly wsMaxSubscriptions: number;
  /** Open WebSocket connections one caller may hold (WS_MAX_CONNECTIONS_PER_CALLER, default 20). */
  readonly wsMaxConnectionsPerCaller: number;
  /** Path of a persisted-query manifest; when set only its operations run (PERSISTED_QUERIES_ALLOWLIST). */
  readonly persistedQueriesAllowlist: string | undefined;
  /**
   * Origins whose browser pages may call /graphql (CORS_ORIGINS, comma-separated):
   * `'*'` for any origin (refused in production), or a list of serialized origins
   * (`https://shop.example.com`); empty, the default, allows no cross-origin access.
   */
  readonly corsOrigins: CorsOrigins;
  /**
   * SIGTERM/SIGINT: the whole shutdown (drain, close sockets and connections)
   * ends within this, or the process exits non-zero (SHUTDOWN_GRACE_MS, default 10_000).
   */
  readonly shutdownGraceMs: number;
  /**
   * Serve the GraphiQL explorer (`GET /graphql` for browsers) and the live
   * demo order page (`/demo/orders/<id>`) from the gateway's own files
   * (EXPLORER `on`/`off`; default on outside production, off in production).
   */
  readonly explorer: boolean;
  /**
   * How long an upstream object read for one request may serve later ones, in
   * seconds (CACHE_TTL_SECONDS, default 60; 0 turns the cache off). Webhooks
   * and the gateway's own writes invalidate it sooner.
   */
  readonly cacheTtlSeconds: number;
  /** Bound of each instance's in-memory cache tier, in bytes (CACHE_MAX_BYTES, default 64 MiB; 0: no memory tier). */
  readonly cacheMaxBytes: number;
  /** `<package name>/<version>`, sent upstream as `upstream-application-id`. */
  readonly applicationId: string;
}

/** Who may call from another origin: any (`'*'`), or exactly these serialized origins. */
export type CorsOrigins = '*' | readonly string[];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Thrown at startup for a missing, malformed or unsafe setting; the message names the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Builds the configuration from an environment map (normally `process.env`).
 * Trims every value, applies defaults, and throws a `ConfigError` naming the
 * variable and what it received when a value is invalid or when production
 * is asked for without the secrets it needs.
 */
export function loadConfig(env: Env = process.env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const production = read('NODE_ENV') === 'production';
  const upstreamBaseUrl = readUrl('DR_API_BASE_URL', read('DR_API_BASE_URL'));
  const upstreamApiKey = read('DR_API_KEY');
  if (upstreamBaseUrl !== undefined && upstreamApiKey === undefined) {
    throw new ConfigError('DR_API_KEY is required when DR_API_BASE_URL is set (the upstream answers 401 without a key)');
  }
  const webhookSecrets = (read('DR_WEBHOOK_SECRET') ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret !== '');
  const authJwtSecret = read('AUTH_JWT_SECRET');
  if (production && authJwtSecret === undefined) {
    throw new ConfigError('NODE_ENV=production requires AUTH_JWT_SECRET (every GraphQL request must carry a token)');
  }
  if (production && webhookSecrets.length === 0) {
    throw new ConfigError('NODE_ENV=production requires DR_WEBHOOK_SECRET (unsigned webhooks would be accepted otherwise)');
  }
  const queryMaxCost = readInteger('QUERY_MAX_COST', read('QUERY_MAX_COST'), 3000, 1, 1_000_000);
  const callerCostLimit = readInteger('CALLER_COST_LIMIT', read('CALLER_COST_LIMIT'), 6000, 0, 100_000_000);
  if (callerCostLimit !== 0 && callerCostLimit < queryMaxCost) {
    // An operation the limits admit could then never be paid for: THROTTLED forever, whatever the caller waits.
    throw new ConfigError(`CALLER_COST_LIMIT (${callerCostLimit}) must be at least QUERY_MAX_COST (${queryMaxCost}), or 0 to turn the caller rate off`);
  }
  const logLevel = read('LOG_LEVEL') ?? 'info';
  if (!isLogLevel(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  return Object.freeze({
    port: readInteger('PORT', read('PORT'), 4000, 0, 65535),
    host: read('HOST') ?? '0.0.0.0',
    upstreamBaseUrl,
    upstreamApiKey: upstreamApiKey ?? 'sk_test_simulator',
    upstreamTimeoutMs: readInteger('UPSTREAM_TIMEOUT_MS', read('UPSTREAM_TIMEOUT_MS'), 10_000, 1, 120_000),
    upstreamConnections: readInteger('UPSTREAM_CONNECTIONS', read('UPSTREAM_CONNECTIONS'), 64, 1, 1024),
    upstreamFetchConcurrency: readInteger('UPSTREAM_FETCH_CONCURRENCY', read('UPSTREAM_FETCH_CONCURRENCY'), 8, 1, 100),
    webhookSecrets,
    webhookToleranceSeconds: readInteger('WEBHOOK_TOLERANCE_SECONDS', read('WEBHOOK_TOLERANCE_SECONDS'), 300, 1, 86_400),
    redisUrl: readUrl('REDIS_URL', read('REDIS_URL')),
    redisKeyPrefix: read('REDIS_KEY_PREFIX') ?? 'drgw:',
    eventClaimIdleMs: readInteger('EVENT_CLAIM_IDLE_MS', read('EVENT_CLAIM_IDLE_MS'), 15_000, 100, 3_600_000),
    // At least a minute, so a reconnect can resume; at most 30 days, far past any phone's time offline.
    eventReplaySeconds: readInteger('EVENT_REPLAY_SECONDS', read('EVENT_REPLAY_SECONDS'), 86_400, 60, 2_592_000),
    // 1 keeps resuming possible for the latest event; 1,000,000 messages of a few KB is already gigabytes.
    eventReplayMax: readInteger('EVENT_REPLAY_MAX', read('EVENT_REPLAY_MAX'), 10_000, 1, 1_000_000),
    authJwtSecret,
    production,
    upstreamRateLimit: readInteger('UPSTREAM_RATE_LIMIT', read('UPSTREAM_RATE_LIMIT'), 25, 0, 100_000),
    upstreamFairShare: readSwitch('UPSTREAM_FAIR_SHARE', read('UPSTREAM_FAIR_SHARE'), true),
    callerCostLimit,
    callerCostPerSecond: readInteger('CALLER_COST_PER_SECOND', read('CALLER_COST_PER_SECOND'), 1000, 1, 100_000_000),
    callerCostAdmins: readSwitch('CALLER_COST_ADMINS', read('CALLER_COST_ADMINS'), false),
    logLevel,
    simulatorPort: readInteger('SIMULATOR_PORT', read('SIMULATOR_PORT'), 4010, 0, 65535),
    queryMaxCost,
    queryMaxDepth: readInteger('QUERY_MAX_DEPTH', read('QUERY_MAX_DEPTH'), 10, 2, 100),
    queryMaxAliases: readInteger('QUERY_MAX_ALIASES', read('QUERY_MAX_ALIASES'), 20, 0, 1000),
    queryMaxNodes: readInteger('QUERY_MAX_NODES', read('QUERY_MAX_NODES'), 1000, 10, 100_000),
    queryMaxBytes: readInteger('QUERY_MAX_BYTES', read('QUERY_MAX_BYTES'), 65_536, 1024, 1024 * 1024),
    idMaxLength: readInteger('ID_MAX_LENGTH', read('ID_MAX_LENGTH'), 128, 16, 4096),
    wsMaxSubscriptions: readInteger('WS_MAX_SUBSCRIPTIONS', read('WS_MAX_SUBSCRIPTIONS'), 100, 1, 100_000),
    wsMaxConnectionsPerCaller: readInteger('WS_MAX_CONNECTIONS_PER_CALLER', read('WS_MAX_CONNECTIONS_PER_CALLER'), 20, 1, 100_000),
    persistedQueriesAllowlist: read('PERSISTED_QUERIES_ALLOWLIST'),
    corsOrigins: readCorsOrigins(read('CORS_ORIGINS'), production),
    // At least 100 ms: less cannot even close a socket; at most 10 minutes, past any orchestrator's patience.
    shutdownGraceMs: readInteger('SHUTDOWN_GRACE_MS', read('SHUTDOWN_GRACE_MS'), 10_000, 100, 600_000),
    explorer: readSwitch('EXPLORER', read('EXPLORER'), !production),
    // At most a day: past that, a missed webhook would be served for too long.
    cacheTtlSeconds: readInteger('CACHE_TTL_SECONDS', read('CACHE_TTL_SECONDS'), 60, 0, 86_400),
    // At most 16 GiB; 0 keeps nothing in memory (with Redis, every hit then comes from Redis).
    cacheMaxBytes: readInteger('CACHE_MAX_BYTES', read('CACHE_MAX_BYTES'), 64 * 1024 * 1024, 0, 16 * 1024 * 1024 * 1024),
    applicationId: readApplicationId(),
  });
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

function readInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number between ${min} and ${max}, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined) return fallback;
  if (raw === 'on') return true;
  if (raw === 'off') return false;
  throw new ConfigError(`${name} must be on or off, got "${raw}"`);
}

function readUrl(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an absolute URL, got "${raw}"`);
  }
  const allowed = name === 'REDIS_URL' ? ['redis:', 'rediss:'] : ['http:', 'https:'];
  if (!allowed.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${allowed.join(' or ')}, got "${url.protocol}"`);
  }
  return raw.replace(/\/+$/, '');
}

// Browsers send Origin serialized (lower-case scheme and host, no default port, no path), so each entry is compared in that form.
function readCorsOrigins(raw: string | undefined, production: boolean): CorsOrigins {
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  if (entries.includes('*')) {
    if (production) throw new ConfigError('CORS_ORIGINS=* is refused with NODE_ENV=production: list the origins of your frontends');
    if (entries.length > 1) throw new ConfigError(`CORS_ORIGINS is either * or a list of origins, got "${raw}"`);
    return '*';
  }
  return Object.freeze([...new Set(entries.map(readOrigin))]);
}

function readOrigin(entry: string): string {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    throw new ConfigError(`CORS_ORIGINS entries must be absolute origins such as https://shop.example.com, got "${entry}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`CORS_ORIGINS entries must use http or https, got "${entry}"`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '' || entry.endsWith('/')) {
    throw new ConfigError(`CORS_ORIGINS entries are origins (scheme, host and port only, no path or trailing slash), got "${entry}"`);
  }
  return url.origin;
}

// The package manifest names the application for upstream's call logs.
function readApplicationId(): string {
  for (const candidate of [join(__dirname, '..', 'package.json'), join(__dirname, '..', '..', 'package.json')]) {
    try {
      const manifest: unknown = JSON.parse(readFileSync(candidate, 'utf8'));
      if (typeof manifest === 'object' && manifest !== null && 'name' in manifest && 'version' in manifest) {
        return `${String(manifest.name)}/${String(manifest.version)}`;
      }
    } catch {
      // try the next location: src/ (ts-jest) and dist/src/ (built) sit at different depths
    }
  }
  return 'dr-graphql-gateway/0.0.0';
}
