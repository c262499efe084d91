// The per-operation GraphQL context: request id, caller, logger, fresh loaders and the write-side seams.
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { Logger } from '../logger';
import type { PubSub } from '../pubsub/pubsub';
import type { CallContext, UpstreamClient } from '../upstream/client';
import { countCalls } from './call-counter';
import type { EventLoaderPool } from './event-loader-pool';

/** What a mutation remembers under its idempotency key: JSON-safe, so Redis can hold it. */
export interface MutationRecord {
  /** The upstream object created, or null when the mutation ended in user errors. */
  created: unknown;
  userErrors: Array<{ field: string[] | null; code: string; message: string }>;
}

/** What every resolver receives as `ctx`. */
export interface GatewayContext {
  /** Id of this GraphQL request; sent upstream as `upstream-id`. */
  readonly requestId: string;
  readonly clientIp: string | undefined;
  /** Who is calling; scoping is enforced by the loaders built for this viewer. */
  readonly viewer: Viewer;
  /** The idempotency scope: the token's subject. */
  readonly callerId: string;
  readonly logger: Logger;
  /**
   * Loaders of this operation. Subscriptions swap them for each pushed event
   * (graphql-ws builds the context once per subscription), so a push never
   * reads data cached before its event.
   */
  loaders: Loaders;
  readonly callContext: CallContext;
  /** For writes only; reads go through `loaders`. */
  readonly upstream: UpstreamClient;
  readonly idempotency: IdempotencyStore<MutationRecord>;
  readonly pubsub: PubSub;
  readonly eventLoaders: EventLoaderPool;
  /** Upstream calls made for this operation so far. */
  upstreamCalls(): number;
}

/** What {@link createContext} needs from the gateway. */
export interface ContextDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly upstream: UpstreamClient;
  readonly idempotency: IdempotencyStore<MutationRecord>;
  readonly pubsub: PubSub;
  readonly eventLoaders: EventLoaderPool;
  /** Turns an Authorization value into a Viewer, or throws UNAUTHENTICATED / FORBIDDEN. */
  readonly authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Observes DataLoader batch sizes (metrics). */
  readonly onBatch?: ((loader: string, size: number) => void) | undefined;
}

/**
 * Builds a context: once per HTTP operation, once per subscription (loaders
 * then per event). The loaders and the request logger are made on first use:
 * a subscription holds its context for as long as it is open, and most never
 * read through their own loaders (each pushed event swaps in shared ones), so
 * 20,000 open subscriptions would otherwise keep 20,000 unused sets of
 * DataLoaders alive.
 */
export function createContext(deps: ContextDependencies, requestId: string, clientIp: string | undefined, viewer: Viewer): GatewayContext {
  const callContext = { requestId, clientIp };
  const counted = countCalls(deps.upstream);
  let loaders: Loaders | undefined;
  let logger: Logger | undefined;
  return {
    requestId,
    clientIp,
    viewer,
    callerId: `${viewer.kind}:${viewer.subject}`,
    get logger(): Logger {
      logger ??= deps.logger.child({ requestId });
      return logger;
    },
    get loaders(): Loaders {
      loaders ??= createLoaders(counted.client, callContext, { fetchConcurrency: deps.config.upstreamFetchConcurrency, viewer, onBatch: deps.onBatch });
      return loaders;
    },
    set loaders(replacement: Loaders) {
      loaders = replacement;
    },
    callContext,
    upstream: counted.client,
    upstreamCalls: counted.count,
    idempotency: deps.idempotency,
    pubsub: deps.pubsub,
    eventLoaders: deps.eventLoaders,
  };
}
