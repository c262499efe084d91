// Wires the layers into one HTTP server: upstream client, schema, Apollo, webhook pipeline, pub/sub, graphql-ws. Reads no environment.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Config } from './config';
import { createErrorFormatter } from './errors/format-error';
import { createMemoryEventLog } from './events/event-log';
import { createMemoryObjectStateStore } from './events/object-state-store';
import { createOwnership } from './events/ownership';
import { processEvent } from './events/process-event';
import { type ReceiptOutcome, handleWebhook } from './events/receiver';
import { createApollo } from './http/apollo';
import type { ContextDependencies, MutationRecord } from './http/context';
import { createEventLoaderPool } from './http/event-loader-pool';
import { createReadinessCheck } from './http/health';
import { createRouter } from './http/router';
import { startSubscriptionServer } from './http/subscriptions';
import { createMemoryIdempotencyStore } from './idempotency/idempotency-store';
import type { Logger } from './logger';
import { createMemoryPubSub } from './pubsub/memory-pubsub';
import type { PubSub } from './pubsub/pubsub';
import { buildGatewaySchema } from './schema/build-schema';
import { onUnknownEnumValue } from './schema/enums/from-upstream';
import { type UpstreamClient, createUpstreamClient } from './upstream/client';
import { retryProcessing } from './events/retry-processing';

/** A started gateway. */
export interface RunningGateway {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly port: number;
  /** Open pub/sub listeners (one per live subscription). */
  openSubscriptions(): number;
  /** Stops accepting, closes WebSockets with 1001, finishes in-flight requests, closes upstream connections. */
  stop(): Promise<void>;
}

/** What a gateway is built from besides its configuration. */
export interface GatewayDependencies {
  logger: Logger;
  /** Overrides the upstream client (tests); built from the configuration otherwise. */
  upstream?: UpstreamClient;
  /** Overrides the pub/sub (tests, Redis); in memory otherwise. */
  pubsub?: PubSub;
  /** Observes every webhook receipt (tests, metrics). */
  onWebhook?: (outcome: ReceiptOutcome) => void;
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
  if (config.webhookSecrets.length === 0) logger.warn('DR_WEBHOOK_SECRET is unset: every webhook will be refused with 401');

  const upstream = deps.upstream ?? createUpstreamClient({
    baseUrl: config.upstreamBaseUrl,
    apiKey: config.upstreamApiKey,
    applicationId: config.applicationId,
    timeoutMs: config.upstreamTimeoutMs,
    connections: config.upstreamConnections,
  });
  const pubsub = deps.pubsub ?? createMemoryPubSub();
  const eventLoaders = createEventLoaderPool(upstream, { fetchConcurrency: config.upstreamFetchConcurrency });
  const context: ContextDependencies = {
    config,
    logger,
    upstream,
    pubsub,
    eventLoaders,
    idempotency: createMemoryIdempotencyStore<MutationRecord>(),
  };
  const processing = { pubsub, states: createMemoryObjectStateStore(), ownership: createOwnership(upstream), logger };
  const eventLog = createMemoryEventLog();

  const schema = await buildGatewaySchema();
  const apollo = createApollo(schema, config, logger);
  await apollo.start();

  const server: Server = createServer(createRouter({
    apollo,
    context,
    readiness: createReadinessCheck(upstream),
    logger,
    webhook: (request, response) => handleWebhook(request, response, {
      secrets: config.webhookSecrets,
      toleranceSeconds: config.webhookToleranceSeconds,
      eventLog,
      logger,
      onOutcome: deps.onWebhook,
      afterAccept: (event) => retryProcessing(() => processEvent(event, processing), logger, event.id).then(() => undefined),
    }),
  }));
  server.keepAliveTimeout = 65_000;
  const subscriptions = startSubscriptionServer(server, {
    schema,
    context,
    logger,
    formatError: createErrorFormatter({
      production: config.production,
      onUnexpected: (error) => logger.error({ err: error }, 'unexpected error in a subscription'),
    }),
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

  return {
    url,
    port,
    openSubscriptions: () => pubsub.listenerCount(),
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await subscriptions.dispose();
      server.closeIdleConnections();
      await closed;
      await apollo.stop();
      eventLoaders.clear();
      await pubsub.close();
      await upstream.close();
    },
  };
}
