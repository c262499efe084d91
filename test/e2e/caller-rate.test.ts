// The caller rate through the whole gateway: charges and refunds in extensions.cost, THROTTLED over HTTP, server-sent events and the WebSocket with the caller's bucket and no upstream call, admins exempt unless CALLER_COST_ADMINS=on.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

import { mintToken } from '../../src/auth/mint-token';
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';

/** 2 + 60 × 1 = 62 points; 300 seeded orders, so an admin's page always holds 60 and nothing is refunded. */
const SIXTY = '{ orders(first: 60) { nodes { id } } }';
/** A bucket of 100 that refills at 1 point per second: a test's few seconds barely move it. */
const ENV = { AUTH_JWT_SECRET: TEST_JWT_SECRET, QUERY_MAX_COST: '100', CALLER_COST_LIMIT: '100', CALLER_COST_PER_SECOND: '1', UPSTREAM_RATE_LIMIT: '0' };

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  maximumAvailable: number;
  depth: number;
  upstreamCalls: number;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}
type Orders = { orders: { nodes: Array<{ id: string }> } };

const costOf = (result: GraphQLResult<unknown>): Cost => result.extensions?.cost as Cost;

async function post(url: string, query: string, headers: Record<string, string>): Promise<GraphQLResult<Orders> & { status: number; retryAfter: string | null }> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { ...(await response.json() as GraphQLResult<Orders>), status: response.status, retryAfter: response.headers.get('retry-after') };
}

function openSocket(url: string, token: string): Client {
  return createClient({ url: `${url.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0, lazy: false });
}

/** Runs one operation over the socket: its single result, or the errors of an `error` message. */
function runOverSocket(client: Client, query: string): Promise<{ result?: GraphQLResult<unknown>; errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }> {
  return new Promise((resolve) => {
    let result: GraphQLResult<unknown> | undefined;
    client.subscribe({ query }, {
      next: (value) => { result = value as GraphQLResult<unknown>; },
      error: (errors) => resolve({ errors: errors as ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }> }),
      complete: () => resolve(result === undefined ? {} : { result }),
    });
  });
}

describe('caller rate, admins charged (CALLER_COST_ADMINS=on)', () => {
  let stack: Stack;
  let customerWithFewOrders: string;

  beforeAll(async () => {
    stack = await startStack({ ...ENV, CALLER_COST_ADMINS: 'on' });
    const orders = await simListAll<{ id: string; customerId?: string }>(stack.simulator, '/orders');
    const counts = new Map<string, number>();
    for (const order of orders) if (order.customerId !== undefined) counts.set(order.customerId, (counts.get(order.customerId) ?? 0) + 1);
    // The seed's customers hold 23 to 39 orders each: fewer than a page of 60.
    customerWithFewOrders = [...counts].sort(([, x], [, y]) => x - y)[0]![0];
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('charges the requested cost, refunds what the page did not hold, and reports both with the bucket in Shopify\'s names', async () => {
    const token = await customerToken(customerWithFewOrders);
    const first = await post(stack.url, SIXTY, bearer(token));
    const held = first.data!.orders.nodes.length;
    expect(held).toBeGreaterThanOrEqual(2);
    expect(held).toBeLessThan(60);
    expect(costOf(first)).toMatchObject({
      requestedQueryCost: 62,
      actualQueryCost: 2 + held,
      maximumAvailable: 100,
      depth: 3,
      // 62 charged, 60 − held given back; the moment since adds less than a point.
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 98 - held, restoreRate: 1 },
    });
  });

  it('refuses THROTTLED over HTTP with 429, Retry-After and the bucket once it is spent, before any upstream call', async () => {
    const headers = bearer(await adminToken());
    const spent = await post(stack.url, SIXTY, headers);
    expect(spent.status).toBe(200);
    expect(costOf(spent)).toMatchObject({ requestedQueryCost: 62, actualQueryCost: 62, throttleStatus: { currentlyAvailable: 38 } });
    const calls = stack.simulator.requestLog.entries().length;
    const refused = await post(stack.url, SIXTY, headers);
    expect(stack.simulator.requestLog.entries()).toHaveLength(calls);
    expect(refused.status).toBe(429);
    // 24 points short at 1 per second.
    expect(refused.retryAfter).toBe('24');
    expect(refused.data).toBeUndefined();
    expect(refused.errors).toEqual([{
      message: expect.stringMatching(/^Throttled: the operation costs 62 points and this caller has 38 of 100 left, restored at 1 per second; retry in 24 s/),
      extensions: expect.objectContaining({ code: 'THROTTLED', retryAfterSeconds: 24 }),
    }]);
    expect(costOf(refused)).toMatchObject({
      requestedQueryCost: 62,
      actualQueryCost: null,
      upstreamCalls: 0,
      throttleStatus: { maximumAvailable: 100, currentlyAvailable: 38, restoreRate: 1 },
    });
    // What the bucket still holds pays for a smaller query.
    const small = await post(stack.url, '{ orders(first: 30) { nodes { id } } }', headers);
    expect(small.status).toBe(200);
    expect(costOf(small).throttleStatus?.currentlyAvailable).toBe(6);
  });

  it('refuses THROTTLED over server-sent events with 429 and Retry-After before the stream opens', async () => {
    const headers = bearer(await mintToken(TEST_JWT_SECRET, { sub: 'ops-sse', role: 'admin' }));
    expect((await post(stack.url, SIXTY, headers)).status).toBe(200);
    const calls = stack.simulator.requestLog.entries().length;
    const response = await fetch(`${stack.url}/graphql/stream`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query: SIXTY }),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('24');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json() as GraphQLResult<unknown>;
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 24 });
    expect(stack.simulator.requestLog.entries()).toHaveLength(calls);
  });

  it('refuses THROTTLED over the WebSocket as an error for that operation only, with the bucket, and keeps the socket', async () => {
    // A customer with no orders: every page comes back empty and is refunded but for its 2 points.
    const client = openSocket(stack.url, await customerToken('ws-caller'));
    try {
      // order 1 + orders(2 + 90) = 93 requested; 1 + 2 actual; 100 − 93 + 90 = 97 left.
      const first = await runOverSocket(client, '{ order(id: "none") { id } a: orders(first: 90) { nodes { id } } }');
      expect(first.result?.extensions?.cost).toMatchObject({ requestedQueryCost: 93, actualQueryCost: 3, throttleStatus: { currentlyAvailable: 97 } });
      // 9 orders at 3 points no page gives back, and a page of 68: 27 + 70 = 97 requested, 29 actual.
      const costly = `{ ${Array.from({ length: 9 }, (_, index) => `o${index}: order(id: "x${index}") { id fulfillmentOrders { id items { id } } }`).join(' ')} b: orders(first: 68) { nodes { id } } }`;
      const second = await runOverSocket(client, costly);
      expect(second.result?.extensions?.cost).toMatchObject({ requestedQueryCost: 97, actualQueryCost: 29 });
      // 97 − 97 + 68, and the bucket's refill (1 point a second) may have added one since the start.
      expect(near(((second.result?.extensions?.cost) as Cost).throttleStatus!.currentlyAvailable, 68)).toBe(true);
      const calls = stack.simulator.requestLog.entries().length;
      const third = await runOverSocket(client, costly);
      expect(stack.simulator.requestLog.entries()).toHaveLength(calls);
      expect(third.result).toBeUndefined();
      expect(third.errors).toHaveLength(1);
      const [refusal] = third.errors!;
      expect(refusal!.message).toMatch(/^Throttled: the operation costs 97 points and this caller has 6[89] of 100 left, restored at 1 per second; retry in 29 s/);
      expect(refusal!.extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 29, cost: { requestedQueryCost: 97, throttleStatus: { maximumAvailable: 100, restoreRate: 1 } } });
      // Same socket, next operation: served from what is left.
      const after = await runOverSocket(client, '{ order(id: "none") { id } }');
      expect(near(((after.result?.extensions?.cost) as Cost).throttleStatus!.currentlyAvailable, 67)).toBe(true);
    } finally {
      await client.dispose();
    }
  });
});

/** `value` is `expected`, or one more: a bucket refilling at 1 point per second may have gained one during the test. */
function near(value: number, expected: number): boolean {
  return value === expected || value === expected + 1;
}

describe('caller rate, admins exempt (the default)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(ENV);
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('never charges an admin, and says nothing of a bucket', async () => {
    const headers = bearer(await adminToken());
    for (let index = 0; index < 4; index += 1) {
      const result = await post(stack.url, SIXTY, headers);
      expect(result.status).toBe(200);
      expect(costOf(result)).toMatchObject({ requestedQueryCost: 62, actualQueryCost: 62 });
      expect(costOf(result)).not.toHaveProperty('throttleStatus');
    }
  });

  it('charges customers, each from a bucket of their own', async () => {
    for (const customerId of ['nobody-1', 'nobody-2']) {
      const headers = bearer(await customerToken(customerId));
      const first = await executeText(stack.url, '{ order(id: "none") { id } }', {}, headers);
      expect(costOf(first)).toMatchObject({ requestedQueryCost: 1, throttleStatus: { maximumAvailable: 100, currentlyAvailable: 99, restoreRate: 1 } });
    }
  });
});
