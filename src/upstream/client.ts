// The one module that talks HTTP to the upstream: builds every URL, sends the contract's headers over pooled keep-alive connections, enforces a timeout, parses upstream errors into typed errors, and runs each call under the retry, breaker and rate-budget policy.
import { randomUUID } from 'node:crypto';

import { Pool, errors as undiciErrors } from 'undici';

import { type UpstreamCallRecord, type UpstreamRetryRecord, createCallPolicy, outcomeOf } from './call-policy';
import { type BreakerOptions, type BreakerState, type BreakerStateChange, createBreakerRegistry } from './circuit-breakers';
import {
  UpstreamConnectionError,
  UpstreamError,
  UpstreamProtocolError,
  UpstreamRateLimitedError,
  UpstreamTimeoutError,
} from './errors';
import { type RateBudget, unlimitedRateBudget } from './rate-budget';
import { type RetryOptions, resolveRetryPolicy } from './retry';
import type { UpstreamCollection, UpstreamErrorDetail, UpstreamPage, UpstreamQuery } from './types';

export type { CallOutcome, UpstreamCallRecord, UpstreamRetryRecord } from './call-policy';
export type { BreakerState, BreakerStateChange } from './circuit-breakers';

/** Who caused an upstream call: travels as `upstream-id` and `forwarded`. */
export interface CallContext {
  /** The id of the GraphQL request (or webhook) that caused the call. */
  readonly requestId: string;
  /** The end customer's IP, when known. */
  readonly clientIp?: string | undefined;
  /**
   * Whose share of the rate budget the call spends: the token's subject, the
   * client IP without auth, `events` for pushed events. Absent: the
   * gateway's own (`internal`). Never sent upstream.
   */
  readonly caller?: string | undefined;
}

/** Settings of {@link createUpstreamClient}. */
export interface UpstreamClientOptions {
  /** Base URL, e.g. `https://api.digitalriver.com`; a path prefix is kept. */
  baseUrl: string;
  /** Confidential key, sent as `Authorization: Bearer …`; never logged. */
  apiKey: string;
  /** `<package>/<version>`, sent as `upstream-application-id`. */
  applicationId: string;
  /** Timeout of one attempt, headers and body together (a retry gets at most what is left of `retry.budgetMs`). */
  timeoutMs: number;
  /** Sockets kept open to the upstream. */
  connections: number;
  /**
   * Which failures are retried and how (see `retry.ts`). Defaults: 3 retries,
   * full-jitter backoff from 100 ms doubling, 5 s per call in all; `false`
   * sends every call once.
   */
  retry?: RetryOptions | false;
  /**
   * Per-endpoint circuit breakers (see `circuit-breakers.ts`). Defaults: open
   * past 50% failures once 5 calls fell within 10 s, probe after 5 s;
   * `false` turns them off.
   */
  breaker?: BreakerOptions | false;
  /**
   * Token budget every attempt acquires first. Defaults to no budget: a
   * budget must be shared by every client of the process, so the caller
   * creates it once (`createMemoryRateBudget(config.upstreamRateLimit)`).
   */
  rateBudget?: RateBudget;
  /** Called after every attempt with its outcome, refused attempts included; metrics and tests hook in here. */
  onCall?: (call: UpstreamCallRecord) => void;
  /** Called before each retry's wait, for logs and metrics. */
  onRetry?: (retry: UpstreamRetryRecord) => void;
  /** Called when an endpoint's breaker opens, half-opens or closes. */
  onBreakerStateChange?: (change: BreakerStateChange) => void;
}

/** Options of a write. */
export interface WriteOptions {
  /** Sent as `Idempotency-Key`. */
  idempotencyKey?: string | undefined;
}

/** The upstream REST API as the rest of the gateway sees it. */
export interface UpstreamClient {
  /** `GET /{collection}/{id}`. Rejects with an {@link UpstreamError} (404 for a missing object) or another upstream failure. */
  get<T>(collection: UpstreamCollection, id: string, context: CallContext): Promise<T>;
  /** One page of `GET /{collection}?…`; a bare array or a missing `hasMore` is normalised (quirk 34). */
  list<T>(collection: UpstreamCollection, query: UpstreamQuery, context: CallContext): Promise<UpstreamPage<T>>;
  /** `POST /{collection}` with a JSON body. */
  create<T>(collection: UpstreamCollection, body: unknown, context: CallContext, options?: WriteOptions): Promise<T>;
  /**
   * Each upstream endpoint seen so far (`GET orders`) and its circuit
   * breaker's state, for metrics and health. Optional so that test fakes
   * need not have one.
   */
  breakerStates?(): Record<string, BreakerState>;
  /** Closes the pooled connections and stops the breakers' timers. */
  close(): Promise<void>;
}

/** The client {@link createUpstreamClient} builds: always reports its breakers. */
export interface ResilientUpstreamClient extends UpstreamClient {
  breakerStates(): Record<string, BreakerState>;
}

/**
 * Creates the upstream client. One instance per process: its pool keeps up to
 * `connections` sockets alive, so loaders of concurrent requests share them,
 * and its breakers see every call to an endpoint.
 *
 * Every call runs as attempts: a refused circuit fails fast, each attempt
 * takes a rate-budget token, and failed attempts are retried per `retry`
 * (reads on 429/502/503/504, timeouts and connection errors; writes only on
 * 429 or a connection that failed before sending, with the same
 * `Idempotency-Key`). Throws a `TypeError` for invalid `retry` settings.
 */
export function createUpstreamClient(options: UpstreamClientOptions): ResilientUpstreamClient {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const pool = new Pool(base.origin, {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    pipelining: 1,
  });
  const fixedHeaders: Record<string, string> = {
    authorization: `Bearer ${options.apiKey}`,
    accept: 'application/json',
    'upstream-application-id': options.applicationId,
  };
  const breakers = createBreakerRegistry(options.breaker === false ? false : { ...options.breaker, onStateChange: options.onBreakerStateChange });
  const policy = createCallPolicy({
    retry: resolveRetryPolicy(options.retry),
    breakers,
    rateBudget: options.rateBudget ?? unlimitedRateBudget,
    timeoutMs: options.timeoutMs,
    onCall: options.onCall,
    onRetry: options.onRetry,
  });

  function send(
    method: 'GET' | 'POST',
    collection: UpstreamCollection,
    path: string,
    context: CallContext,
    body?: unknown,
    writeOptions?: WriteOptions,
  ): Promise<unknown> {
    // Built once per call: every attempt of a write carries the same Idempotency-Key.
    const headers: Record<string, string> = { ...fixedHeaders, 'upstream-id': context.requestId };
    if (context.clientIp !== undefined) headers.forwarded = `for=${context.clientIp}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (writeOptions?.idempotencyKey !== undefined) headers['idempotency-key'] = writeOptions.idempotencyKey;
    const payload = body === undefined ? null : JSON.stringify(body);
    return policy.run({ method, collection, path, caller: context.caller }, ({ attempt, timeoutMs }) =>
      sendOnce(method, collection, path, headers, payload, attempt, timeoutMs));
  }

  async function sendOnce(
    method: 'GET' | 'POST',
    collection: UpstreamCollection,
    path: string,
    headers: Record<string, string>,
    payload: string | null,
    attempt: number,
    timeoutMs: number,
  ): Promise<unknown> {
    const info = { method, path };
    const started = performance.now();
    let status = 0;
    let failure: unknown;
    try {
      const response = await pool.request({
        method,
        path: basePath + path,
        headers,
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      const requestIdHeader = response.headers['x-dr-requestid'];
      const upstreamRequestId = typeof requestIdHeader === 'string' ? requestIdHeader : undefined;
      const text = await response.body.text();
      if (status >= 200 && status < 300) {
        return parseJson(text, { ...info, upstreamRequestId });
      }
      throw toUpstreamError(status, text, response.headers['retry-after'], { ...info, upstreamRequestId });
    } catch (error) {
      failure = classifyTransportError(error, timeoutMs, info);
      throw failure;
    } finally {
      options.onCall?.({ method, collection, status, durationMs: performance.now() - started, attempt, outcome: outcomeOf(failure) });
    }
  }

  return {
    async get<T>(collection: UpstreamCollection, id: string, context: CallContext): Promise<T> {
      const result = await send('GET', collection, `/${collection}/${encodeURIComponent(id)}`, context);
      return requireObject(result, { method: 'GET', path: `/${collection}/${id}` }) as T;
    },
    async list<T>(collection: UpstreamCollection, query: UpstreamQuery, context: CallContext): Promise<UpstreamPage<T>> {
      const path = `/${collection}${buildQueryString(query)}`;
      return normalisePage<T>(await send('GET', collection, path, context), { method: 'GET', path });
    },
    async create<T>(collection: UpstreamCollection, body: unknown, context: CallContext, writeOptions?: WriteOptions): Promise<T> {
      const result = await send('POST', collection, `/${collection}`, context, body, writeOptions);
      return requireObject(result, { method: 'POST', path: `/${collection}` }) as T;
    },
    breakerStates: () => breakers.states(),
    async close() {
      breakers.shutdown();
      await pool.close();
    },
  };
}

/** A fresh id for a call made outside any GraphQL request (e.g. readiness probes). */
export function newCallContext(clientIp?: string): CallContext {
  return { requestId: randomUUID(), clientIp };
}

/** Encodes a query; array values become repeated keys (`ids=a&ids=b`), as the runtime contract asks. */
export function buildQueryString(query: UpstreamQuery): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [String(value)];
    for (const item of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(item)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

function parseJson(text: string, info: { method: string; path: string; upstreamRequestId?: string | undefined }): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new UpstreamProtocolError(info, `not JSON (${text.slice(0, 80)})`);
  }
}

function requireObject(value: unknown, info: { method: string; path: string }): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UpstreamProtocolError(info, 'expected a JSON object');
  }
  return value;
}

function normalisePage<T>(value: unknown, info: { method: string; path: string }): UpstreamPage<T> {
  if (Array.isArray(value)) return { hasMore: false, data: value as T[] };
  const object = requireObject(value, info) as { hasMore?: unknown; data?: unknown };
  if (!Array.isArray(object.data)) throw new UpstreamProtocolError(info, 'expected a list with a "data" array');
  return { hasMore: object.hasMore === true, data: object.data as T[] };
}

/**
 * Parses an upstream error body. Copes with the documented irregular bodies
 * (quirk 27): no `type`, `description` instead of `message`, or only a
 * top-level `message`.
 */
export function parseUpstreamErrorBody(text: string): { type: string | undefined; errors: UpstreamErrorDetail[] } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { type: undefined, errors: text.trim() === '' ? [] : [{ message: text.trim().slice(0, 500) }] };
  }
  if (typeof body !== 'object' || body === null) return { type: undefined, errors: [] };
  const record = body as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : undefined;
  const rawErrors = Array.isArray(record.errors) ? record.errors : [record];
  const errors: UpstreamErrorDetail[] = [];
  for (const raw of rawErrors) {
    if (typeof raw !== 'object' || raw === null) continue;
    const entry = raw as Record<string, unknown>;
    const message = typeof entry.message === 'string' ? entry.message
      : typeof entry.description === 'string' ? entry.description : undefined;
    const detail: UpstreamErrorDetail = {};
    if (typeof entry.code === 'string') detail.code = entry.code;
    if (typeof entry.parameter === 'string') detail.parameter = entry.parameter;
    if (message !== undefined) detail.message = message;
    if (Object.keys(detail).length > 0) errors.push(detail);
  }
  return { type, errors };
}

function toUpstreamError(
  status: number,
  text: string,
  retryAfterHeader: string | string[] | undefined,
  info: { method: string; path: string; upstreamRequestId?: string | undefined },
): Error {
  const { type, errors } = parseUpstreamErrorBody(text);
  if (status === 429) {
    const raw = Array.isArray(retryAfterHeader) ? retryAfterHeader[0] : retryAfterHeader;
    const seconds = raw !== undefined && /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
    return new UpstreamRateLimitedError(seconds, info, errors);
  }
  return new UpstreamError(status, type, errors, info);
}

function classifyTransportError(error: unknown, timeoutMs: number, info: { method: string; path: string }): Error {
  if (error instanceof UpstreamError || error instanceof UpstreamRateLimitedError || error instanceof UpstreamProtocolError) {
    return error;
  }
  if (
    error instanceof undiciErrors.HeadersTimeoutError
    || error instanceof undiciErrors.BodyTimeoutError
    || error instanceof undiciErrors.RequestAbortedError
    // AbortSignal.timeout rejects with a DOMException, which is not an Error in every realm.
    || (typeof error === 'object' && error !== null && 'name' in error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  ) {
    return new UpstreamTimeoutError(timeoutMs, info);
  }
  return new UpstreamConnectionError(info, error);
}
