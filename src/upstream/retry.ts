// Decides which failed upstream attempts are retried and how long to wait first: classification, backoff with full jitter, Retry-After.
import {
  UpstreamCircuitOpenError,
  UpstreamConnectionError,
  UpstreamError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from './errors';

/** Settings of the retry policy; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt. Defaults to 3 (4 attempts in all); 0 turns retries off. */
  retries?: number;
  /** First backoff ceiling in milliseconds. Defaults to 100. */
  baseDelayMs?: number;
  /** Growth of the backoff ceiling per retry. Defaults to 2 (100, 200, 400 ms …). */
  factor?: number;
  /** Largest backoff ceiling, whatever the retry number. Defaults to 2_000. */
  maxDelayMs?: number;
  /**
   * Time budget of one call across all its attempts and waits, in
   * milliseconds, counted from the call's start. Defaults to 5_000. No wait
   * ends past it (a longer `Retry-After` fails the call at once), and a retry
   * attempt's timeout is cut to what is left of it.
   */
  budgetMs?: number;
  /** Random source in [0, 1) for the jitter; tests pin it. Defaults to `Math.random`. */
  random?: () => number;
}

/** {@link RetryOptions} with every default applied. */
export type RetryPolicy = Readonly<Required<RetryOptions>>;

/** The defaults the runtime contract asks for: 3 retries, 100 ms × 2ⁿ full jitter, 5 s in all. */
export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  retries: 3,
  baseDelayMs: 100,
  factor: 2,
  maxDelayMs: 2_000,
  budgetMs: 5_000,
  random: Math.random,
});

/**
 * Applies the defaults; `false` turns retries off (one attempt), `undefined`
 * keeps every default. Throws a `TypeError` naming the field for a negative
 * or non-finite number.
 */
export function resolveRetryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, retries: 0 };
  const policy = { ...DEFAULT_RETRY, ...withoutUndefined(options ?? {}) };
  for (const field of ['retries', 'baseDelayMs', 'factor', 'maxDelayMs', 'budgetMs'] as const) {
    if (!Number.isFinite(policy[field]) || policy[field] < 0) {
      throw new TypeError(`retry.${field} must be a non-negative number, got ${String(policy[field])}`);
    }
  }
  return Object.freeze(policy);
}

/**
 * Connection error codes that mean the request never left this process:
 * the socket was never connected, so upstream cannot have acted on it.
 */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a connection error happened before the request was sent
 * (refused, DNS failure, connect timeout). A reset or "other side closed"
 * after sending is not: upstream may have received and acted on the request.
 */
export function failedBeforeSend(error: unknown): boolean {
  if (!(error instanceof UpstreamConnectionError) || error instanceof UpstreamCircuitOpenError) return false;
  return hasOnlyNotSentCodes(error.cause);
}

/**
 * Whether a failed attempt may be retried.
 * - `GET`: upstream's 429, 502, 503, 504, connection errors and timeouts.
 * - `POST`: only where upstream certainly did not act: upstream's 429 (blocked
 *   before the backend, §1.7) and a connection that failed before sending.
 *   A timeout or a 5xx may hide a write that happened, and upstream documents
 *   no idempotency key, so those are never retried.
 * Never: other 4xx, protocol errors, an open circuit, the gateway's own rate
 * budget (its wait already happened).
 */
export function isRetryable(method: 'GET' | 'POST', error: unknown): boolean {
  if (error instanceof UpstreamRateLimitedError) return error.source === 'upstream';
  if (error instanceof UpstreamCircuitOpenError) return false;
  if (method === 'POST') return failedBeforeSend(error);
  if (error instanceof UpstreamError) return error.status === 502 || error.status === 503 || error.status === 504;
  return error instanceof UpstreamConnectionError || error instanceof UpstreamTimeoutError;
}

/**
 * Milliseconds to wait before retry number `retry` (1 for the first retry).
 * An upstream 429 with `Retry-After` waits at least that long, since upstream
 * blocks every call made earlier (§1.7); no jitter is added on top because
 * every retry also waits for a rate-budget token, which spreads the herd.
 * Otherwise full jitter: uniform in [0, min(maxDelayMs, baseDelayMs × factor^(retry-1))).
 */
export function retryDelayMs(error: unknown, retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** (retry - 1));
  const jittered = Math.floor(policy.random() * ceiling);
  if (error instanceof UpstreamRateLimitedError && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0) {
    return Math.max(error.retryAfterSeconds * 1000, jittered);
  }
  return jittered;
}

// Private: true when the cause (or every cause inside an AggregateError from happy-eyeballs connects) carries a not-sent code.
function hasOnlyNotSentCodes(cause: unknown): boolean {
  if (cause instanceof AggregateError && cause.errors.length > 0) return cause.errors.every(hasOnlyNotSentCodes);
  if (typeof cause !== 'object' || cause === null || !('code' in cause)) return false;
  return typeof cause.code === 'string' && NOT_SENT_CODES.has(cause.code);
}

// Private: drops explicit `undefined`s so they do not overwrite defaults.
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
