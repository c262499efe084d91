// Buckets of cost points, one per caller, refilled continuously: the store behind the caller rate, kept in this process.
import { LRUCache } from 'lru-cache';

/** What a caller's bucket holds after an operation on it. */
export interface BucketLevel {
  /** Points in the bucket now (fractional: it refills continuously). */
  available: number;
}

/** The result of {@link CostBuckets.take}. */
export interface TakeResult extends BucketLevel {
  /** True when the points were taken; false leaves the bucket as it was. */
  taken: boolean;
}

/** Buckets of `limit` points per caller, each refilled at `perSecond`, starting full. */
export interface CostBuckets {
  readonly limit: number;
  readonly perSecond: number;
  /** Takes `points` from `caller`'s bucket if it holds that many; otherwise takes nothing. */
  take(caller: string, points: number): Promise<TakeResult>;
  /** Gives `points` back to `caller`'s bucket (never above the limit). */
  give(caller: string, points: number): Promise<BucketLevel>;
}

/** Settings of {@link createMemoryCostBuckets}. */
export interface MemoryCostBucketOptions {
  /** Points a bucket holds (CALLER_COST_LIMIT). */
  limit: number;
  /** Points a bucket gains per second (CALLER_COST_PER_SECOND). */
  perSecond: number;
  /**
   * Callers remembered; past this the least recently active is forgotten
   * (its bucket starts full again). Defaults to 100_000. A forgotten bucket
   * that had refilled anyway loses nothing: one untouched for
   * `limit / perSecond` seconds is full.
   */
  maxCallers?: number;
  /** The clock, in ms. Defaults to `performance.now` (which Jest's fake timers move too). */
  now?: () => number;
}

/**
 * Creates buckets kept in this process: what one gateway without Redis uses,
 * and what the Redis buckets fall back to while Redis is away. Throws a
 * `TypeError` for a limit or rate that is not a positive number.
 */
export function createMemoryCostBuckets({ limit, perSecond, maxCallers = 100_000, now = () => performance.now() }: MemoryCostBucketOptions): CostBuckets {
  for (const [field, value] of Object.entries({ limit, perSecond, maxCallers })) {
    if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${field} must be a positive number, got ${String(value)}`);
  }
  const buckets = new LRUCache<string, { points: number; at: number }>({ max: maxCallers });
  // The bucket as it stands now: what it held plus what flowed in since, up to the limit.
  const level = (caller: string, at: number): number => {
    const bucket = buckets.get(caller);
    if (bucket === undefined) return limit;
    return Math.min(limit, bucket.points + ((at - bucket.at) * perSecond) / 1000);
  };
  return {
    limit,
    perSecond,
    async take(caller, points) {
      const at = now();
      const available = level(caller, at);
      if (available < points) return { taken: false, available };
      buckets.set(caller, { points: available - points, at });
      return { taken: true, available: available - points };
    },
    async give(caller, points) {
      const at = now();
      const available = Math.min(limit, level(caller, at) + points);
      buckets.set(caller, { points: available, at });
      return { available };
    },
  };
}
