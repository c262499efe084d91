// The gateway's browser surface, called by the router: the explorer page, the live order page, their built files, and `/` leading to the explorer.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import type { Logger } from '../logger';
import { type WebManifest, parseManifest } from './manifest';
import { contentSecurityPolicy, explorerHtml, orderPageHtml } from './pages';
import { webBuildDir } from './paths';
import { serveBuiltFile } from './static-files';

/** URL path prefix of the built files. */
export const ASSET_PREFIX = '/assets/';
/** URL path prefix of the live order page; the order id follows. */
export const ORDER_PAGE_PREFIX = '/demo/orders/';

// Order ids as upstream writes them (digits) and anything id-like; the page asks the gateway, which checks the rest.
const ORDER_ID = /^[A-Za-z0-9_.:-]{1,128}$/;

/** The handlers the router calls for browser requests (`GET`/`HEAD` only; the router checks the method). */
export interface WebRoutes {
  /** `GET /graphql` from a browser: the GraphiQL explorer. */
  explorer(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** `GET /demo/orders/<rawId>`: the live order page (`rawId` still percent-encoded). */
  orderPage(request: IncomingMessage, response: ServerResponse, rawId: string): Promise<void>;
  /** `GET /assets/<name>`: one built file. */
  asset(request: IncomingMessage, response: ServerResponse, name: string): Promise<void>;
  /** `GET /`: redirects to the explorer. */
  home(request: IncomingMessage, response: ServerResponse): void;
}

/** What the browser surface needs. */
export interface WebRoutesOptions {
  logger: Logger;
  /** The web build's folder; `<root>/dist/web` by default. */
  dir?: string;
  /** Default `/graphql`. */
  graphqlPath?: string;
}

/**
 * Creates the handlers. The manifest is read on the first page request and
 * again whenever `npm run build:web` rewrote it, so a running gateway serves
 * a new build without a restart. Without a build, pages answer 503 and say
 * which command builds them.
 */
export function createWebRoutes(options: WebRoutesOptions): WebRoutes {
  const dir = options.dir ?? webBuildDir();
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const manifestPath = join(dir, 'manifest.json');
  let loaded: { mtimeMs: number; manifest: WebManifest } | undefined;
  let warned = false;

  async function currentBuild(): Promise<{ dir: string; manifest: WebManifest } | undefined> {
    const info = await stat(manifestPath).catch(() => undefined);
    if (info === undefined) {
      if (!warned) options.logger.warn({ dir }, 'the explorer and demo page are not built: run npm run build');
      warned = true;
      return undefined;
    }
    if (loaded?.mtimeMs !== info.mtimeMs) {
      loaded = { mtimeMs: info.mtimeMs, manifest: parseManifest(JSON.parse(await readFile(manifestPath, 'utf8'))) };
    }
    return { dir, manifest: loaded.manifest };
  }

  const workerUrls = (manifest: WebManifest): Record<string, string> =>
    Object.fromEntries(Object.entries(manifest.workers).map(([label, name]) => [label, ASSET_PREFIX + name]));

  return {
    async explorer(request, response) {
      const build = await currentBuild();
      if (build === undefined) return notBuilt(response);
      writeHtml(request, response, 200, explorerHtml(build.manifest.pages.explorer, { assetPrefix: ASSET_PREFIX, graphqlPath, workers: workerUrls(build.manifest) }));
    },

    async orderPage(request, response, rawId) {
      const orderId = decodedId(rawId);
      if (orderId === undefined) {
        writeHtml(request, response, 404, '<!doctype html><title>Not found</title><p>No such page: an order id is letters, digits, <code>_ . : -</code>, at most 128.</p>\n');
        return;
      }
      const build = await currentBuild();
      if (build === undefined) return notBuilt(response);
      writeHtml(request, response, 200, orderPageHtml(build.manifest.pages['order-page'], { assetPrefix: ASSET_PREFIX, graphqlPath }, orderId));
    },

    async asset(request, response, name) {
      const build = await currentBuild();
      if (build === undefined) return notBuilt(response);
      await serveBuiltFile(request, response, build, name);
    },

    home(_request, response) {
      response.statusCode = 302;
      response.setHeader('location', graphqlPath);
      response.setHeader('content-type', 'text/plain; charset=utf-8');
      response.setHeader('cache-control', 'no-store');
      response.end(`The GraphQL explorer is at ${graphqlPath}\n`);
    },
  };
}

function decodedId(rawId: string): string | undefined {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return undefined;
  }
  return ORDER_ID.test(id) ? id : undefined;
}

// Pages carry their settings and are tiny: never cached, so a new build's file names reach the browser at once.
function writeHtml(request: IncomingMessage, response: ServerResponse, status: number, html: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.setHeader('content-security-policy', contentSecurityPolicy(request.headers.host));
  response.setHeader('x-content-type-options', 'nosniff');
  // A `?token=` in the address must not travel to other sites in a Referer header.
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.end(request.method === 'HEAD' ? undefined : html);
}

function notBuilt(response: ServerResponse): void {
  response.statusCode = 503;
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.setHeader('cache-control', 'no-store');
  response.setHeader('retry-after', '30');
  response.end('The explorer and demo page are not built: run `npm run build` (or `npm run build:web`).\n');
}
