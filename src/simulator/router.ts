// Route types shared by the collection route files, and the matcher that picks a route for a request.

import type { EventPublisher } from './event-publisher';
import type { Fulfiller } from './fulfiller';
import type { FulfillmentProcessor } from './fulfillment-processor';
import type { IdempotencyCache } from './idempotency';
import type { QueryMap } from './list-query';
import type { RenderOptions } from './render';
import type { SimulatorStore } from './store';

/** The methods upstream uses in this slice (§1.1). */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** The simulator's moving parts that write routes drive; built once by `createSimulator`. */
export interface WriteServices {
  /** Appends events rendered like the REST answers. */
  publisher: EventPublisher;
  /** Books fulfillments and settles their charge operations. */
  fulfillments: FulfillmentProcessor;
  /** Decides new cancellations. */
  fulfiller: Fulfiller;
  /** Remembered answers per `Idempotency-Key`. */
  idempotency: IdempotencyCache;
}

/** What a route handler gets to work with. */
export interface RouteContext {
  /** Path parameters, decoded (`/orders/:id` → `{ id }`). */
  params: Record<string, string>;
  query: QueryMap;
  store: SimulatorStore;
  render: RenderOptions;
  /** Request headers, lower-cased. */
  headers: Record<string, string>;
  /** The caller's (already verified) API key; idempotency keys are kept per API key. */
  apiKey: string;
  writes: WriteServices;
  /**
   * The request body parsed as JSON (also under `text/plain`, §14 #10); undefined when empty.
   * @throws HttpError 400 when the body is not JSON.
   */
  body(): unknown;
}

/** A handler's answer; errors are thrown as `HttpError` instead. */
export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One route: method, a path pattern with `:name` segments, and its handler. */
export interface Route {
  method: HttpMethod;
  path: string;
  handle(context: RouteContext): RouteResult | Promise<RouteResult>;
}

/** The outcome of matching a request. */
export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allowed: HttpMethod[] }
  | { kind: 'not_found' };

/** A 200 answer with a JSON body. */
export function ok(body: unknown): RouteResult {
  return { status: 200, body };
}

/** Matches request paths against route patterns; trailing slashes are ignored. */
export class Router {
  private readonly compiled: { route: Route; segments: string[] }[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: splitPath(route.path) }));
  }

  /** The route for a method and path, or why there is none (unknown path vs wrong method). */
  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    const allowed: HttpMethod[] = [];
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'method_not_allowed', allowed } : { kind: 'not_found' };
  }
}

// Private: non-empty path segments, still percent-encoded.
function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

// Private: path parameters when the segments fit the pattern, else undefined.
function matchSegments(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const p = pattern[i] ?? '';
    const s = segments[i] ?? '';
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(s);
      } catch {
        return undefined;
      }
    } else if (p !== s) {
      return undefined;
    }
  }
  return params;
}
