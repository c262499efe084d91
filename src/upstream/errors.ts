// Typed upstream failures: what went wrong, with upstream's own type and errors[] kept intact.
import type { UpstreamErrorDetail } from './types';

/** Fields common to every upstream failure. */
export interface UpstreamFailureInfo {
  method: string;
  path: string;
  /** Upstream's `x-dr-requestid`, for cross-referencing upstream logs. */
  upstreamRequestId?: string | undefined;
}

/** Upstream answered with a non-2xx status. */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly status: number,
    /** Upstream's error `type` (e.g. `not_found`), or `undefined` when the body had none (quirk 27). */
    readonly type: string | undefined,
    readonly errors: readonly UpstreamErrorDetail[],
    readonly info: UpstreamFailureInfo,
  ) {
    super(`upstream ${info.method} ${info.path} answered ${status}${type === undefined ? '' : ` ${type}`}`
      + (errors[0]?.message === undefined ? '' : `: ${errors[0].message}`));
  }
}

/** Upstream did not answer within the call's timeout. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  constructor(readonly timeoutMs: number, readonly info: UpstreamFailureInfo) {
    super(`upstream ${info.method} ${info.path} did not answer within ${timeoutMs} ms`);
  }
}

/**
 * Who refused a call for rate: upstream itself (a 429 answer), or the
 * gateway's own rate budget, which refused before anything was sent.
 */
export type RateLimitSource = 'upstream' | 'budget';

/** Upstream refused the call with 429, or the gateway's own rate budget ran out (`source: 'budget'`: nothing was sent). */
export class UpstreamRateLimitedError extends Error {
  override readonly name = 'UpstreamRateLimitedError';
  constructor(
    /** Upstream's `Retry-After`; for the budget, an estimate of when a token frees up. */
    readonly retryAfterSeconds: number | undefined,
    readonly info: UpstreamFailureInfo,
    readonly errors: readonly UpstreamErrorDetail[] = [],
    readonly source: RateLimitSource = 'upstream',
  ) {
    super((source === 'budget'
      ? `upstream ${info.method} ${info.path} was not sent: the gateway's own upstream rate budget is exhausted`
      : `upstream ${info.method} ${info.path} is rate limited`)
      + (retryAfterSeconds === undefined ? '' : `; retry after ${retryAfterSeconds} s`));
  }
}

/** The connection failed (refused, reset, DNS) before an answer arrived. */
export class UpstreamConnectionError extends Error {
  override readonly name: string = 'UpstreamConnectionError';
  constructor(readonly info: UpstreamFailureInfo, cause: unknown) {
    super(`upstream ${info.method} ${info.path} could not be reached: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * The circuit breaker of an endpoint (`GET orders`) is open because upstream
 * kept failing there: the call failed fast and nothing was sent. It extends
 * {@link UpstreamConnectionError} on purpose, so that every consumer that
 * already handles "upstream could not be reached" (the error formatter,
 * readiness) treats it as that without knowing about breakers.
 */
export class UpstreamCircuitOpenError extends UpstreamConnectionError {
  override readonly name = 'UpstreamCircuitOpenError';
  constructor(
    /** The breaker's key: method and collection, e.g. `GET orders`. */
    readonly endpoint: string,
    info: UpstreamFailureInfo,
    cause?: unknown,
  ) {
    super(info, cause);
    this.message = `upstream ${info.method} ${info.path} was not sent: the circuit for ${endpoint} is open after repeated upstream failures`;
  }
}

/** Upstream answered 2xx with a body that is not the JSON shape documented for it. */
export class UpstreamProtocolError extends Error {
  override readonly name = 'UpstreamProtocolError';
  constructor(readonly info: UpstreamFailureInfo, detail: string) {
    super(`upstream ${info.method} ${info.path} sent an unexpected body: ${detail}`);
  }
}

/** Any failure the upstream client throws. */
export type UpstreamFailure =
  | UpstreamError
  | UpstreamTimeoutError
  | UpstreamRateLimitedError
  | UpstreamConnectionError
  | UpstreamCircuitOpenError
  | UpstreamProtocolError;

/** True for every error class above. */
export function isUpstreamFailure(error: unknown): error is UpstreamFailure {
  return error instanceof UpstreamError
    || error instanceof UpstreamTimeoutError
    || error instanceof UpstreamRateLimitedError
    || error instanceof UpstreamConnectionError
    || error instanceof UpstreamCircuitOpenError
    || error instanceof UpstreamProtocolError;
}
