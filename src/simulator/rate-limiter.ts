// A per-key token bucket that mimics upstream's requests-per-second limit (§1.7).

/** The verdict for one request. */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Token bucket per API key: `perSecond` tokens of burst, refilled continuously at
 * `perSecond` tokens a second. A blocked key stays blocked until its `Retry-After`
 * has passed, as upstream blocks calls made before then.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number; blockedUntil: number }>();

  /** @param perSecond requests per second per key; 0 turns limiting off. */
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one token of `key`'s bucket, or says how long to wait. */
  check(key: string): RateVerdict {
    if (this.perSecond <= 0) return { allowed: true };
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.perSecond, updatedAt: now, blockedUntil: 0 };
    bucket.tokens = Math.min(this.perSecond, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (now < bucket.blockedUntil || bucket.tokens < 1) {
      if (now >= bucket.blockedUntil) bucket.blockedUntil = now + 1000;
      return { allowed: false, retryAfterSeconds: 1 };
    }
    bucket.tokens -= 1;
    return { allowed: true };
  }
}
