// The one node:http handler: routes /graphql, /webhooks/digitalriver, /healthz, /readyz, /metrics and the browser pages (explorer, demo page, their files), and answers everything else 404.
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { Registry } from 'prom-client';

import type { CorsOrigins } from '../config';
import type { OperationPipeline } from '../graphql/pipeline';
import type { Logger } from '../logger';
import { prefersHtml } from '../web/prefers-html';
import { ASSET_PREFIX, ORDER_PAGE_PREFIX, type WebRoutes } from '../web/web-routes';
import { type CorsHandler, createCorsHandler } from './cors';
import { handleGraphQLHttp } from './graphql-http';
import type { Readiness } from './health';
import { BodyTooLargeError } from './read-body';
import { writeJson } from './write-json';

/** What the router dispatches to. */
export interface RouterDependencies {
  pipeline: OperationPipeline;
  readiness: () => Promise<Readiness>;
  webhook: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** POST /graphql/stream: server-sent events. */
  stream: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  metrics: Registry;
  /** False once shutdown began: new requests get 503 while in-flight ones finish. */
  accepting: () => boolean;
  logger: Logger;
  /** Origins whose pages may call the GraphQL routes (CORS_ORIGINS). */
  corsOrigins: CorsOrigins;
  /** The explorer, the demo order page and their files (EXPLORER); absent: none of them. */
  web?: WebRoutes | undefined;
}

/** The routes browser pages on other origins may call (CORS_ORIGINS); nothing else answers them. */
const CORS_PATHS: ReadonlySet<string> = new Set(['/graphql', '/graphql/stream']);

/** Creates the request listener for `http.createServer`. */
export function createRouter(deps: RouterDependencies): (request: IncomingMessage, response: ServerResponse) => void {
  const cors = createCorsHandler(deps.corsOrigins);
  return (request, response) => {
    route(deps, cors, request, response).catch((error: unknown) => {
      if (error instanceof BodyTooLargeError) {
        writeJson(response, 413, undefined, { error: error.message, errors: [{ message: error.message, extensions: { code: 'QUERY_TOO_COMPLEX' } }] });
        return;
      }
      deps.logger.error({ err: error, path: request.url }, 'request failed');
      if (!response.headersSent) writeJson(response, 500, undefined, { error: 'Internal server error' });
      else response.destroy();
    });
  };
}

async function route(deps: RouterDependencies, cors: CorsHandler, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = request.url ?? '/';
  const queryStart = url.indexOf('?');
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const search = queryStart === -1 ? '' : url.slice(queryStart);
  const method = request.method ?? 'GET';
  // Before anything else answers, so a page on a listed origin can read every answer, refusals and 503 included; OPTIONS ends here.
  if (CORS_PATHS.has(path) && cors(request, response)) return;
  if (!deps.accepting() && path !== '/healthz' && path !== '/metrics') {
    response.setHeader('connection', 'close');
    return writeJson(response, 503, undefined, { error: 'shutting down' });
  }

  if (path === '/graphql') {
    // A browser opening the endpoint gets the explorer; GraphQL clients (asking for JSON) go on to Apollo.
    if (deps.web !== undefined && (method === 'GET' || method === 'HEAD') && prefersHtml(request.headers.accept)) return deps.web.explorer(request, response);
    if (method !== 'GET' && method !== 'POST') return methodNotAllowed(response, 'GET, POST');
    return handleGraphQLHttp(deps.pipeline, request, response, search);
  }
  if (path === '/graphql/stream') {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    return deps.stream(request, response);
  }
  if (path === '/webhooks/digitalriver') {
    if (method !== 'POST') return methodNotAllowed(response, 'POST');
    return deps.webhook(request, response);
  }
  if (path === '/healthz') {
    if (method !== 'GET') return methodNotAllowed(response, 'GET');
    return writeJson(response, 200, undefined, { status: 'ok' });
  }
  if (path === '/readyz') {
    if (method !== 'GET') return methodNotAllowed(response, 'GET');
    const readiness = await deps.readiness();
    return writeJson(response, readiness.ready ? 200 : 503, undefined, { status: readiness.ready ? 'ready' : 'not ready', checks: readiness.checks });
  }
  if (path === '/metrics') {
    if (method !== 'GET') return methodNotAllowed(response, 'GET');
    const text = await deps.metrics.metrics();
    response.setHeader('content-type', deps.metrics.contentType);
    response.end(text);
    return;
  }
  const web = deps.web;
  if (web !== undefined && (path === '/' || path.startsWith(ORDER_PAGE_PREFIX) || path.startsWith(ASSET_PREFIX))) {
    if (method !== 'GET' && method !== 'HEAD') return methodNotAllowed(response, 'GET, HEAD');
    if (path === '/') return web.home(request, response);
    if (path.startsWith(ORDER_PAGE_PREFIX)) return web.orderPage(request, response, path.slice(ORDER_PAGE_PREFIX.length));
    return web.asset(request, response, path.slice(ASSET_PREFIX.length));
  }
  writeJson(response, 404, undefined, { error: `no route for ${method} ${path}` });
}

function methodNotAllowed(response: ServerResponse, allow: string): void {
  response.setHeader('allow', allow);
  writeJson(response, 405, undefined, { error: `method not allowed; use ${allow}` });
}
