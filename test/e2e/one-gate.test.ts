// Every guarantee of the admission holds on every transport: the attacks that once passed over the WebSocket are refused there exactly as over HTTP.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Client } from 'graphql-ws';

import { mintToken } from '../../src/auth/mint-token';
import { sha256 } from '../../src/graphql/allowlist';
import { executeText } from '../helpers/graphql-client';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { type WsResult, collect, eventually, openClient, wsExecute } from '../helpers/ws-client';

const WEBHOOK_SECRET = 'whsec_one_gate';

interface RawOrder { id: string; customerId?: string }

/** Runs `query` over HTTP and over the WebSocket and returns both answers, each with the upstream calls it caused. */
type Both = { http: { status: number; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; data?: unknown }; ws: WsResult<unknown> };

function deepQuery(levels: number): string {
  let selection = 'id';
  for (let level = 0; level < levels; level += 1) selection = level % 2 === 0 ? `order { ${selection} }` : `fulfillmentOrders { ${selection} }`;
  return `{ fulfillmentOrder(id: "1") { ${selection} } }`;
}

function fragmentChain(levels: number): string {
  const parts = ['query Chain { ...F0 }'];
  for (let level = 0; level < levels; level += 1) parts.push(`fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`);
  parts.push(`fragment F${levels} on Query { orders(first: 1) { nodes { id } } }`);
  return parts.join('\n');
}

const ATTACKS: Array<{ name: string; query: string; code: string; message: RegExp }> = [
  { name: 'introspection in production', query: '{ __schema { types { name } } }', code: 'BAD_USER_INPUT', message: /introspection has been disabled/ },
  { name: 'a 42-level query', query: deepQuery(42), code: 'QUERY_TOO_COMPLEX', message: /levels deep; at most 10/ },
  {
    name: '60 aliases of orders(first: 100)',
    query: `{ ${Array.from({ length: 60 }, (_, index) => `a${index}: orders(first: 100) { nodes { id } }`).join(' ')} }`,
    code: 'QUERY_TOO_COMPLEX',
    message: /60 aliases; at most 20/,
  },
  {
    name: 'a cost-13,010 query',
    query: '{ orders(first: 100) { nodes { id fulfillments { id } charges { captures { fulfillment { id order { id } } } } fulfillmentOrders { items { orderItem { id } } } } } }',
    code: 'QUERY_TOO_COMPLEX',
    message: /the query costs \d+; at most 3000/,
  },
  { name: 'a 24-level fragment chain (1 KB, 2^24 fields expanded)', query: fragmentChain(24), code: 'QUERY_TOO_COMPLEX', message: /fields with its fragments expanded/ },
  { name: 'over 10,000 nodes', query: `{ ${Array.from({ length: 120 }, () => 'orders { nodes { id } }').join(' ')} ${'__typename '.repeat(10_000)} }`, code: 'QUERY_TOO_COMPLEX', message: /bytes; at most|fields with its fragments expanded|times in one selection set/ },
  { name: 'a syntax error', query: '{ orders(first: 1) { nodes { id }', code: 'BAD_USER_INPUT', message: /Syntax Error/ },
  { name: 'an unknown field', query: '{ orders(first: 1) { nodes { secret } } }', code: 'BAD_USER_INPUT', message: /Cannot query field "secret"/ },
  { name: 'a 5,000-character ID', query: `{ order(id: "${'9'.repeat(5_000)}") { id } }`, code: 'BAD_USER_INPUT', message: /at most 128 are allowed/ },
];

describe('one gate for every transport', () => {
  let stack: Stack;
  let customerHeaders: Record<string, string>;
  let customerAuth: string;
  let socket: Client;
  let mine: RawOrder;

  beforeAll(async () => {
    stack = await startStack({ NODE_ENV: 'production', AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    mine = orders.find((order) => order.customerId !== undefined)!;
    customerAuth = `Bearer ${await customerToken(mine.customerId!)}`;
    customerHeaders = { authorization: customerAuth };
    socket = openClient(stack.url, { authorization: customerAuth });
  });

  afterAll(async () => {
    await socket.dispose();
    await stack.stop();
  });

  beforeEach(() => stack.simulator.requestLog.clear());

  const both = async (query: string, variables: Record<string, unknown> = {}): Promise<Both> => ({
    http: await executeText(stack.url, query, variables, customerHeaders),
    ws: await wsExecute(socket, query, variables),
  });

  describe.each(ATTACKS)('refuses $name', ({ query, code, message }) => {
    it('over HTTP and the WebSocket alike, with its code, before any upstream call', async () => {
      const { http, ws } = await both(query);
      expect(http.status).toBeGreaterThanOrEqual(400);
      expect(http.status).toBeLessThan(500);
      expect(http.data ?? undefined).toBeUndefined();
      expect(http.errors?.[0]?.extensions?.code).toBe(code);
      expect(http.errors?.[0]?.message).toMatch(message);
      expect(ws.refused).toBe(true);
      expect(ws.errors?.[0]?.extensions?.code).toBe(code);
      expect(ws.errors?.[0]?.message).toMatch(message);
      expect(stack.simulator.requestLog.entries()).toEqual([]);
    });
  });

  it('keeps the socket and its other subscriptions open after refusals', async () => {
    const live = collect<{ orderUpdated: { eventId: string } }>(socket, `subscription { orderUpdated(id: "${mine.id}") { eventId } }`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const attack of ATTACKS) expect((await wsExecute(socket, attack.query)).refused).toBe(true);
    const event = cancellationEvent({ id: 'ret_one_gate', fulfillmentOrderId: '1', upstreamId: mine.id, state: 'pending' }, 'fulfillment_cancellation.created');
    expect(await sendEvent(stack.url, event, [WEBHOOK_SECRET])).toBe(202);
    await live.waitFor(1);
    expect(live.results[0]?.errors).toBeUndefined();
    live.unsubscribe();
  });

  it('refuses a subscription sent over plain HTTP as the client\'s mistake', async () => {
    const http = await executeText(stack.url, 'subscription { orderUpdated(id: "1") { eventId } }', {}, customerHeaders);
    expect(http.status).toBe(400);
    expect(http.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(http.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('refuses a persisted-query hash that does not match its query as the client\'s mistake', async () => {
    const response = await fetch(`${stack.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...customerHeaders },
      body: JSON.stringify({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ something else }') } } }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('admits a 24-level fragment chain in milliseconds while /healthz stays responsive', async () => {
    const started = performance.now();
    const health = (async () => {
      const before = performance.now();
      await fetch(`${stack.url}/healthz`);
      return performance.now() - before;
    })();
    const answers = await Promise.all(Array.from({ length: 20 }, () => executeText(stack.url, fragmentChain(24), {}, customerHeaders)));
    const elapsed = performance.now() - started;
    expect(answers.every((answer) => answer.errors?.[0]?.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
    // Before the linear walk, one such request held the event loop for 3–7 s.
    expect(elapsed).toBeLessThan(2_000);
    expect(await health).toBeLessThan(1_000);
  });
});

describe('queries and mutations over the WebSocket', () => {
  let stack: Stack;
  let mine: RawOrder;
  let theirs: RawOrder;
  let socket: Client;

  beforeAll(async () => {
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET, WS_MAX_SUBSCRIPTIONS: '3', WS_MAX_CONNECTIONS_PER_CALLER: '2' });
    const orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    mine = orders.find((order) => order.customerId !== undefined)!;
    theirs = orders.find((order) => order.customerId !== undefined && order.customerId !== mine.customerId)!;
    socket = openClient(stack.url, { authorization: `Bearer ${await customerToken(mine.customerId!)}` });
  });

  afterAll(async () => {
    await socket.dispose();
    await stack.stop();
  });

  beforeEach(() => stack.simulator.requestLog.clear());

  it('scopes queries exactly as HTTP does: another customer\'s order reads like a missing one', async () => {
    const own = await wsExecute<{ order: { id: string } }>(socket, 'query Own($id: ID!) { order(id: $id) { id } }', { id: mine.id });
    expect(own.data?.order.id).toBe(mine.id);
    expect(own.extensions?.cost).toMatchObject({ upstreamCalls: stack.simulator.requestLog.entries().length });
    const foreign = await wsExecute(socket, 'query Foreign($id: ID!) { order(id: $id) { id } }', { id: theirs.id });
    const missing = await wsExecute(socket, 'query Foreign($id: ID!) { order(id: $id) { id } }', { id: '999999999999' });
    expect(foreign.data).toEqual({ order: null });
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.message.replace(theirs.id, 'X')).toBe(missing.errors?.[0]?.message.replace('999999999999', 'X'));
  });

  it('runs mutations with the same idempotency as HTTP: one key, one upstream write', async () => {
    const orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    const fulfillmentOrders = await simListAll<{ id: string | number; upstreamId?: string; items?: Array<{ id: string | number; pending?: number; backordered?: number }> }>(stack.simulator, '/fulfillment-orders');
    const candidates = fulfillmentOrders.flatMap((fo) => (fo.items ?? []).map((item) => ({ fo, item, owner: orders.find((order) => order.id === String(fo.upstreamId))?.customerId })))
      .filter(({ item, owner }) => owner !== undefined && (item.pending ?? 0) + (item.backordered ?? 0) > 0);
    const admin = bearer(await adminToken());
    let target: (typeof candidates)[number] | undefined;
    for (const candidate of candidates) {
      const read = await executeText<{ fulfillmentOrder: { items: Array<{ id: string; cancellableQuantity: number }> } }>(stack.url,
        'query Cancellable($id: ID!) { fulfillmentOrder(id: $id) { items { id cancellableQuantity } } }', { id: String(candidate.fo.id) }, admin);
      if (read.data?.fulfillmentOrder.items.some((item) => item.id === String(candidate.item.id) && item.cancellableQuantity > 0)) {
        target = candidate;
        break;
      }
    }
    expect(target).toBeDefined();
    const authorization = `Bearer ${await customerToken(target!.owner!)}`;
    const client = openClient(stack.url, { authorization });
    const mutation = 'mutation Cancel($input: CreateFulfillmentCancellationInput!) { createFulfillmentCancellation(input: $input) { fulfillmentCancellation { id } userErrors { code message } } }';
    const input = { fulfillmentOrderId: String(target!.fo.id), idempotencyKey: 'ws-once-1', items: [{ fulfillmentOrderItemId: String(target!.item.id), quantity: 1 }] };
    type Payload = { createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null; userErrors: unknown[] } };
    stack.simulator.requestLog.clear();
    const first = await wsExecute<Payload>(client, mutation, { input });
    const again = await executeText<Payload>(stack.url, mutation, { input }, { authorization });
    await client.dispose();
    expect(first.data?.createFulfillmentCancellation.userErrors).toEqual([]);
    expect(first.data?.createFulfillmentCancellation.fulfillmentCancellation?.id).toBeDefined();
    expect(again.data?.createFulfillmentCancellation.fulfillmentCancellation?.id).toBe(first.data?.createFulfillmentCancellation.fulfillmentCancellation?.id);
    expect(stack.simulator.requestLog.entries().filter((entry) => entry.method === 'POST')).toHaveLength(1);
  });

  it('logs and counts WebSocket operations like HTTP ones', async () => {
    await wsExecute(socket, 'query LoggedOverSocket { __typename }');
    await eventually(() => stack.logs.some((line) => line.msg === 'graphql operation' && line.operation === 'LoggedOverSocket' && line.transport === 'websocket'));
    const metrics = await (await fetch(`${stack.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_graphql_operations_total\{operation="LoggedOverSocket",type="query",outcome="ok",transport="websocket"\} 1/);
  });

  it('refuses one subscription past WS_MAX_SUBSCRIPTIONS and keeps the others', async () => {
    const subscriptions = Array.from({ length: 4 }, () => collect(socket, `subscription { orderUpdated(id: "${mine.id}") { eventId } }`));
    await subscriptions[3]!.waitFor(1);
    expect(subscriptions[3]!.results[0]?.errors?.[0]?.message).toMatch(/at most 3 are allowed/);
    await eventually(() => stack.gateway.openSubscriptions() === 3, 5_000, 'three open subscriptions');
    for (const subscription of subscriptions) subscription.unsubscribe();
    await eventually(() => stack.gateway.openSubscriptions() === 0, 5_000, 'subscriptions closed');
  });

  it('closes a caller\'s connection past WS_MAX_CONNECTIONS_PER_CALLER with 4429', async () => {
    const authorization = `Bearer ${await customerToken(theirs.customerId!)}`;
    const first = openClient(stack.url, { authorization });
    const second = openClient(stack.url, { authorization });
    expect((await wsExecute(first, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect((await wsExecute(second, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    const third = openClient(stack.url, { authorization });
    await expect(wsExecute(third, '{ __typename }')).rejects.toThrow(/4429|at most 2 connections/);
    await Promise.all([first.dispose(), second.dispose(), third.dispose()]);
  });

  it('keeps a socket open for a token valid for more than 24.8 days', async () => {
    const longLived = await mintToken(TEST_JWT_SECRET, { sub: 'ops-long', role: 'admin' }, Math.floor(Date.now() / 1000) + 30 * 86_400);
    const client = openClient(stack.url, { authorization: `Bearer ${longLived}` });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await wsExecute(client, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    await client.dispose();
  });
});

describe('metric labels', () => {
  it('label operation names as sent for the first 200, the rest as other', async () => {
    const stack = await startStack();
    try {
      for (let index = 0; index < 600; index += 1) {
        const response = await fetch(`${stack.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query Made${index} { __typename }` }),
        });
        await response.arrayBuffer();
      }
      const metrics = await (await fetch(`${stack.url}/metrics`)).text();
      const names = new Set([...metrics.matchAll(/gateway_graphql_operations_total\{operation="([^"]+)"/g)].map((match) => match[1]));
      expect(names.size).toBe(201);
      expect(names.has('other')).toBe(true);
      expect(metrics).toMatch(/gateway_graphql_operations_total\{operation="other",type="query",outcome="ok",transport="http"\} 400/);
      // Before: every name its own series (22 MB, 75k series after 5,000 names).
      expect(Buffer.byteLength(metrics)).toBeLessThan(400_000);
    } finally {
      await stack.stop();
    }
  }, 60_000);
});
