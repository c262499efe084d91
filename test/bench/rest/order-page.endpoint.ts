// The hand-written REST endpoint `GET /order-page?first=N[&after=cursor]`: the gateway's optimal upstream calls, no GraphQL.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { UpstreamFulfillmentCancellation, UpstreamFulfillmentOrder, UpstreamOrder } from '../../../src/upstream/types';
import { idOf } from '../shared/upstream-format';
import { assembleOrderPage, unaccountedFulfillmentOrders } from './order-page.assembler';
import { type RestUpstream, createRestUpstream } from './rest-upstream';

/** A running endpoint. */
export interface RestEndpoint {
  /** Base URL; the page is at `${url}/order-page?first=50`. */
  url: string;
  stop(): Promise<void>;
}

/** Settings of {@link startRestEndpoint}. */
export interface RestEndpointOptions {
  upstreamUrl: string;
  apiKey: string;
}

/** The cursor's object id, or undefined when it is not one of ours. */
function decodeCursor(cursor: string): string | undefined {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  return decoded.startsWith('v1:') && decoded.length > 3 ? decoded.slice(3) : undefined;
}

/**
 * Fetches one page: `GET /orders?limit=first`, then in parallel the
 * fulfillment orders and the cancellations of those orders
 * (`?upstreamIds=…&limit=100`, every page followed) — two dependent round
 * trips, plus one per extra page — and, as the gateway does, the cancellations
 * of each fulfillment order whose cancelled units those do not explain.
 */
export async function fetchOrderPage(upstream: RestUpstream, first: number, after: string | undefined): Promise<unknown> {
  const page = await upstream.page<UpstreamOrder>('orders', { limit: first, startingAfter: after });
  const ids = page.data.map((order) => idOf(order.id));
  const [fulfillmentOrders, cancellations] = ids.length === 0
    ? [[], []]
    : await Promise.all([
      upstream.all<UpstreamFulfillmentOrder>('fulfillment-orders', { upstreamIds: ids }),
      upstream.all<UpstreamFulfillmentCancellation>('fulfillment-cancellations', { upstreamIds: ids }),
    ]);
  const ownReads = await Promise.all(unaccountedFulfillmentOrders(fulfillmentOrders, cancellations).map(async (fulfillmentOrderId) =>
    [fulfillmentOrderId, await upstream.all<UpstreamFulfillmentCancellation>('fulfillment-cancellations', { fulfillmentOrderId })] as const));
  return assembleOrderPage({ orders: page.data, hasMore: page.hasMore, after, fulfillmentOrders, cancellations, cancellationsOfFulfillmentOrder: new Map(ownReads) });
}

/** Starts the endpoint on 127.0.0.1 and a free port. A bad `first` or `after` gets 400; an upstream failure 502. */
export async function startRestEndpoint(options: RestEndpointOptions): Promise<RestEndpoint> {
  const upstream = createRestUpstream({ baseUrl: options.upstreamUrl, apiKey: options.apiKey });
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://rest.local');
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      response.end(text);
    };
    if (url.pathname !== '/order-page' || request.method !== 'GET') {
      reply(404, { error: 'GET /order-page?first=N is the only route' });
      return;
    }
    const first = Number(url.searchParams.get('first') ?? '10');
    const afterCursor = url.searchParams.get('after');
    const after = afterCursor === null ? undefined : decodeCursor(afterCursor);
    if (!Number.isInteger(first) || first < 1 || first > 100 || (afterCursor !== null && after === undefined)) {
      reply(400, { error: '"first" must be 1-100 and "after" a cursor this endpoint returned' });
      return;
    }
    fetchOrderPage(upstream, first, after).then(
      (body) => reply(200, body),
      (error: unknown) => reply(502, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await upstream.close();
    },
  };
}
