// The per-operation GraphQL context: request id, caller, logger, fresh loaders and the write-side seams.
import type { Viewer } from '../auth/viewer';
import type { Config } from '../config';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { createLoaders, type Loaders } from '../loaders/create-loaders';
import type { Logger } from '../logger';
import type { PubSub } from '../pubsub/pubsub';
import type { ReplayLog } from '../pubsub/replay-log';
import type { CallContext, UpstreamClient } from '../upstream/client';
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
  return new Context(deps, record, clientIp, viewer);
}

/**
 * The context as a class, its lazy members accessors of the prototype. Not an
 * object literal with `get loaders()`: V8 keeps a literal's own accessors in
 * that object's own hidden class, which lives in the old generation, so the
 * young-generation collector took every object the operation's loaders reached
 * (all its upstream data) for live until the next full collection, and
 * promoted it: ~0.3 MB per order page, the largest share of the gateway's
 * garbage-collection time. Plain fields, not `#private` ones: Apollo hands
 * resolvers a copy made with `Object.assign(Object.create(prototype), context)`.
 */
class Context implements OperationContext {
  readonly requestId: string;
  readonly clientIp: string | undefined;
  readonly viewer: Viewer;
  readonly callerId: string;
  readonly callContext: CallContext;
  readonly upstream: UpstreamClient;
  readonly upstreamCalls: () => number;
  readonly idempotency: IdempotencyStore<MutationRecord>;
  readonly pubsub: PubSub;
  readonly replay: ReplayLog;
  resumeAfter: string | undefined = undefined;
  lastEventId: string | undefined = undefined;
  readonly eventLoaders: EventLoaderPool;
  readonly record: OperationRecord;
  admitted: AdmittedOperation | undefined = undefined;
  refusedCost: OperationContext['refusedCost'] = undefined;
  readonly caller: string;
  charge: CallerCharge | undefined = undefined;
  actualCost: number | undefined = undefined;
  private readonly deps: ContextDependencies;
  private madeLoaders: Loaders | undefined = undefined;
  private madeLogger: Logger | undefined = undefined;
  private cacheHitCount = 0;

  constructor(deps: ContextDependencies, record: OperationRecord, clientIp: string | undefined, viewer: Viewer) {
    this.deps = deps;
    this.requestId = record.requestId;
    this.clientIp = clientIp;
    this.viewer = viewer;
    this.callerId = `${viewer.kind}:${viewer.subject}`;
    this.caller = callerKey(deps.config, viewer, clientIp);
    this.callContext = { requestId: record.requestId, clientIp, caller: this.caller };
    const counted = countCalls(deps.upstream);
    record.upstreamCalls = counted.count;
    this.upstream = counted.client;
    this.upstreamCalls = counted.count;
    this.idempotency = deps.idempotency;
    this.pubsub = deps.pubsub;
    this.replay = deps.replay;
    this.eventLoaders = deps.eventLoaders;
    this.record = record;
  }

  get logger(): Logger {
    this.madeLogger ??= this.deps.logger.child({ requestId: this.requestId });
    return this.madeLogger;
  }

  get loaders(): Loaders {
    this.madeLoaders ??= createLoaders(this.upstream, this.callContext, {
      fetchConcurrency: this.deps.config.upstreamFetchConcurrency,
      viewer: this.viewer,
      onBatch: this.deps.onBatch,
      cache: this.deps.cache,
      onCacheHits: (count) => {
        this.cacheHitCount += count;
      },
    });
    return this.madeLoaders;
  }

  set loaders(replacement: Loaders) {
    this.madeLoaders = replacement;
  }

  cacheHits(): number {
    return this.cacheHitCount;
  }
}

/**
 * The caller key of the runtime contract ("by token `sub`; by client IP
 * without auth"). Without AUTH_JWT_SECRET every request is the same
 * development admin, so the client's address is all that tells callers apart.
 */
export function callerKey(config: Pick<Config, 'authJwtSecret'>, viewer: Viewer, clientIp: string | undefined): string {
  return config.authJwtSecret === undefined ? `ip:${clientIp ?? 'unknown'}` : `sub:${viewer.subject}`;
}
