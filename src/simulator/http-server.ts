// The simulator's HTTP edge: control routes, faults, latency, auth, rate limit, routing and logging.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { CONTROL_PREFIX, handleControl } from './control.routes';
import { defaultErrorBody, errorBody, HttpError } from './errors';
import type { FaultInjector } from './faults';
import { parseQuery, type QueryMap } from './list-query';
import type { RateLimiter } from './rate-limiter';
import type { RenderOptions } from './render';
import { parseJsonBody, readBody } from './request-body';
import type { RequestLog } from './request-log';
import type { RouteResult, Router, WriteServices } from './router';
import type { SimulatorStore } from './store';
import type { WebhookSender } from './webhook-sender';

/** Everything the request handler needs; built once by `createSimulator`. */
export interface HandlerDeps {
  store: SimulatorStore;
  router: Router;
  requestLog: RequestLog;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  render: RenderOptions;
  /** The confidential key callers must send as `Authorization: Bearer <key>`. */
  apiKey: string;
  /** Fixed delay before every upstream answer. */
  latencyMs: number;
  /** Aborted on stop, so pending delays end at once instead of holding the process. */
  signal: AbortSignal;
  /** What write routes drive: events, fulfillments, the fulfiller, idempotency. */
  writes: WriteServices;
  /** Delivers events to webhooks; the control routes read and steer it. */
  webhookSender: WebhookSender;
}

/**
 * A `node:http` request listener that serves the upstream API.
 *
 * Order of checks for an upstream request: armed fault (delay and/or failure),
 * configured latency, auth (401), rate limit (429), route (404/405), handler.
 * Faults come first because they stand for failures in front of upstream's backend.
 * Every answer carries `x-dr-requestid` and is recorded in the request log.
 */
export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, deps).catch(() => {
      // Only reachable when reading or writing failed at the socket (e.g. the client went away).
      if (!res.headersSent && !res.destroyed) send(res, randomUUID(), { status: 500, body: defaultErrorBody(500) });
    });
  };
}

// Private: serves one request end to end.
async function handle(req: IncomingMessage, res: ServerResponse, deps: HandlerDeps): Promise<void> {
  const started = Date.now();
  const requestId = randomUUID();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://simulator.local');
  const path = url.pathname;
  const query = parseQuery(url.searchParams);
  const headers = flattenHeaders(req);

  if (path.startsWith(CONTROL_PREFIX)) {
    let result: RouteResult;
    try {
      const raw = await readBody(req);
      result = handleControl(method, path, parseJsonBody(raw, headers['content-type']), {
        requestLog: deps.requestLog,
        faults: deps.faults,
        store: deps.store,
        render: deps.render,
        fulfiller: deps.writes.fulfiller,
        webhookSender: deps.webhookSender,
      });
    } catch (error: unknown) {
      result = errorResult(error);
    }
    send(res, requestId, result);
    return;
  }

  let body: unknown;
  let result: RouteResult;
  try {
    const raw = await readBody(req);
    result = await serveUpstream(method, path, deps, {
      headers,
      body: () => {
        body = parseJsonBody(raw, headers['content-type']);
        return body;
      },
      query,
    });
  } catch (error: unknown) {
    result = errorResult(error);
  }
  if (deps.signal.aborted || res.destroyed) return;

  const { authorization: _authorization, ...loggedHeaders } = headers;
  deps.requestLog.append({
    requestId,
    method,
    path,
    query,
    status: result.status,
    time: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    upstreamId: headers['upstream-id'],
    headers: loggedHeaders,
    ...(body !== undefined ? { body } : {}),
  });
  send(res, requestId, result);
}

// Private: the upstream part of the pipeline, from faults to the route handler.
async function serveUpstream(
  method: string,
  path: string,
  deps: HandlerDeps,
  request: { headers: Record<string, string>; query: QueryMap; body: () => unknown },
): Promise<RouteResult> {
  const fault = deps.faults.take(method, path);
  if (fault?.delayMs !== undefined) await sleep(fault.delayMs, deps.signal);
  if (deps.latencyMs > 0) await sleep(deps.latencyMs, deps.signal);
  // A fault with a success status and no body only delays: the request is then served normally.
  if (fault?.status !== undefined && (fault.status >= 400 || fault.body !== undefined)) {
    const retryAfter = fault.retryAfterSeconds ?? (fault.status === 429 ? 1 : undefined);
    return {
      status: fault.status,
      body: fault.body ?? defaultErrorBody(fault.status),
      ...(retryAfter !== undefined ? { headers: { 'retry-after': String(retryAfter) } } : {}),
    };
  }

  const key = bearerKey(request.headers['authorization']);
  if (key === undefined || key !== deps.apiKey) {
    const message = key === undefined ? 'Missing or malformed Authorization header; send Bearer <API key>.' : 'The API key is invalid.';
    throw new HttpError(401, errorBody(401, 'unauthorized', message));
  }
  const verdict = deps.rateLimiter.check(key);
  if (!verdict.allowed) {
    throw new HttpError(
      429,
      errorBody(429, 'too_many_requests', `Too many requests. Retry after ${verdict.retryAfterSeconds} second(s).`),
      { 'retry-after': String(verdict.retryAfterSeconds) },
    );
  }

  const match = deps.router.match(method, path);
  if (match.kind === 'not_found') {
    throw new HttpError(404, errorBody(404, 'not_found', `No resource at ${method} ${path}.`));
  }
  if (match.kind === 'method_not_allowed') {
    throw new HttpError(405, errorBody(405, 'method_not_allowed', `Method ${method} is not allowed on ${path}.`), {
      allow: [...new Set(match.allowed)].join(', '),
    });
  }
  return match.route.handle({
    params: match.params,
    query: request.query,
    store: deps.store,
    render: deps.render,
    headers: request.headers,
    apiKey: key,
    writes: deps.writes,
    body: request.body,
  });
}

// Private: an HttpError as its answer; anything else as a 500 without internals.
function errorResult(error: unknown): RouteResult {
  if (error instanceof HttpError) return { status: error.status, body: error.body, headers: { ...error.headers } };
  return { status: 500, body: errorBody(500, 'internal_error', 'The simulator failed to handle the request.') };
}

// Private: writes status, headers and JSON body (none for 204).
function send(res: ServerResponse, requestId: string, result: RouteResult): void {
  const payload = result.status === 204 || result.body === undefined ? '' : JSON.stringify(result.body);
  res.writeHead(result.status, {
    'content-type': 'application/json',
    'x-dr-requestid': requestId,
    'content-length': Buffer.byteLength(payload),
    ...(result.headers ?? {}),
  });
  res.end(payload);
}

// Private: the key from `Bearer <key>`, or undefined when the header has another form.
function bearerKey(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

// Private: lower-cased headers with repeated values joined, as one string each.
function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

// Private: resolves after `ms`, or at once when the simulator stops.
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
