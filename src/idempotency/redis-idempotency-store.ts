// Mutation idempotency in Redis: the first instance to SET NX a key writes upstream; every other one waits for its result.
import type { RedisConnections } from '../redis/redis-connection';
import type { IdempotencyClaim, IdempotencyStore } from './idempotency-store';

/** Settings of {@link createRedisIdempotencyStore}. */
export interface RedisIdempotencyOptions {
  /** How long a finished key is kept. Defaults to 24 hours (the runtime contract's minimum). */
  ttlMs?: number;
  /** How long a claim may stay unfinished before another caller may take it (a crashed instance). Defaults to 60_000. */
  pendingTtlMs?: number;
  /** How often a waiter looks for the first caller's result. Defaults to 50 ms. */
  pollMs?: number;
}

interface Stored<R> {
  fingerprint: string;
  done: boolean;
  result?: R;
}

/** Creates the shared store. A key costs one string of the JSON result (~1 KB) for 24 hours. */
export function createRedisIdempotencyStore<R>(redis: RedisConnections, { ttlMs = 24 * 3600_000, pendingTtlMs = 60_000, pollMs = 50 }: RedisIdempotencyOptions = {}): IdempotencyStore<R> {
  const keyOf = (key: string): string => `${redis.prefix}idem:${key}`;
  const read = async (key: string): Promise<Stored<R> | null> => {
    const raw = await redis.command.get(keyOf(key));
    return raw === null ? null : (JSON.parse(raw) as Stored<R>);
  };
  const waitForResult = async (key: string, fingerprint: string): Promise<R> => {
    const deadline = Date.now() + pendingTtlMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      const stored = await read(key);
      if (stored === null) throw new Error('the first request with this idempotency key failed; retry it');
      if (stored.fingerprint === fingerprint && stored.done) return stored.result as R;
    }
    throw new Error('the first request with this idempotency key is still running; retry later');
  };
  return {
    async claim(key, fingerprint): Promise<IdempotencyClaim<R>> {
      const pending: Stored<R> = { fingerprint, done: false };
      const won = await redis.command.set(keyOf(key), JSON.stringify(pending), 'PX', pendingTtlMs, 'NX');
      if (won === 'OK') {
        return {
          kind: 'new',
          async complete(result) {
            await redis.command.set(keyOf(key), JSON.stringify({ fingerprint, done: true, result }), 'PX', ttlMs);
          },
          async abandon() {
            await redis.command.del(keyOf(key));
          },
        };
      }
      const stored = await read(key);
      if (stored === null) return this.claim(key, fingerprint);
      if (stored.fingerprint !== fingerprint) return { kind: 'mismatch' };
      if (stored.done) return { kind: 'replay', result: stored.result as R };
      return { kind: 'in-progress', result: waitForResult(key, fingerprint) };
    },
  };
}
