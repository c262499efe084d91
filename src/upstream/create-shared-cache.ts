// Chooses the shared cache for the configuration: off, in this process, or in Redis with a memory tier in front.
import type { RedisConnections } from '../redis/redis-connection';
import { createMemorySharedCache } from './memory-shared-cache';
import { createRedisSharedCache } from './redis-shared-cache';
import { type SharedCache, type SharedCacheOptions, disabledCache } from './shared-cache';

/** Settings of {@link createSharedCache}: CACHE_TTL_SECONDS (0: off), CACHE_MAX_BYTES, and the Redis connections with REDIS_URL. */
export interface CreateSharedCacheOptions extends SharedCacheOptions {
  redis: RedisConnections | undefined;
}

/**
 * The disabled cache when `ttlSeconds` is 0; with `redis`, the fleet-wide
 * cache (every instance on the same key prefix shares it); else this
 * instance's own.
 */
export function createSharedCache({ redis, ...options }: CreateSharedCacheOptions): SharedCache {
  if (options.ttlSeconds === 0) return disabledCache;
  return redis === undefined ? createMemorySharedCache(options) : createRedisSharedCache(redis, options);
}
