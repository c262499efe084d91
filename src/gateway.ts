// Wires the layers into one HTTP server: upstream client, schema, Apollo, webhook pipeline, pub/sub, graphql-ws. Reads no environment.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createTokenVerifier } from './auth/verify-token';
import { DEVELOPMENT_ADMIN } from './auth/viewer';
import type { Config } from './config';
import { createEventInvalidation } from './events/invalidate-event';
import { createOwnership } from './events/ownership';
import { classifyEvent } from './events/classify-event';
import { createKeyedSerializer } from './events/keyed-serializer';
import { processEvent } from './events/process-event';
import type { ContextDependencies } from './graphql/context';
import { buildGatewaySchema } from './graphql/build-schema';
import { createOperationPipeline } from './graphql/pipeline';
import { createEventLoaderPool } from './loaders/event-loader-pool';
import { createReadinessCheck } from './http/health';
import { createRouter } from './http/router';
import { createSseHandler } from './http/sse';
import { startSubscriptionServer } from './http/subscriptions';
import { type WebhookOutcome, handleWebhook } from './http/webhook-handler';
import type { Logger } from './logger';
import { createMemoryReplayLog } from './pubsub/memory-replay-log';
import type { PubSub } from './pubsub/pubsub';
import { createMetrics } from './metrics/metrics';
import { watchRedis } from './redis/redis-health';
import { createSharedState } from './shared-state';
import { createRedisRateBudget } from './upstream/redis-rate-budget';
import type { UpstreamCallRecord } from './upstream/client';
import { onUnknownEnumValue } from './schema/enums/from-upstream';
import { type UpstreamClient, createUpstreamClient } from './upstream/client';
import { createMemoryRateBudget } from './upstream/rate-budget';
import { cacheObserver } from './upstream/cache-metrics';
import { createSharedCache } from './upstream/create-shared-cache';
import { retryProcessing } from './events/retry-processing';
import { DEMO_IDS } from './web/pages';
import { ORDER_PAGE_PREFIX, createWebRoutes } from './web/web-routes';

/** A started gateway. */
export interface RunningGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly port: number;
  /** Open pub/sub listeners (one per live subscription). */
  openSubscriptions(): number;
  /**
   * Stops accepting, closes WebSockets with 1001, lets in-flight requests
   * finish (cut after `graceMs`, default 10_000), closes upstream connections.
   */
  stop(graceMs?: number): Promise<void>;
}

/** What a gateway is built from besides its configuration. */
export interface GatewayDependencies {
  logger: Logger;
  /** Overrides the upstream client (tests); built from the configuration otherwise. */
  upstream?: UpstreamClient;
  /** Overrides the pub/sub (tests, Redis); in memory otherwise. */
  pubsub?: PubSub;
  /** Keep-alive comment interval of server-sent event streams in ms (tests); 12_000 otherwise. */
  sseKeepAliveMs?: number;
  /** Observes every webhook receipt (tests, metrics). */
  onWebhook?: (outcome: WebhookOutcome) => void;
}

/**
 * Builds and starts a gateway listening on `config.host:config.port` (port 0
 * picks a free one). `config.upstreamBaseUrl` must be set: starting the
 * embedded simulator is the entry point's job.
 */
export async function startGateway(config: Config, deps: GatewayDependencies): Promise<RunningGateway> {
  const { logger } = deps;
  if (config.upstreamBaseUrl === undefined) throw new Error('startGateway needs config.upstreamBaseUrl');
  onUnknownEnumValue((enumName, value) => logger.warn({ enumName, value }, 'upstream sent a value this gateway does not know; mapped to UNKNOWN'));
  if (config.authJwtSecret === undefined) logger.warn('AUTH_JWT_SECRET is unset: every request is treated as admin (development only)');
  if (config.webhookSecrets.length === 0) logger.warn('DR_WEBHOOK_SECRET is unset: every webhook will be refused with 401');

  const shared = await createSharedState(config, logger);
  // Metrics exist only once the pub/sub does; calls made before are not counted.
  let observeUpstream: (call: UpstreamCallRecord) => void = () => undefined;
  const upstream = deps.upstream ?? createUpstreamClient({
    onCall: (call) => observeUpstream(call),
    baseUrl: config.upstreamBaseUrl,
    apiKey: config.upstreamApiKey,
    applicationId: config.applicationId,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
    // With Redis the budget holds for every instance together.
    rateBudget: shared.redis === undefined
      ? createMemoryRateBudget(config.upstreamRateLimit, { fairShare: config.upstreamFairShare })
      : createRedisRateBudget(shared.redis, config.upstreamRateLimit, { fairShare: config.upstreamFairShare }),
  });
  const pubsub = deps.pubsub ?? shared.pubsub;
  // The replay log publishes through the pub/sub in use, so an overriding one keeps its own log.
  const replay = deps.pubsub === undefined ? shared.replay : createMemoryReplayLog(deps.pubsub, { maxEntries: config.eventReplayMax });
  const metrics = createMetrics({
    openSubscriptions: () => pubsub.listenerCount(),
    breakerStates: () => upstream.breakerStates?.() ?? {},
    cacheMemoryBytes: () => cache.memoryBytes(),
  });
  // With Redis, every instance on the same key prefix shares it.
  const cache = createSharedCache({
    ttlSeconds: config.cacheTtlSeconds,
    maxBytes: config.cacheMaxBytes,
    redis: shared.redis,
    observer: cacheObserver(metrics, logger),
  });
  // Readiness asks once, fast: no retries, no breaker, outside the request budget.
  const probeClient = createUpstreamClient({
    baseUrl: config.upstreamBaseUrl,
    apiKey: config.upstreamApiKey,
    applicationId: config.applicationId,
    timeoutMs: Math.min(config.upstreamTimeoutMs, 2_000),
    connections: 1,
    retry: false,
    breaker: false,
  });
  observeUpstream = (call) => {
    const endpoint = `${call.method} ${call.collection}`;
    // Attempts refused before sending (open breaker, spent budget) are labelled by why.
    metrics.upstreamCalls.inc({ endpoint, status: call.status === 0 ? call.outcome : String(call.status) });
    metrics.upstreamDuration.observe({ endpoint }, call.durationMs / 1000);
    logger.debug({ endpoint, status: call.status, durationMs: Math.round(call.durationMs * 10) / 10 }, 'upstream call');
  };
  const eventLoaders = createEventLoaderPool(upstream, { fetchConcurrency: config.upstreamFetchConcurrency, cache });
  const context: ContextDependencies = {
    config,
    logger,
    upstream,
    pubsub,
    replay,
    eventLoaders,
    idempotency: shared.idempotency,
    cache,
    authenticate: config.authJwtSecret === undefined ? async () => DEVELOPMENT_ADMIN : createTokenVerifier(config.authJwtSecret),
    onBatch: (loader, size) => metrics.batchSize.observe({ loader }, size),
  };
  const ownership = createOwnership(upstream);
  const processing = { replay, states: shared.states, ownership, logger };
  const perObject = createKeyedSerializer();
  shared.queue.start(async (event, signal) => {
    try {
      const subject = classifyEvent(event);
      const outcome = await perObject.run(subject === null ? event.id : `${subject.kind}:${subject.objectId}`,
        () => retryProcessing((attempt) => processEvent(event, processing, attempt), logger, event.id, { signal }));
      metrics.eventsPushed.inc({ outcome: outcome.kind });
    } catch (error) {
      // Cut short by shutdown is no failure: with Redis another instance takes the event over.
      if (!signal.aborted) metrics.eventsPushed.inc({ outcome: 'failed' });
      // The queue logs it and drops it from processing; the process goes on.
      throw error;
    }
  });
  const redisHealth = shared.redis === undefined ? undefined : watchRedis(shared.redis, metrics, logger);
  // Runs before each new event is answered 202: see events/receiver.ts.
  const invalidateEvent = createEventInvalidation({ cache, ownership, logger });

  const schema = await buildGatewaySchema();
  const pipeline = createOperationPipeline(schema, config, context, metrics, logger, shared.redis);
  await pipeline.apollo.start();

  const sse = createSseHandler({ pipeline, logger, ...(deps.sseKeepAliveMs === undefined ? {} : { keepAliveMs: deps.sseKeepAliveMs }) });
  let accepting = true;
  const server: Server = createServer({
    // A half-sent request cannot hold a connection: the head within 10 s, the whole request within 30 s.
    headersTimeout: 10_000,
    requestTimeout: 30_000,
  }, createRouter({
    pipeline,
    readiness: createReadinessCheck(probeClient, { redis: redisHealth }),
    logger,
    metrics: metrics.registry,
    accepting: () => accepting,
    stream: (request, response) => sse.handle(request, response),
    corsOrigins: config.corsOrigins,
    web: config.explorer ? createWebRoutes({ logger }) : undefined,
    webhook: (request, response) => handleWebhook(request, response, {
      secrets: config.webhookSecrets,
      toleranceSeconds: config.webhookToleranceSeconds,
      eventLog: shared.eventLog,
      queue: shared.queue,
      invalidate: invalidateEvent,
      logger,
      onOutcome: (outcome) => {
        metrics.webhookEvents.inc({ type: outcome.kind === 'accepted' ? outcome.event.type : 'unknown', outcome: outcome.kind });
        deps.onWebhook?.(outcome);
      },
    }),
  }));
  server.keepAliveTimeout = 65_000;
  const subscriptions = startSubscriptionServer(server, {
    pipeline,
    logger,
    maxSubscriptionsPerConnection: config.wsMaxSubscriptions,
    maxConnectionsPerCaller: config.wsMaxConnectionsPerCaller,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${shownHost}:${port}`;
  logger.info({ url, upstream: config.upstreamBaseUrl }, 'gateway listening');
  if (config.explorer) {
    logger.info({ explorer: `${url}/graphql`, demoPage: `${url}${ORDER_PAGE_PREFIX}${DEMO_IDS.orderId}` }, 'open the GraphQL explorer and the live order page in a browser');
  }

  return {
    url,
    port,
    openSubscriptions: () => pubsub.listenerCount(),
    async stop(graceMs = 10_000) {
      // Stop accepting: the listener closes, keep-alive sockets get 503 + close.
      accepting = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await subscriptions.dispose();
      // Event streams end with `complete`, so their clients know it was no network failure.
      await sse.closeAll();
      server.closeIdleConnections();
      // In-flight requests finish; keep-alive sockets close as soon as they go
      // idle; past the grace period the rest are cut.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      const grace = setTimeout(() => server.closeAllConnections(), graceMs);
      grace.unref();
      await closed;
      clearInterval(sweep);
      clearTimeout(grace);
      await pipeline.apollo.stop();
      await shared.queue.stop();
      eventLoaders.clear();
      await pubsub.close();
      await upstream.close();
      await probeClient.close();
      redisHealth?.stop();
      cache.close();
      // Redis last: the queue and the pub/sub needed it until now.
      await shared.redis?.close();
    },
  };
}
