// Benchmark child: this gateway in its own process against a simulator URL, answering IPC commands (cpu, memory, subscriptions).
import 'reflect-metadata';

import { loadConfig } from '../../../src/config';
import { startGateway } from '../../../src/gateway';
import { createLogger } from '../../../src/logger';
import { childParams, serveCommands } from '../lib/child-endpoint';
import { stringField } from '../lib/ipc-protocol';

/** `CACHE_TTL_SECONDS` from the optional `cacheTtlSeconds` parameter; absent: the gateway's default. */
function cacheSetting(params: Record<string, unknown>): Record<string, string> {
  const ttl = params['cacheTtlSeconds'];
  if (ttl === undefined) return {};
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || ttl < 0) throw new TypeError(`cacheTtlSeconds must be a whole number of seconds, got ${JSON.stringify(ttl)}`);
  return { CACHE_TTL_SECONDS: String(ttl) };
}

async function main(): Promise<void> {
  const params = childParams();
  // The benchmark configuration: no rate budget (the default 25 req/s would throttle load tests), no logs, and
  // no per-caller socket cap: without auth every one of the thousands of benchmark sockets is the same caller.
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DR_API_BASE_URL: stringField(params, 'upstreamUrl'),
    DR_API_KEY: stringField(params, 'apiKey'),
    DR_WEBHOOK_SECRET: stringField(params, 'webhookSecret'),
    UPSTREAM_RATE_LIMIT: '0',
    WS_MAX_CONNECTIONS_PER_CALLER: '100000',
    LOG_LEVEL: 'silent',
    ...cacheSetting(params),
  });
  const gateway = await startGateway(config, { logger: createLogger('silent') });
  serveCommands({
    info: { url: gateway.url },
    commands: { subscriptions: () => gateway.openSubscriptions() },
    stop: () => gateway.stop(2_000),
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway-server: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
