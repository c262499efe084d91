// One opossum circuit breaker per upstream endpoint (method + collection), counting only failures that mean upstream is unhealthy.
import CircuitBreaker from 'opossum';

import {
  UpstreamCircuitOpenError,
  UpstreamConnectionError,
  UpstreamError,
  UpstreamTimeoutError,
  type UpstreamFailureInfo,
} from './errors';

/** A breaker's state as metrics and health report it. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Settings of the per-endpoint breakers; every field has a default. */
export interface BreakerOptions {
  /** Calls an endpoint must see within the rolling window before its breaker may open. Defaults to 5. */
  volumeThreshold?: number;
  /** The breaker opens when more than this percentage of the window's calls failed. Defaults to 50. */
  errorThresholdPercentage?: number;
  /** Length of the rolling window, in milliseconds. Defaults to 10_000. */
  rollingCountTimeout?: number;
  /** Buckets the window is counted in; must divide `rollingCountTimeout`. Defaults to 10. */
  rollingCountBuckets?: number;
  /** How long an open breaker fails fast before letting one probe through (half-open), in milliseconds. Defaults to 5_000. */
  resetTimeout?: number;
}

/** What {@link BreakerRegistryOptions.onStateChange} receives. */
export interface BreakerStateChange {
  /** The endpoint key, e.g. `GET orders`. */
  endpoint: string;
  state: BreakerState;
}

/** Settings of {@link createBreakerRegistry}. */
export interface BreakerRegistryOptions extends BreakerOptions {
  /** Called on every transition, for logs and metrics. */
  onStateChange?: (change: BreakerStateChange) => void;
}

/** The breakers of one upstream client, created on first use per endpoint. */
export interface BreakerRegistry {
  /**
   * True while the endpoint's breaker refuses calls: open, or half-open with
   * its one probe already in flight. Lets a caller fail fast before it spends
   * a rate-budget token.
   */
  isRefusing(endpoint: string): boolean;
  /**
   * Runs one attempt through the endpoint's breaker. Rejects with the
   * attempt's own error, or with {@link UpstreamCircuitOpenError} (nothing
   * run) while the breaker refuses.
   */
  run<T>(endpoint: string, info: UpstreamFailureInfo, attempt: () => Promise<T>): Promise<T>;
  /** Every endpoint seen so far and its breaker's state. */
  states(): Record<string, BreakerState>;
  /** Stops the breakers' timers. */
  shutdown(): void;
}

/** The defaults: open past 50% failures once 5 calls fell within 10 s; probe after 5 s. */
export const DEFAULT_BREAKER: Readonly<Required<BreakerOptions>> = Object.freeze({
  volumeThreshold: 5,
  errorThresholdPercentage: 50,
  rollingCountTimeout: 10_000,
  rollingCountBuckets: 10,
  resetTimeout: 5_000,
});

/**
 * True for failures that say upstream is unhealthy and so count against a
 * breaker: 5xx answers, timeouts, connection errors. A 4xx (404, 409, 429 …)
 * or an unexpected body means upstream answered and counts as a success.
 */
export function countsAsBreakerFailure(error: unknown): boolean {
  if (error instanceof UpstreamError) return error.status >= 500;
  return error instanceof UpstreamTimeoutError || error instanceof UpstreamConnectionError;
}

/**
 * Creates the per-endpoint breakers over opossum. An endpoint key is method
 * and collection (`GET orders`), not per id: one failing object must not
 * hide that the whole collection fails, nor the other way round.
 *
 * With the defaults an endpoint's breaker opens when at least 5 calls fell
 * within the last 10 s and more than half of them failed (opossum compares
 * strictly: exactly 50% stays closed), so 5 consecutive failures open it.
 * While open it refuses calls for 5 s, then lets one probe through: success
 * closes it with a fresh window, failure opens it again.
 *
 * `false` gives a registry that never refuses. Throws a `TypeError` naming
 * the field for a negative or non-finite setting.
 */
export function createBreakerRegistry(options: BreakerRegistryOptions | false = {}): BreakerRegistry {
  if (options === false) return passThroughRegistry;
  const settings = { ...DEFAULT_BREAKER };
  for (const field of Object.keys(DEFAULT_BREAKER) as Array<keyof BreakerOptions>) {
    const value = options[field];
    if (value === undefined) continue;
    if (!Number.isFinite(value) || value < 0) throw new TypeError(`breaker.${field} must be a non-negative number, got ${String(value)}`);
    settings[field] = value;
  }
  const breakers = new Map<string, CircuitBreaker<[() => Promise<unknown>], unknown>>();
  let shutDown = false;

  const create = (endpoint: string): CircuitBreaker<[() => Promise<unknown>], unknown> => {
    const breaker = new CircuitBreaker<[() => Promise<unknown>], unknown>((attempt) => attempt(), {
      name: endpoint,
      // Each attempt carries its own timeout; a second one here would only race it.
      timeout: false,
      volumeThreshold: settings.volumeThreshold,
      errorThresholdPercentage: settings.errorThresholdPercentage,
      rollingCountTimeout: settings.rollingCountTimeout,
      rollingCountBuckets: settings.rollingCountBuckets,
      resetTimeout: settings.resetTimeout,
      errorFilter: (error: unknown) => !countsAsBreakerFailure(error),
      // Latency percentiles and snapshots would sort and emit on every call for nothing we read.
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
    });
    breaker.on('open', () => options.onStateChange?.({ endpoint, state: 'open' }));
    breaker.on('halfOpen', () => options.onStateChange?.({ endpoint, state: 'half-open' }));
    breaker.on('close', () => {
      // opossum keeps the failures that opened it in the rolling window, so one more failure
      // right after recovery would reopen it; a fresh breaker starts recovery with a clean window.
      breakers.set(endpoint, create(endpoint));
      setImmediate(() => breaker.shutdown());
      options.onStateChange?.({ endpoint, state: 'closed' });
    });
    return breaker;
  };

  const breakerFor = (endpoint: string): CircuitBreaker<[() => Promise<unknown>], unknown> => {
    let breaker = breakers.get(endpoint);
    if (breaker === undefined) {
      breaker = create(endpoint);
      breakers.set(endpoint, breaker);
    }
    return breaker;
  };

  return {
    isRefusing(endpoint) {
      const breaker = breakers.get(endpoint);
      return breaker !== undefined && !breaker.closed && !breaker.pendingClose;
    },
    async run<T>(endpoint: string, info: UpstreamFailureInfo, attempt: () => Promise<T>): Promise<T> {
      // After shutdown the client is closed: the attempt fails on its own, and no new breaker should start timers.
      if (shutDown) return attempt();
      try {
        return await breakerFor(endpoint).fire(attempt) as T;
      } catch (error) {
        if (error instanceof Error && CircuitBreaker.isOurError(error)) {
          throw new UpstreamCircuitOpenError(endpoint, info, error);
        }
        throw error;
      }
    },
    states() {
      const states: Record<string, BreakerState> = {};
      for (const [endpoint, breaker] of breakers) {
        states[endpoint] = breaker.opened ? 'open' : breaker.halfOpen ? 'half-open' : 'closed';
      }
      return states;
    },
    shutdown() {
      shutDown = true;
      for (const breaker of breakers.values()) breaker.shutdown();
      breakers.clear();
    },
  };
}

// Private: what `breaker: false` gives; runs every attempt and reports nothing.
const passThroughRegistry: BreakerRegistry = Object.freeze({
  isRefusing: () => false,
  run: <T>(_endpoint: string, _info: UpstreamFailureInfo, attempt: () => Promise<T>): Promise<T> => attempt(),
  states: () => ({}),
  shutdown: () => undefined,
});
