// The fleet-wide upstream rate budget: the same sliding window as in memory, kept in Redis and decided by a Lua script on Redis' clock; each instance queues its waiters per caller in turn and takes fleet slots one at a time.
import { createHash } from 'node:crypto';

import type { RedisConnections } from '../redis/redis-connection';
import { UpstreamRateLimitedError } from './errors';
import { FairQueue } from './fair-queue';
import {
  type AcquireOptions,
  type FairShareOptions,
  INTERNAL_CALLER,
  type RateBudget,
  createMemoryRateBudget,
  resolveFairShare,
  unlimitedRateBudget,
} from './rate-budget';

// KEYS[1]: a sorted set of the fleet's grant times (µs); KEYS[2]: the same for
// one caller; KEYS[3]: a hash of the last caller to ask and the last other one
// before it, with when they asked. ARGV: rate, window (µs), a unique member,
// the caller's cap (tokens of a window it may hold while another caller asked
// within the last ARGV[6] µs), the caller's name.
// Uses Redis' TIME so every instance shares one clock. Returns {0, 0} when a
// token is granted; otherwise how many µs until the fleet's oldest grant
// leaves the window (0 if the fleet has room) and until the caller's oldest
// does (0 if the caller is within its share).
const ACQUIRE = `
local now = redis.call('TIME')
local nowUs = tonumber(now[1]) * 1000000 + tonumber(now[2])
local rate = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cap = tonumber(ARGV[4])
local caller = ARGV[5]
local ttl = math.ceil(window / 1000) + 1000
local last = redis.call('HMGET', KEYS[3], 'last', 'lastAt', 'previousAt')
if last[1] ~= caller then
  if last[1] then redis.call('HSET', KEYS[3], 'previousAt', last[2]) end
  redis.call('HSET', KEYS[3], 'last', caller)
  last[3] = last[2]
end
redis.call('HSET', KEYS[3], 'lastAt', nowUs)
redis.call('PEXPIRE', KEYS[3], math.ceil(tonumber(ARGV[6]) / 1000) + 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', nowUs - window)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', nowUs - window)
local fleetWait = 0
if redis.call('ZCARD', KEYS[1]) >= rate then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  fleetWait = math.max(1, tonumber(oldest[2]) + window - nowUs)
end
local callerWait = 0
local othersPresent = last[3] and tonumber(last[3]) > nowUs - tonumber(ARGV[6])
if othersPresent and redis.call('ZCARD', KEYS[2]) >= cap then
  local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  callerWait = math.max(1, math.min(tonumber(oldest[2]) + window, tonumber(last[3]) + tonumber(ARGV[6])) - nowUs)
end
if fleetWait > 0 or callerWait > 0 then return {fleetWait, callerWait} end
redis.call('ZADD', KEYS[1], nowUs, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('ZADD', KEYS[2], nowUs, ARGV[3])
redis.call('PEXPIRE', KEYS[2], ttl)
return {0, 0}
`;

/** Settings of {@link createRedisRateBudget}. */
export interface RedisRateBudgetOptions extends FairShareOptions {
  /** Longest wait for a token, in ms. Defaults to 2_000 (as in memory). */
  maxWaitMs?: number;
  /** Added to the 1-second window, in ms (see the memory budget). Defaults to 100. */
  marginMs?: number;
  /** Waiters beyond this many (in this instance) are refused at once. Defaults to 10_000. */
  maxQueue?: number;
}

// Private: one call waiting in this instance.
interface Waiter {
  options: AcquireOptions;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
  cleanup: () => void;
}

type AcquireScript = (grants: string, callerGrants: string, presence: string, rate: number, windowUs: number, member: string, cap: number, caller: string, recentUs: number) => Promise<[number, number]>;

/**
 * Creates a budget shared by every instance on the same Redis and key prefix:
 * in any `1000 + marginMs` ms at most `ratePerSecond` tokens are granted to
 * the fleet, and while two callers are about, neither holds more than its
 * share of a window (see {@link FairShareOptions}), fleet-wide.
 *
 * Fairness, as far as a shared budget allows: each instance keeps its waiters
 * in one queue per caller and asks Redis for one fleet slot at a time, for
 * the caller whose turn it is. So a burst on one instance cannot starve a
 * small query on the same instance (it is served within a turn per waiting
 * caller), and across instances the share keeps slots free for whoever
 * comes next. Costs one EVALSHA per token, plus one per wake-up.
 *
 * While Redis cannot be reached, each waiter falls back to an in-memory
 * budget of the same rate: queries keep working, and upstream's 429s
 * (retried) catch what the fleet overshoots.
 */
export function createRedisRateBudget(redis: RedisConnections, ratePerSecond: number, options: RedisRateBudgetOptions = {}): RateBudget {
  if (ratePerSecond === 0) return unlimitedRateBudget;
  const { maxWaitMs = 2_000, marginMs = 100, maxQueue = 10_000 } = options;
  const share = resolveFairShare(ratePerSecond, options);
  redis.command.defineCommand('gatewayAcquireFairToken', { numberOfKeys: 3, lua: ACQUIRE });
  const acquireScript = (redis.command as unknown as { gatewayAcquireFairToken: AcquireScript }).gatewayAcquireFairToken.bind(redis.command);
  const keys = {
    grants: `${redis.prefix}rate-budget`,
    presence: `${redis.prefix}rate-budget:presence`,
    // Subjects are arbitrary strings from tokens: hashed, every caller's key has one short shape.
    caller: (caller: string) => `${redis.prefix}rate-budget:caller:${createHash('sha256').update(caller).digest('base64url').slice(0, 22)}`,
  };
  const windowUs = (1000 + marginMs) * 1000;
  const recentUs = share.recentMs * 1000;
  const fallback = createMemoryRateBudget(ratePerSecond, { maxWaitMs, marginMs, maxQueue, ...options });
  const queue = new FairQueue<Waiter>(INTERNAL_CALLER);
  /** Callers Redis said hold their share, until when (Date.now ms): their turns pass to others meanwhile. */
  const heldUntil = new Map<string, number>();
  let waiting = 0;
  let pumping = false;
  let sequence = 0;

  const settle = (waiter: Waiter): void => {
    waiter.settled = true;
    clearTimeout(waiter.timer);
    waiter.cleanup();
    waiting -= 1;
    if (waiting === 0) queue.clear();
  };
  const leave = (waiter: Waiter, reason: unknown): void => {
    if (waiter.settled) return;
    settle(waiter);
    waiter.reject(reason);
  };
  const refusal = (waiter: Pick<Waiter, 'options'>): UpstreamRateLimitedError =>
    new UpstreamRateLimitedError(Math.max(1, Math.ceil(((waiting + 1) / ratePerSecond) * (windowUs / 1_000_000))), waiter.options.call ?? { method: 'GET', path: '(budget)' }, [], 'budget');
  const eligible = (caller: string): boolean => (heldUntil.get(caller) ?? 0) <= Date.now();

  // One script call in flight per instance: the order of this instance's
  // waiters decides who gets each fleet slot it wins.
  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      while (waiting > 0) {
        const turn = queue.peek(eligible);
        if (turn === undefined) {
          // Every waiting caller holds its share: wait for the first to be free again.
          const until = Math.min(...[...queue.callers()].map((caller) => heldUntil.get(caller) ?? 0));
          await sleep(Math.max(1, until - Date.now()));
          continue;
        }
        sequence += 1;
        let fleetWaitUs: number;
        let callerWaitUs: number;
        try {
          [fleetWaitUs, callerWaitUs] = await acquireScript(keys.grants, keys.caller(turn.caller), keys.presence, ratePerSecond, windowUs, `${process.pid}:${Date.now()}:${sequence}:${Math.random()}`, share.callerCap, turn.caller, recentUs);
        } catch {
          handOver(turn.caller);
          continue;
        }
        if (fleetWaitUs === 0 && callerWaitUs === 0) {
          // The slot goes to whoever's turn it is now: the waiter it was asked for may have given up meanwhile.
          const served = queue.take((caller) => caller === turn.caller) ?? queue.take(eligible);
          if (served === undefined) continue;
          settle(served.item);
          served.item.resolve();
        } else if (fleetWaitUs === 0) {
          heldUntil.set(turn.caller, Date.now() + Math.ceil(callerWaitUs / 1000));
        } else {
          await sleep(Math.ceil(fleetWaitUs / 1000));
        }
        for (const [caller, until] of heldUntil) if (until <= Date.now()) heldUntil.delete(caller);
      }
    } finally {
      pumping = false;
    }
  };

  // Redis failed: this caller's next waiter goes to the in-memory budget with what is left of its wait.
  const handOver = (caller: string): void => {
    const turn = queue.take((other) => other === caller);
    if (turn === undefined) return;
    const { item } = turn;
    settle(item);
    fallback.acquire(item.options).then(item.resolve, item.reject);
  };

  return {
    acquire(acquireOptions = {}) {
      if (acquireOptions.signal?.aborted === true) return Promise.reject(acquireOptions.signal.reason);
      const bound = Math.min(acquireOptions.maxWaitMs ?? maxWaitMs, maxWaitMs);
      if (waiting >= maxQueue || bound <= 0) return Promise.reject(refusal({ options: acquireOptions }));
      const caller = share.fairShare ? acquireOptions.caller ?? INTERNAL_CALLER : INTERNAL_CALLER;
      const started = Date.now();
      return new Promise<void>((resolve, reject) => {
        const waiter: Waiter = {
          // What a hand-over to the fallback keeps: the caller, and the wait that is left.
          options: { ...acquireOptions, caller, get maxWaitMs() { return Math.max(0, bound - (Date.now() - started)); } },
          resolve,
          reject,
          settled: false,
          timer: setTimeout(() => leave(waiter, refusal(waiter)), bound),
          cleanup: () => undefined,
        };
        const signal = acquireOptions.signal;
        if (signal !== undefined) {
          const onAbort = (): void => leave(waiter, signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
          waiter.cleanup = () => signal.removeEventListener('abort', onAbort);
        }
        queue.push(caller, waiter);
        waiting += 1;
        void pump();
      });
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
