// Runs one logical upstream call as a series of attempts: circuit check, rate-budget token, the attempt itself, then the retry decision.
import { setTimeout as sleep } from 'node:timers/promises';

import type { BreakerRegistry } from './circuit-breakers';
import {
  UpstreamCircuitOpenError,
  UpstreamError,
  UpstreamProtocolError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from './errors';
import type { RateBudget } from './rate-budget';
import { type RetryPolicy, isRetryable, retryDelayMs } from './retry';
import type { UpstreamCollection } from './types';

/**
 * How one attempt ended. `circuit_open` and `rate_budget` attempts were never
 * sent: the breaker or the gateway's own budget refused them.
 */
export type CallOutcome =
  | 'ok'
  | 'http_error'
  | 'rate_limited'
  | 'timeout'
  | 'connection_error'
  | 'protocol_error'
  | 'circuit_open'
  | 'rate_budget';

/** One attempt, as `onCall` reports it: one record per attempt, retries and refused attempts included. */
export interface UpstreamCallRecord {
  method: string;
  collection: UpstreamCollection;
  /** HTTP status, or 0 when no answer arrived (timeout, connection error, refused before sending). */
  status: number;
  /** Time on the wire; for a refused attempt, the time spent before the refusal (waiting for a token). */
  durationMs: number;
  /** 1 for the first attempt of a call, 2 for its first retry, … */
  attempt: number;
  outcome: CallOutcome;
}

/** One retry about to happen, as `onRetry` reports it. */
export interface UpstreamRetryRecord {
  method: 'GET' | 'POST';
  collection: UpstreamCollection;
  path: string;
  /** The attempt that failed (1 = the first). */
  attempt: number;
  /** How long the call waits before the next attempt. */
  delayMs: number;
  /** The failure being retried. */
  error: unknown;
}

/** The call being made. */
export interface PolicyCall {
  method: 'GET' | 'POST';
  collection: UpstreamCollection;
  /** Path with query, as error messages show it. */
  path: string;
  /** Whose share of the rate budget every attempt spends (see `CallContext.caller`). */
  caller?: string | undefined;
}

/** What an attempt is told. */
export interface AttemptContext {
  /** 1 for the first attempt. */
  attempt: number;
  /** This attempt's timeout: the client's, cut to the call's remaining time budget on retries. */
  timeoutMs: number;
}

/** What {@link createCallPolicy} composes. */
export interface CallPolicyOptions {
  /** What is retried and when (see `retry.ts`). */
  retry: RetryPolicy;
  /** The client's per-endpoint breakers; each attempt runs through one. */
  breakers: BreakerRegistry;
  /** Every attempt takes a token here first. */
  rateBudget: RateBudget;
  /** The client's timeout of one attempt. */
  timeoutMs: number;
  /** Receives the attempts refused before sending; sent attempts report themselves. */
  onCall?: ((call: UpstreamCallRecord) => void) | undefined;
  onRetry?: ((retry: UpstreamRetryRecord) => void) | undefined;
}

/** Runs calls under the policy. */
export interface CallPolicy {
  /**
   * Runs `send` until it succeeds or the policy gives up, and settles like
   * the last attempt. The first attempt that the breaker or the rate budget
   * refuses rejects with their error (`UpstreamCircuitOpenError`,
   * `UpstreamRateLimitedError` with `source: 'budget'`); a refused retry, or
   * one that the time budget leaves no room for, ends the call with the
   * previous attempt's upstream error instead, which says more.
   */
  run<T>(call: PolicyCall, send: (context: AttemptContext) => Promise<T>): Promise<T>;
}

/** Composes retries, breakers and the rate budget around the attempts of one upstream client. */
export function createCallPolicy(options: CallPolicyOptions): CallPolicy {
  const { retry, breakers, rateBudget } = options;

  const refused = (call: PolicyCall, attempt: number, error: unknown, since: number): void => {
    options.onCall?.({
      method: call.method,
      collection: call.collection,
      status: 0,
      durationMs: performance.now() - since,
      attempt,
      outcome: outcomeOf(error),
    });
  };

  return {
    async run<T>(call: PolicyCall, send: (context: AttemptContext) => Promise<T>): Promise<T> {
      const endpoint = `${call.method} ${call.collection}`;
      const info = { method: call.method, path: call.path };
      const deadline = performance.now() + retry.budgetMs;
      let lastError: unknown;
      for (let attempt = 1; ; attempt += 1) {
        const isRetry = attempt > 1;
        const admitted = performance.now();
        // Checked before the token, so an open circuit fails fast without spending the budget.
        if (breakers.isRefusing(endpoint)) {
          const error = new UpstreamCircuitOpenError(endpoint, info);
          refused(call, attempt, error, admitted);
          throw isRetry ? lastError : error;
        }
        try {
          await rateBudget.acquire({ call: info, caller: call.caller, maxWaitMs: isRetry ? deadline - admitted : undefined });
        } catch (error) {
          refused(call, attempt, error, admitted);
          throw isRetry ? lastError : error;
        }
        const timeoutMs = isRetry ? Math.min(options.timeoutMs, Math.floor(deadline - performance.now())) : options.timeoutMs;
        if (timeoutMs <= 0) throw lastError;
        try {
          return await breakers.run(endpoint, info, () => send({ attempt, timeoutMs }));
        } catch (error) {
          if (error instanceof UpstreamCircuitOpenError) {
            refused(call, attempt, error, admitted);
            throw isRetry ? lastError : error;
          }
          lastError = error;
          if (attempt > retry.retries || !isRetryable(call.method, error)) throw error;
          // This failure may just have opened the circuit: an open circuit is not retried.
          if (breakers.isRefusing(endpoint)) throw error;
          const delayMs = retryDelayMs(error, attempt, retry);
          // Never sleep past the budget: a wait that cannot end in time fails the call now.
          if (performance.now() + delayMs >= deadline) throw error;
          options.onRetry?.({ ...call, attempt, delayMs, error });
          await sleep(delayMs);
        }
      }
    },
  };
}

/** Names how an attempt ended; `undefined` means it succeeded. */
export function outcomeOf(error: unknown): CallOutcome {
  if (error === undefined) return 'ok';
  if (error instanceof UpstreamRateLimitedError) return error.source === 'budget' ? 'rate_budget' : 'rate_limited';
  if (error instanceof UpstreamCircuitOpenError) return 'circuit_open';
  if (error instanceof UpstreamTimeoutError) return 'timeout';
  if (error instanceof UpstreamError) return 'http_error';
  if (error instanceof UpstreamProtocolError) return 'protocol_error';
  // UpstreamConnectionError, and anything the transport threw that was not classified.
  return 'connection_error';
}
