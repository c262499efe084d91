// CORS for the GraphQL routes: the `cors` package answers preflights and marks responses for the origins CORS_ORIGINS lists, and nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';

import cors, { type CorsOptions } from 'cors';

import type { CorsOrigins } from '../config';

/** Methods a browser may use on the GraphQL routes. */
export const CORS_METHODS = ['GET', 'POST', 'OPTIONS'] as const;

/**
 * Request headers a browser page may send: the bearer token, JSON bodies,
 * the two headers Apollo's CSRF prevention accepts as proof of a preflight
 * (`apollo-require-preflight`, `x-apollo-operation-name`), a caller-chosen
 * request id, and graphql-sse's `last-event-id` for resuming a stream.
 */
export const CORS_ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-request-id',
  'last-event-id',
] as const;

/** Response headers a page may read: the request id, to quote it in a support request. */
export const CORS_EXPOSED_HEADERS = ['x-request-id'] as const;

/** How long a browser may reuse a preflight's answer: 10 minutes, so a changed CORS_ORIGINS reaches browsers soon. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * Applies CORS to one request. Returns `true` when it answered the request
 * itself (every `OPTIONS`, 204), `false` when the route goes on to answer.
 */
export type CorsHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Creates the handler for a route that browsers on other origins may call.
 *
 * - A listed origin (or any, with `'*'`) gets `Access-Control-Allow-Origin`
 *   and the exposed headers on every answer; its preflight gets the methods,
 *   headers and max-age as well.
 * - Any other origin, or none, gets no CORS header at all, so the browser
 *   keeps the answer from the page; its preflight is still answered 204
 *   (an `OPTIONS` is not an error, and a 405 would read like a broken route).
 * - With a list, every answer carries `Vary: Origin`: it differs by origin,
 *   and a shared cache must not hand one origin's answer to another.
 */
export function createCorsHandler(origins: CorsOrigins): CorsHandler {
  const listed = origins === '*' ? undefined : new Set(origins);
  const allowed: CorsOptions = {
    // '*' answers `*`; `true` answers the request's own origin, which the delegate below only lets through when listed.
    origin: origins === '*' ? '*' : true,
    // Joined with ", " as RFC 9110 writes lists (the package would join with a bare comma).
    methods: CORS_METHODS.join(', '),
    allowedHeaders: CORS_ALLOWED_HEADERS.join(', '),
    exposedHeaders: CORS_EXPOSED_HEADERS.join(', '),
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
    preflightContinue: false,
  };
  const refused: CorsOptions = { origin: false };
  const middleware = cors<IncomingMessage>((request, callback) => {
    const origin = request.headers.origin;
    callback(null, listed === undefined || (origin !== undefined && listed.has(origin)) ? allowed : refused);
  });

  return (request, response) => {
    if (listed !== undefined) response.setHeader('vary', 'Origin');
    let passed = false;
    let failure: unknown;
    // The options delegate above calls back at once, so the middleware has finished when it returns.
    middleware(request, response, (error?: unknown) => {
      passed = true;
      failure = error;
    });
    if (failure !== undefined && failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
    if (response.writableEnded) return true;
    if (!passed) throw new Error('the cors middleware neither answered nor passed the request on');
    if (request.method !== 'OPTIONS') return false;
    // A preflight from an origin not listed (or a plain OPTIONS): answered, with no CORS header.
    response.statusCode = 204;
    response.setHeader('allow', CORS_METHODS.join(', '));
    response.setHeader('content-length', '0');
    response.end();
    return true;
  };
}
