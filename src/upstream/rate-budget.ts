// The gateway's own upstream rate budget: an async acquire-a-token interface, an in-memory sliding-window bucket that serves callers in turn, and a no-op budget.
import { UpstreamRateLimitedError, type UpstreamFailureInfo } from './errors';
import { FairQueue } from './fair-queue';

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
  /**
   * Who the call is for (a token subject, a client IP, `events`): waiting
   * calls are served per caller in turn. Absent: {@link INTERNAL_CALLER}.
   */
  caller?: string | undefined;
}

/** The caller of calls made outside any client's operation (webhook processing, start-up). */
export const INTERNAL_CALLER = 'internal';

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

/** How a budget shares its tokens between callers. */
export interface FairShareOptions {
  /**
   * Serve waiting calls per caller in turn (round robin across callers,
   * first in, first out within one) and hold one caller to `callerShare`
   * while others are about. Defaults to true; `false` is one queue, first
   * come, first served, with no share (UPSTREAM_FAIR_SHARE=off).
   */
  fairShare?: boolean;
  /**
   * The most of one window's tokens a single caller may hold while another
   * caller asked for a token in the last `recentMs`, as a fraction of the
   * rate (at least one token). Defaults to 0.8: a burst leaves a fifth of the
   * budget free, so another caller's small query finds a token at once
   * instead of waiting for the burst's tokens to come back a window later.
   * A caller alone gets the whole rate.
   */
  callerShare?: number;
  /** How long a caller counts as present after asking for a token, in ms. Defaults to 10_000. */
  recentMs?: number;
}

/** Settings of {@link createMemoryRateBudget}. */
export interface MemoryRateBudgetOptions extends FairShareOptions {
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
  /** The clock, in ms. Defaults to `performance.now` (which Jest's fake timers move too). */
  now?: () => number;
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
 * Sharing (see {@link FairShareOptions}): waiters are served per caller in
 * turn, so a caller that queued 200 calls delays another caller's one call by
 * at most one turn per waiting caller, not by 200 calls; and while two callers
 * are about, neither may hold more than `callerShare` of a window, which
 * keeps a token free for the other's next call.
 *
 * A waiter that has no token within `maxWaitMs` (or its own smaller bound)
 * is refused with an {@link UpstreamRateLimitedError} (`source: 'budget'`);
 * one that arrives while `maxQueue` callers are waiting is refused at once.
 * Throws a `TypeError` for a rate that is not a whole number ≥ 0 or an
 * option out of range.
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
    now = () => performance.now(),
  } = options;
  for (const [field, value] of Object.entries({ maxWaitMs, maxQueue, marginMs })) {
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`${field} must be a non-negative number, got ${String(value)}`);
  }
  return new SlidingWindowBudget(ratePerSecond, 1000 + marginMs, maxWaitMs, maxQueue, resolveFairShare(ratePerSecond, options), now);
}

/** A budget that never waits: what `UPSTREAM_RATE_LIMIT=0` asks for. */
export const unlimitedRateBudget: RateBudget = Object.freeze({
  acquire: (): Promise<void> => Promise.resolve(),
});

/** Fair-share settings with their defaults applied and checked; `callerCap` is in tokens. */
export interface ResolvedFairShare {
  fairShare: boolean;
  /** Tokens of one window a caller may hold while another is present; the full rate when sharing is off. */
  callerCap: number;
  recentMs: number;
}

/** Applies the defaults of {@link FairShareOptions} for `rate`; throws a `TypeError` for a share outside (0, 1]. */
export function resolveFairShare(rate: number, { fairShare = true, callerShare = 0.8, recentMs = 10_000 }: FairShareOptions): ResolvedFairShare {
  if (!(callerShare > 0 && callerShare <= 1)) throw new TypeError(`callerShare must be a fraction in (0, 1], got ${String(callerShare)}`);
  if (!Number.isFinite(recentMs) || recentMs < 0) throw new TypeError(`recentMs must be a non-negative number, got ${String(recentMs)}`);
  return { fairShare, callerCap: fairShare ? Math.max(1, Math.floor(rate * callerShare)) : rate, recentMs };
}

// Private: who asked for tokens lately, the last caller and the last one before it that was someone else; enough to
// tell, in constant time, whether anyone but a given caller asked since some moment.
class CallerPresence {
  private last: { caller: string; at: number } | undefined;
  private previous: { caller: string; at: number } | undefined;

  /** Notes that `caller` asked at `at`. */
  note(caller: string, at: number): void {
    if (this.last?.caller === caller) {
      this.last.at = at;
      return;
    }
    this.previous = this.last;
    this.last = { caller, at };
  }

  /** When the latest caller other than `caller` asked, if any did. */
  otherThan(caller: string): number | undefined {
    const other = this.last?.caller === caller ? this.previous : this.last;
    return other?.at;
  }
}

// Private: one caller waiting for a token.
interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
  settled: boolean;
  cleanup: () => void;
}

// Private: the in-memory sliding-window log, with waiters served per caller in turn.
class SlidingWindowBudget implements RateBudget {
  /** Grant times (clock ms) and callers of the grants still in the window, as a ring; `head` is the oldest. */
  private readonly times: Float64Array;
  private readonly grantees: string[];
  private head = 0;
  private length = 0;
  /** Grants in the window per caller (only callers with at least one). */
  private readonly held = new Map<string, number>();
  private readonly presence = new CallerPresence();
  private readonly queue = new FairQueue<Waiter>(INTERNAL_CALLER);
  private waiting = 0;
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (clock ms). */
  private timerAt = 0;

  constructor(
    private readonly rate: number,
    private readonly windowMs: number,
    private readonly maxWaitMs: number,
    private readonly maxQueue: number,
    private readonly share: ResolvedFairShare,
    private readonly now: () => number,
  ) {
    this.times = new Float64Array(rate);
    this.grantees = new Array<string>(rate).fill('');
  }

  acquire(options: AcquireOptions = {}): Promise<void> {
    const info = options.call ?? { method: 'upstream', path: 'call' };
    if (options.signal?.aborted === true) return Promise.reject(options.signal.reason);
    const caller = this.share.fairShare ? options.caller ?? INTERNAL_CALLER : INTERNAL_CALLER;
    const now = this.now();
    this.expire(now);
    this.presence.note(caller, now);
    // A newcomer takes a free token directly only when no waiter may take it (all of them are held to their share):
    // otherwise it would overtake waiters.
    if (this.length < this.rate && this.eligible(caller, now) && (this.waiting === 0 || this.queue.peek((other) => this.eligible(other, now)) === undefined)) {
      this.grant(caller, now);
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
      this.queue.push(caller, waiter);
      this.waiting += 1;
      this.schedule(now);
    });
  }

  /** Drops the grants that have left the window (each comes back exactly one window after it was spent). */
  private expire(now: number): void {
    while (this.length > 0 && (this.times[this.head] ?? 0) + this.windowMs <= now) {
      const caller = this.grantees[this.head] ?? '';
      const count = (this.held.get(caller) ?? 1) - 1;
      if (count === 0) this.held.delete(caller);
      else this.held.set(caller, count);
      this.head = (this.head + 1) % this.rate;
      this.length -= 1;
    }
  }

  /** Whether `caller` may take a token now as far as its share goes (the window may still be full). */
  private eligible(caller: string, now: number): boolean {
    if ((this.held.get(caller) ?? 0) < this.share.callerCap) return true;
    return !this.othersPresent(caller, now);
  }

  private othersPresent(caller: string, now: number): boolean {
    const at = this.presence.otherThan(caller);
    return at !== undefined && at > now - this.share.recentMs;
  }

  private grant(caller: string, now: number): void {
    const index = (this.head + this.length) % this.rate;
    this.times[index] = now;
    this.grantees[index] = caller;
    this.length += 1;
    this.held.set(caller, (this.held.get(caller) ?? 0) + 1);
  }

  /** Sets the timer for the moment a waiter may be served: a token leaves the window, or a held caller's share frees up. */
  private schedule(now: number): void {
    if (this.waiting === 0) return;
    let at: number;
    if (this.length >= this.rate) {
      at = (this.times[this.head] ?? 0) + this.windowMs;
    } else {
      // Tokens are free but every waiting caller holds its share: wake when the first of them may take one again.
      at = Number.POSITIVE_INFINITY;
      for (const caller of this.queue.callers()) at = Math.min(at, this.shareFreeAt(caller, now));
      if (!Number.isFinite(at)) at = now;
    }
    // A newcomer held to its share may be free sooner than the waiters the pending timer was set for.
    if (this.timer !== undefined) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    // Timers may fire a fraction of a millisecond early by the clock; drain() re-checks and reschedules.
    const delay = Math.ceil(Math.max(0, at - now));
    this.timerAt = now + delay;
    this.timer = setTimeout(() => this.drain(), delay);
  }

  /** When `caller` may take a token again: its oldest grant leaves the window, or nobody else has asked for `recentMs`. */
  private shareFreeAt(caller: string, now: number): number {
    if (this.eligible(caller, now)) return now;
    let oldest = now;
    for (let offset = 0; offset < this.length; offset += 1) {
      const index = (this.head + offset) % this.rate;
      if (this.grantees[index] === caller) {
        oldest = this.times[index] ?? now;
        break;
      }
    }
    return Math.min(oldest + this.windowMs, (this.presence.otherThan(caller) ?? now) + this.share.recentMs);
  }

  private drain(): void {
    this.timer = undefined;
    const now = this.now();
    this.expire(now);
    while (this.waiting > 0 && this.length < this.rate) {
      const turn = this.queue.take((caller) => this.eligible(caller, now));
      if (turn === undefined) break;
      this.grant(turn.caller, now);
      this.settle(turn.item);
      turn.item.resolve();
    }
    this.schedule(now);
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
    if (this.waiting === 0) this.queue.clear();
  }

  private refusal(info: UpstreamFailureInfo): UpstreamRateLimitedError {
    // Tokens free up at `rate` per window; the waiters ahead take them first.
    const retryAfterSeconds = Math.max(1, Math.ceil(((this.waiting + 1) / this.rate) * (this.windowMs / 1000)));
    return new UpstreamRateLimitedError(retryAfterSeconds, info, [], 'budget');
  }
}
