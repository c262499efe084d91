// The fleet-wide upstream rate budget: the same sliding window as in memory, kept in Redis and decided by a Lua script on Redis' clock.
import type { RedisConnections } from '../redis/redis-connection';
import { UpstreamRateLimitedError } from './errors';
import { type RateBudget, createMemoryRateBudget, unlimitedRateBudget } from './rate-budget';

// KEYS[1]: a sorted set of grant times (µs). ARGV: rate, window (µs), a unique member.
// Uses Redis' TIME so every instance shares one clock. Returns 0 when a token
// is granted, else how many µs until the oldest grant leaves the window.
const ACQUIRE = `
local now = redis.call('TIME')
local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowUs - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], nowUs, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - nowUs)
`;

/** Settings of {@link createRedisRateBudget}. */
export interface RedisRateBudgetOptions {
  /** Longest wait for a token, in ms. Defaults to 2_000 (as in memory). */
  maxWaitMs?: number;
  /** Added to the 1-second window, in ms (see the memory budget). Defaults to 100. */
  marginMs?: number;
}

/**
 * Creates a budget shared by every instance on the same Redis and key prefix:
 * in any `1000 + marginMs` ms at most `ratePerSecond` tokens are granted to
 * the fleet. Waiters poll at the moment the next token frees up (no FIFO
 * across instances). Costs one EVALSHA per attempt, plus one per wake-up.
 */
export function createRedisRateBudget(redis: RedisConnections, ratePerSecond: number, { maxWaitMs = 2_000, marginMs = 100 }: RedisRateBudgetOptions = {}): RateBudget {
  if (ratePerSecond === 0) return unlimitedRateBudget;
  redis.command.defineCommand('gatewayAcquireToken', { numberOfKeys: 1, lua: ACQUIRE });
  const acquireScript = (redis.command as unknown as { gatewayAcquireToken(key: string, rate: number, windowUs: number, member: string): Promise<number> }).gatewayAcquireToken
    .bind(redis.command);
  const key = `${redis.prefix}rate-budget`;
  const windowUs = (1000 + marginMs) * 1000;
  let sequence = 0;
  // While Redis is away, each instance keeps to the rate on its own: queries
  // keep working, and upstream's 429s (retried) catch what the fleet overshoots.
  const fallback = createMemoryRateBudget(ratePerSecond, { maxWaitMs, marginMs });
  return {
    async acquire(options = {}) {
      const bound = Math.min(options.maxWaitMs ?? maxWaitMs, maxWaitMs);
      const deadline = Date.now() + bound;
      for (;;) {
        sequence += 1;
        let waitUs: number;
        try {
          waitUs = await acquireScript(key, ratePerSecond, windowUs, `${process.pid}:${Date.now()}:${sequence}:${Math.random()}`);
        } catch {
          return fallback.acquire(options);
        }
        if (waitUs === 0) return;
        const waitMs = Math.ceil(waitUs / 1000);
        if (Date.now() + waitMs > deadline || options.signal?.aborted === true) {
          throw new UpstreamRateLimitedError(undefined, options.call ?? { method: 'GET', path: '(budget)' }, [], 'budget');
        }
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    },
  };
}
