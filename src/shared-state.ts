// Chooses the implementations behind every shared seam: in memory for one instance, Redis (REDIS_URL) for several.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type { Config } from './config';
import { type EventLog, createMemoryEventLog } from './events/event-log';
import { type EventQueue, createMemoryEventQueue } from './events/event-queue';
import { type ObjectStateStore, createMemoryObjectStateStore } from './events/object-state-store';
import { createRedisEventLog } from './events/redis-event-log';
import { createRedisEventQueue } from './events/redis-event-queue';
import { createRedisObjectStateStore } from './events/redis-object-state-store';
import type { MutationRecord } from './resolvers/resolver-context';
import { type IdempotencyStore, createMemoryIdempotencyStore } from './idempotency/idempotency-store';
import { createRedisIdempotencyStore } from './idempotency/redis-idempotency-store';
import type { Logger } from './logger';
import { createMemoryPubSub } from './pubsub/memory-pubsub';
import { createMemoryReplayLog } from './pubsub/memory-replay-log';
import type { PubSub } from './pubsub/pubsub';
import { createRedisPubSub } from './pubsub/redis-pubsub';
import { createRedisReplayLog } from './pubsub/redis-replay-log';
import type { ReplayLog } from './pubsub/replay-log';
import { type RedisConnections, connectRedis } from './redis/redis-connection';

/** The state a gateway instance shares (or, alone, keeps to itself). */
export interface SharedState {
  pubsub: PubSub;
  /** Publishes through `pubsub` and keeps what it published for resuming subscribers. */
  replay: ReplayLog;
  eventLog: EventLog;
  states: ObjectStateStore;
  idempotency: IdempotencyStore<MutationRecord>;
  queue: EventQueue;
  /** Present with REDIS_URL. */
  redis: RedisConnections | undefined;
}

/** Builds the shared state for `config`; no resolver or receiver code knows which was chosen. */
export async function createSharedState(config: Config, logger: Logger): Promise<SharedState> {
  if (config.redisUrl === undefined) {
    const pubsub = createMemoryPubSub();
    return {
      pubsub,
      replay: createMemoryReplayLog(pubsub, { maxEntries: config.eventReplayMax }),
      eventLog: createMemoryEventLog(),
      states: createMemoryObjectStateStore(),
      idempotency: createMemoryIdempotencyStore<MutationRecord>(),
      queue: createMemoryEventQueue(logger),
      redis: undefined,
    };
  }
  const redis = await connectRedis(config.redisUrl, config.redisKeyPrefix, logger);
  const consumer = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  return {
    pubsub: await createRedisPubSub(redis, logger),
    replay: createRedisReplayLog(redis, { retentionSeconds: config.eventReplaySeconds }),
    eventLog: createRedisEventLog(redis),
    states: createRedisObjectStateStore(redis),
    idempotency: createRedisIdempotencyStore<MutationRecord>(redis),
    queue: createRedisEventQueue(redis, logger, { consumer, claimIdleMs: config.eventClaimIdleMs }),
    redis,
  };
}
