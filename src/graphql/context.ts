// The per-operation GraphQL context: request id, caller, logger, fresh loaders and the write-side seams.
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { Logger } from '../logger';
import type { PubSub } from '../pubsub/pubsub';
import type { ReplayLog } from '../pubsub/replay-log';
import type { UpstreamClient } from '../upstream/client';
import type { EventLoaderPool } from '../loaders/event-loader-pool';
import type { GatewayContext, MutationRecord } from '../resolvers/resolver-context';
import { countCalls } from '../upstream/call-counter';
import type { SharedCache } from '../upstream/shared-cache';
import type { AdmittedOperation, OperationCost } from './admission';
import type { CallerCharge, ThrottleStatus } from './caller-rate';
import type { OperationRecord } from './operation-log';

/** What {@link createContext} needs from the gateway. */
export interface ContextDependencies {
  readonly config: Config;
  readonly logger: Logger;
  readonly upstream: UpstreamClient;
  readonly idempotency: IdempotencyStore<MutationRecord>;
  readonly pubsub: PubSub;
  readonly replay: ReplayLog;
  readonly eventLoaders: EventLoaderPool;
  /** Turns an Authorization value into a Viewer, or throws UNAUTHENTICATED / FORBIDDEN. */
  readonly authenticate: (authorization: string | undefined) => Promise<Viewer>;
  /** Observes DataLoader batch sizes (metrics). */
  readonly onBatch?: ((loader: string, size: number) => void) | undefined;
  /** The cross-request cache the loaders read through; absent: none. */
  readonly cache?: SharedCache | undefined;
}

/** The resolvers' context plus what the pipeline keeps about the operation it belongs to. */
export interface OperationContext extends GatewayContext {
  /** The access-log and metrics record of this operation. */
  readonly record: OperationRecord;
  /** Set once the admission let the operation through. */
  admitted: AdmittedOperation | undefined;
  /** What a refused operation was measured at (and, THROTTLED, the caller's bucket), for `extensions.cost`. */
  refusedCost: (Partial<OperationCost> & { throttleStatus?: ThrottleStatus }) | undefined;
  /** Answers the operation's loaders took from the shared cache instead of upstream, for `extensions.cost.cacheHits`. */
  cacheHits(): number;
  /**
   * Whose share of the upstream budget and whose cost bucket the operation
   * spends: `sub:<token subject>`, or `ip:<client ip>` when the gateway runs
   * without auth (every request is then the development admin).
   */
  readonly caller: string;
  /** What the caller rate charged, once the admission's last step passed; undefined for exempt callers. */
  charge: CallerCharge | undefined;
  /** What the operation actually cost, once it ran (`extensions.cost.actualQueryCost`). */
  actualCost: number | undefined;
}

/**
 * Builds a context: once per HTTP operation, once per subscription (loaders
 * then per event). The loaders and the request logger are made on first use:
 * a subscription holds its context for as long as it is open, and most never
 * read through their own loaders (each pushed event swaps in shared ones), so
 * 20,000 open subscriptions would otherwise keep 20,000 unused sets of
 * DataLoaders alive.
 */
export function createContext(deps: ContextDependencies, record: OperationRecord, clientIp: string | undefined, viewer: Viewer): OperationContext {
  const { requestId } = record;
  const caller = callerKey(deps.config, viewer, clientIp);
  const callContext = { requestId, clientIp, caller };
  const counted = countCalls(deps.upstream);
  record.upstreamCalls = counted.count;
  let loaders: Loaders | undefined;
  let logger: Logger | undefined;
  let cacheHits = 0;
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
      loaders ??= createLoaders(counted.client, callContext, {
        fetchConcurrency: deps.config.upstreamFetchConcurrency,
        viewer,
        onBatch: deps.onBatch,
        cache: deps.cache,
        onCacheHits: (count) => {
          cacheHits += count;
        },
      });
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
    replay: deps.replay,
    resumeAfter: undefined,
    lastEventId: undefined,
    eventLoaders: deps.eventLoaders,
    record,
    admitted: undefined,
    refusedCost: undefined,
    cacheHits: () => cacheHits,
    caller,
    charge: undefined,
    actualCost: undefined,
  };
}

/**
 * The caller key of the runtime contract ("by token `sub`; by client IP
 * without auth"). Without AUTH_JWT_SECRET every request is the same
 * development admin, so the client's address is all that tells callers apart.
 */
export function callerKey(config: Pick<Config, 'authJwtSecret'>, viewer: Viewer, clientIp: string | undefined): string {
  return config.authJwtSecret === undefined ? `ip:${clientIp ?? 'unknown'}` : `sub:${viewer.subject}`;
}
