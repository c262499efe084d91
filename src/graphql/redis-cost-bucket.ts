// Buckets of cost points per caller kept in Redis, so every gateway instance charges the same bucket: one Lua script on Redis' clock per take or give.
import { createHash } from 'node:crypto';

import type { RedisConnections } from '../redis/redis-connection';
import { type BucketLevel, type CostBuckets, type TakeResult, createMemoryCostBuckets } from './cost-bucket';

// KEYS[1]: the caller's bucket, a hash {points, at (ms)}; absent = full.
// ARGV: limit, points per second, points (> 0 takes them if the bucket holds
// that many, < 0 gives them back). Uses Redis' TIME, so every instance
// refills the bucket by one clock. Returns {1 taken / 0 not, points now} with
// the points as a string (Redis would truncate a number to an integer). The
// key expires once the bucket would be full again: a full bucket is no key.
const BUCKET = `
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + tonumber(now[2]) / 1000
local limit = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local points = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 'points', 'at')
local level = limit
if state[1] then
  level = math.min(limit, tonumber(state[1]) + math.max(0, nowMs - tonumber(state[2])) * rate / 1000)
end
if points > 0 and level < points then return {0, tostring(level)} end
level = math.min(limit, level - points)
redis.call('HSET', KEYS[1], 'points', tostring(level), 'at', tostring(nowMs))
redis.call('PEXPIRE', KEYS[1], math.ceil((limit - level) * 1000 / rate) + 1000)
return {1, tostring(level)}
`;

type BucketScript = (key: string, limit: number, perSecond: number, points: number) => Promise<[number, string]>;

/** Settings of {@link createRedisCostBuckets}. */
export interface RedisCostBucketOptions {
  limit: number;
  perSecond: number;
}

/**
 * Creates buckets shared by every instance on the same Redis and key prefix:
 * a caller's operations on any instance spend from one bucket. Costs one
 * EVALSHA per charge and one per refund.
 *
 * While Redis cannot be reached, each instance charges buckets of its own
 * (the same limit and rate), so callers stay limited per instance and
 * queries keep working; the shared buckets resume when Redis is back.
 */
export function createRedisCostBuckets(redis: RedisConnections, { limit, perSecond }: RedisCostBucketOptions): CostBuckets {
  const fallback = createMemoryCostBuckets({ limit, perSecond });
  redis.command.defineCommand('gatewayCostBucket', { numberOfKeys: 1, lua: BUCKET });
  const script = (redis.command as unknown as { gatewayCostBucket: BucketScript }).gatewayCostBucket.bind(redis.command);
  // Subjects are arbitrary strings from tokens: hashed, every key has one short shape.
  const keyOf = (caller: string): string => `${redis.prefix}caller-cost:${createHash('sha256').update(caller).digest('base64url').slice(0, 22)}`;
  const run = async (caller: string, points: number): Promise<TakeResult | undefined> => {
    try {
      const [taken, level] = await script(keyOf(caller), limit, perSecond, points);
      return { taken: taken === 1, available: Number(level) };
    } catch {
      return undefined;
    }
  };
  return {
    limit,
    perSecond,
    async take(caller, points) {
      return await run(caller, points) ?? fallback.take(caller, points);
    },
    async give(caller, points): Promise<BucketLevel> {
      const result = await run(caller, -points);
      return result === undefined ? fallback.give(caller, points) : { available: result.available };
    },
  };
}
