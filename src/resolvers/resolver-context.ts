// What every resolver receives as `ctx`: declared by the resolvers layer, built per operation by graphql/context.ts.
import type { Viewer } from '../auth/viewer';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import type { EventLoaderPool } from '../loaders/event-loader-pool';
import type { Loaders } from '../loaders/create-loaders';
import type { Logger } from '../logger';
import type { PubSub } from '../pubsub/pubsub';
import type { ReplayLog } from '../pubsub/replay-log';
import type { CallContext, UpstreamClient } from '../upstream/client';

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
  /** Published events kept for subscriptions that resume after an event id. */
  readonly replay: ReplayLog;
  /**
   * An event id to resume after that the transport carried outside the
   * arguments (SSE's Last-Event-ID); a subscription's afterEventId wins.
   */
  resumeAfter: string | undefined;
  /** The event id of the push being resolved, for transports that label each push with it (SSE's id:). */
  lastEventId: string | undefined;
  readonly eventLoaders: EventLoaderPool;
  /** Upstream calls made for this operation so far. */
  upstreamCalls(): number;
}
