// The Prometheus registry and every metric name the gateway exports at /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric, in one registry per gateway (tests start several in one process). */
export interface GatewayMetrics {
  registry: Registry;
  operations: Counter<'operation' | 'type' | 'outcome' | 'transport'>;
  operationDuration: Histogram<'operation' | 'type'>;
  upstreamCalls: Counter<'endpoint' | 'status'>;
  upstreamDuration: Histogram<'endpoint'>;
  batchSize: Histogram<'loader'>;
  webhookEvents: Counter<'type' | 'outcome'>;
  eventsPushed: Counter<'outcome'>;
  redisRoundTrip: Histogram;
  redisErrors: Counter;
  /** Keys the shared cache answered (hit), missed, or could not be asked for (bypass: Redis away); real upstream calls are `upstreamCalls`. */
  cacheLookups: Counter<'kind' | 'result'>;
  /** Scopes invalidated in the shared cache, by origin (webhook, mutation) and outcome (ok, failed). */
  cacheInvalidations: Counter<'origin' | 'outcome'>;
  /** Entries the memory tier dropped to stay within CACHE_MAX_BYTES. */
  cacheEvictions: Counter;
}

/**
 * Creates the registry. `openSubscriptions` and `breakerStates` are read at
 * scrape time, so they cost nothing between scrapes.
 */
export function createMetrics(sources: {
  openSubscriptions: () => number;
  breakerStates?: () => Record<string, string>;
  /** Bytes held by the shared cache's memory tier. */
  cacheMemoryBytes?: () => number;
}): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  const metrics: GatewayMetrics = {
    registry,
    operations: new Counter({ name: 'gateway_graphql_operations_total', help: 'GraphQL operations by name (the first 200 distinct names or the allowlist\'s, the rest as "other"), type, outcome (ok, error, rejected) and transport.', labelNames: ['operation', 'type', 'outcome', 'transport'], registers: [registry] }),
    operationDuration: new Histogram({ name: 'gateway_graphql_operation_duration_seconds', help: 'GraphQL operation latency.', labelNames: ['operation', 'type'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    upstreamCalls: new Counter({ name: 'gateway_upstream_calls_total', help: 'Upstream calls by endpoint (method and collection) and HTTP status (0: no answer).', labelNames: ['endpoint', 'status'], registers: [registry] }),
    upstreamDuration: new Histogram({ name: 'gateway_upstream_call_duration_seconds', help: 'Upstream call latency by endpoint.', labelNames: ['endpoint'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry] }),
    batchSize: new Histogram({ name: 'gateway_dataloader_batch_size', help: 'Keys per DataLoader batch.', labelNames: ['loader'], buckets: [1, 2, 5, 10, 25, 50, 100, 250], registers: [registry] }),
    webhookEvents: new Counter({ name: 'gateway_webhook_events_total', help: 'Webhook deliveries by event type and outcome (accepted, duplicate, stale, ignored, published, unauthorized, bad-request, too-large, failed).', labelNames: ['type', 'outcome'], registers: [registry] }),
    redisRoundTrip: new Histogram({ name: 'gateway_redis_roundtrip_seconds', help: 'Redis PING round-trip time (REDIS_URL only).', buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5], registers: [registry] }),
    redisErrors: new Counter({ name: 'gateway_redis_errors_total', help: 'Failed Redis health checks (REDIS_URL only).', registers: [registry] }),
    eventsPushed: new Counter({ name: 'gateway_events_published_total', help: 'Events published to subscribers by this instance, by outcome.', labelNames: ['outcome'], registers: [registry] }),
    cacheLookups: new Counter({ name: 'gateway_cache_lookups_total', help: 'Keys asked of the shared cache, by kind and result (hit, miss, bypass: not asked because Redis is away). Real upstream calls are gateway_upstream_calls_total.', labelNames: ['kind', 'result'], registers: [registry] }),
    cacheInvalidations: new Counter({ name: 'gateway_cache_invalidations_total', help: 'Scopes (an order, a fulfillment order, a source) invalidated in the shared cache, by origin (webhook, mutation) and outcome (ok, failed).', labelNames: ['origin', 'outcome'], registers: [registry] }),
    cacheEvictions: new Counter({ name: 'gateway_cache_evictions_total', help: 'Entries the shared cache\'s memory tier dropped to stay within CACHE_MAX_BYTES.', registers: [registry] }),
  };
  if (sources.cacheMemoryBytes !== undefined) {
    const bytes = sources.cacheMemoryBytes;
    new Gauge({ name: 'gateway_cache_memory_bytes', help: 'Bytes held by the shared cache\'s memory tier (JSON characters, keys and scopes).', registers: [registry], collect() { this.set(bytes()); } });
  }
  new Gauge({ name: 'gateway_subscriptions_open', help: 'Open GraphQL subscriptions.', registers: [registry], collect() { this.set(sources.openSubscriptions()); } });
  if (sources.breakerStates !== undefined) {
    const states = sources.breakerStates;
    new Gauge({
      name: 'gateway_upstream_breaker_open',
      help: 'Circuit breaker state per upstream endpoint (0 closed, 0.5 half-open, 1 open).',
      labelNames: ['endpoint'],
      registers: [registry],
      collect() {
        for (const [endpoint, state] of Object.entries(states())) this.set({ endpoint }, state === 'open' ? 1 : state === 'half-open' ? 0.5 : 0);
      },
    });
  }
  return metrics;
}
