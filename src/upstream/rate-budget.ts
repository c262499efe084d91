// The gateway's own upstream rate budget: an async acquire-a-token interface, an in-memory sliding-window bucket, and a no-op budget.
import { UpstreamRateLimitedError, type UpstreamFailureInfo } from './errors';

/** Options of one {@link RateBudget.acquire} call. */
export interface AcquireOptions {
  /**
   * Longest this caller will wait for a token, in milliseconds; the budget's
   * own bound applies when this is larger or absent.
   */
  maxWaitMs?: number;
  /** Gives up waiting when aborted; rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The call the token is for; only named in the error message. */
  call?: UpstreamFailureInfo;
}

/**
 * Permission to send upstream requests at a bounded rate. Every upstream
 * attempt, retries included, acquires one token first. The interface is
 * async and takes a relative wait so that a shared implementation (Redis,
 * with an atomic Lua script over the same sliding window) can sit behind it
 * and bound all gateway instances together.
 */
export interface RateBudget {
  /**
   * Resolves when a token is granted. Rejects with an
   * {@link UpstreamRateLimitedError} whose `source` is `'budget'` when no
   * token frees up within the wait bound or the queue of waiters is full;
   * nothing has been sent then.
   */
  acquire(options?: AcquireOptions): Promise<void>;
}

/** Settings of {@link createMemoryRateBudget}. */
export interface MemoryRateBudgetOptions {
  /** Longest wait for a token, in milliseconds. Defaults to 2_000. */
  maxWaitMs?: number;
  /** Waiters beyond this many are refused at once. Defaults to 10_000. */
  maxQueue?: number;
  /**
   * Added to the 1-second window, in milliseconds. The guarantee holds when
   * tokens are granted; upstream counts arrivals, and a request on a fresh
   * connection (connect, TLS) arrives later than one on a pooled socket. The
   * margin absorbs that spread: the guarantee holds at upstream's end as long
   * as send latencies differ by less than `marginMs`. Defaults to 100; raise
   * it for a distant upstream.
   */
  marginMs?: number;
}

/**
 * Creates a budget that allows `ratePerSecond` upstream requests per second
 * in this process (`0` turns the budget off: {@link unlimitedRateBudget}).
 *
 * Guarantee: in any interval of `1000 + marginMs` milliseconds, whatever its
 * start, at most `ratePerSecond` acquisitions resolve. So after a quiet
 * second a burst of `ratePerSecond` goes through at once, and sustained
 * throughput is `ratePerSecond × 1000 / (1000 + marginMs)` per second.
 *
 * Each token comes back exactly one window after it was spent (a sliding
 * window log). A classic token bucket with capacity `rate` refilling at
 * `rate`/s would not do: it lets `rate` through at once and then refills
 * during the same second, so up to `2 × rate − 1` calls could reach upstream
 * within one second and earn 429s.
 *
 * Waiters are served first in, first out. A waiter that has no token within
 * `maxWaitMs` (or its own smaller bound) is refused with an
 * {@link UpstreamRateLimitedError} (`source: 'budget'`); one that arrives
 * while `maxQueue` callers are waiting is refused at once. Throws a
 * `TypeError` for a rate that is not a whole number ≥ 0 or a negative option.
 */
export function createMemoryRateBudget(ratePerSecond: number, options: MemoryRateBudgetOptions = {}): RateBudget {
  if (!Number.isInteger(ratePerSecond) || ratePerSecond < 0) {
    throw new TypeError(`ratePerSecond must be a whole number of requests per second (0 = off), got ${String(ratePerSecond)}`);
  }
  if (ratePerSecond === 0) return unlimitedRateBudget;
  const {
    maxWaitMs = 2_000, // two seconds: a burst queues briefly instead of earning 429s
    maxQueue = 10_000,
    marginMs = 100, // sustained 25/s becomes 22.7/s: the price of not earning 429s after a cold start
  } = options;
  for (const [field, value] of Object.entries({ maxWaitMs, maxQueue, marginMs })) {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`${field} must be a non-negative number, got ${String(value)}`);
  }
  return new SlidingWindowBudget(ratePerSecond, 1000 + marginMs, maxWaitMs, maxQueue);
}

/** A budget that never waits: what `UPSTREAM_RATE_LIMIT=0` asks for. */
export const unlimitedRateBudget: RateBudget = Object.freeze({
  acquire: (): Promise<void> => Promise.resolve(),
});

// Private: one caller waiting for a token.
interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
  cleanup: () => void;
}

// Private: the in-memory sliding-window log with a FIFO queue of waiters.
class SlidingWindowBudget implements RateBudget {
  /** Times (performance.now) of the last `rate` grants, as a ring; `head` is the oldest. */
  private readonly grants: Float64Array;
  private granted = 0;
  private head = 0;
  /** Waiters in arrival order; settled ones are skipped and compacted lazily. */
  private queue: Waiter[] = [];
  private queueHead = 0;
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rate: number,
    private readonly windowMs: number,
    private readonly maxWaitMs: number,
    private readonly maxQueue: number,
  ) {
    this.grants = new Float64Array(rate);
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const info = options.call ?? { method: 'upstream', path: 'call' };
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    const now = performance.now();
    // Only an empty queue may take a free token directly: otherwise a newcomer would overtake waiters.
    if (this.waiting === 0 && this.freeAt() <= now) {
      this.grant(now);
      return Promise.resolve();
    }
    const maxWaitMs = Math.min(this.maxWaitMs, options.maxWaitMs ?? Number.POSITIVE_INFINITY);
    if (this.waiting >= this.maxQueue || maxWaitMs <= 0) return Promise.reject(this.refusal(info));
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        settled: false,
        timer: setTimeout(() => this.leave(waiter, this.refusal(info)), maxWaitMs),
        cleanup: () => undefined,
      };
      const signal = options.signal;
      if (signal !== undefined) {
        const onAbort = (): void => this.leave(waiter, signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.cleanup = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(waiter);
      this.waiting += 1;
      this.schedule();
    });
  }

  /** When the next token is free: now while fewer than `rate` grants lie in the window, else one window after the oldest. */
  private freeAt(): number {
    return this.granted < this.rate ? 0 : (this.grants[this.head] ?? 0) + this.windowMs;
  }

  private grant(now: number): void {
    if (this.granted < this.rate) {
      this.grants[(this.head + this.granted) % this.rate] = now;
      this.granted += 1;
    } else {
      // The oldest grant has left the window: its slot takes the newest one.
      this.grants[this.head] = now;
      this.head = (this.head + 1) % this.rate;
    }
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiting === 0) return;
    const delay = Math.max(0, this.freeAt() - performance.now());
    // Timers may fire a fraction of a millisecond early by performance.now(); drain() re-checks and reschedules.
    this.timer = setTimeout(() => this.drain(), Math.ceil(delay));
  }

  private drain(): void {
    this.timer = undefined;
    const now = performance.now();
    while (this.waiting > 0 && this.freeAt() <= now) {
      const waiter = this.next();
      if (waiter === undefined) break;
      this.grant(now);
      this.settle(waiter);
      waiter.resolve();
    }
    this.schedule();
  }

  /** The oldest unsettled waiter, removed from the queue. */
  private next(): Waiter | undefined {
    while (this.queueHead < this.queue.length) {
      const waiter = this.queue[this.queueHead];
      this.queueHead += 1;
      if (waiter !== undefined && !waiter.settled) {
        this.compact();
        return waiter;
      }
    }
    return undefined;
  }

  /** A waiter gives up (its wait bound passed, or it was aborted). */
  private leave(waiter: Waiter, reason: unknown): void {
    if (waiter.settled) return;
    this.settle(waiter);
    waiter.reject(reason);
    if (this.waiting === 0 && this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private settle(waiter: Waiter): void {
    waiter.settled = true;
    clearTimeout(waiter.timer);
    waiter.cleanup();
    this.waiting -= 1;
    if (this.waiting === 0) {
      this.queue = [];
      this.queueHead = 0;
    }
  }

  // Dropping the served prefix now and then keeps shift() costs away from a 10 000-waiter queue.
  private compact(): void {
    if (this.queueHead > 1_024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private refusal(info: UpstreamFailureInfo): UpstreamRateLimitedError {
    // Tokens free up at `rate` per window; the waiters ahead take them first.
    const retryAfterSeconds = Math.max(1, Math.ceil(((this.waiting + 1) / this.rate) * (this.windowMs / 1000)));
    return new UpstreamRateLimitedError(retryAfterSeconds, info, [], 'budget');
  }
}
