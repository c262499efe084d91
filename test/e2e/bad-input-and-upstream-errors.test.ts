// Bad arguments are refused before any upstream call; upstream failures fail only the fields that depend on them.
import { OrderPageDocument } from '../generated/graphql';
import { execute, executeText } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';

describe('bad input', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(() => stack.simulator.requestLog.clear());

  it.each([
    [{ first: 0 }, '"first" must be between 1 and 100, got 0'],
    [{ first: 101 }, '"first" must be between 1 and 100, got 101'],
    [{ first: 10, after: 'not-a-cursor!' }, '"after" must be a cursor returned by this API (pageInfo.endCursor), got "not-a-cursor!"'],
    [{ first: 10, after: Buffer.from('v2:x').toString('base64url') }, `"after" must be a cursor returned by this API (pageInfo.endCursor), got "${Buffer.from('v2:x').toString('base64url')}"`],
    [{ first: 10, filter: { state: 'UNKNOWN' as const } }, '"filter.state" cannot be UNKNOWN'],
    [{ first: 10, filter: { ids: Array.from({ length: 101 }, (_, i) => String(i)) } }, '"filter.ids" accepts at most 100 ids, got 101'],
    [{ first: 10, filter: { customerId: 'c', upstreamIds: [''] } }, '"filter.upstreamIds" must not contain empty ids'],
  ])('refuses %j with BAD_USER_INPUT and no upstream call', async (variables, message) => {
    const result = await execute(stack.url, OrderPageDocument, variables);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT' } });
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  });

  it('refuses a variable of the wrong type and an unknown field with BAD_USER_INPUT', async () => {
    const wrongType = await executeText(stack.url, 'query($first: Int!) { orders(first: $first) { nodes { id } } }', { first: 'ten' });
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknownField = await executeText(stack.url, '{ orders { nodes { clientSecret } } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(stack.simulator.requestLog.entries()).toEqual([]);
  });

  it('answers 413 to a body over 1 MiB and 404 to unknown routes', async () => {
    const big = await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }${' '.repeat(1024 * 1024)}` }) });
    expect(big.status).toBe(413);
    const missing = await fetch(`${stack.url}/nope`);
    expect(missing.status).toBe(404);
    const health = await fetch(`${stack.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});

describe('upstream errors', () => {
  let stack: Stack;
  let orderId: string;
  let chargeId: string;

  beforeAll(async () => {
    // Faults act on upstream calls: the shared cache is off, so each test's reads reach upstream.
    stack = await startStack({ UPSTREAM_TIMEOUT_MS: '300', CACHE_TTL_SECONDS: '0' });
    const orders = await simListAll<{ id: string; payment?: { charges?: Array<{ id: string }> } }>(stack.simulator, '/orders');
    const withCharge = orders.find((order) => (order.payment?.charges?.length ?? 0) > 0)!;
    orderId = withCharge.id;
    chargeId = withCharge.payment!.charges![0]!.id;
  });

  afterAll(async () => {
    await stack.stop();
  });

  afterEach(() => stack.simulator.faults.clear());

  const query = `query($order: ID!, $charge: ID!) {
    order(id: $order) { id fulfillmentOrders { id } }
    charge(id: $charge) { id amount }
  }`;

  it('fails only the field whose upstream call failed, keeping upstream type and errors', async () => {
    stack.simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-orders', status: 503, times: 0 });
    const result = await executeText<{ order: { id: string; fulfillmentOrders: unknown } | null; charge: { id: string } }>(stack.url, query, { order: orderId, charge: chargeId });
    // The relation is nullable: the order itself still answers.
    expect(result.data?.order).toEqual({ id: orderId, fulfillmentOrders: null });
    expect(result.data?.charge?.id).toBe(chargeId);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({
      path: ['order', 'fulfillmentOrders'],
      extensions: { code: 'UPSTREAM_ERROR', upstream: { status: 503, type: 'service_unavailable' } },
    });
    const upstream = result.errors?.[0]?.extensions?.upstream as { errors: Array<{ code?: string }> };
    expect(upstream.errors[0]?.code).toBeDefined();
  });

  it('maps a missing charge to NOT_FOUND and keeps the order', async () => {
    const result = await executeText<{ order: { id: string }; charge: unknown }>(stack.url, query, { order: orderId, charge: 'no-such-charge' });
    expect(result.data?.order?.id).toBe(orderId);
    expect(result.data?.charge).toBeNull();
    expect(result.errors?.[0]).toMatchObject({ path: ['charge'], extensions: { code: 'NOT_FOUND' } });
  });

  it('maps 429 to UPSTREAM_RATE_LIMITED with Retry-After', async () => {
    stack.simulator.faults.add({ method: 'GET', pathPrefix: '/orders', status: 429, retryAfterSeconds: 30, times: 0 });
    const result = await executeText(stack.url, query, { order: orderId, charge: 'no-such-charge' });
    const orderError = result.errors?.find((error) => error.path?.[0] === 'order');
    expect(orderError?.extensions).toMatchObject({ code: 'UPSTREAM_RATE_LIMITED', retryAfterSeconds: 30 });
  });

  it('maps a slow upstream to UPSTREAM_TIMEOUT', async () => {
    stack.simulator.faults.add({ method: 'GET', pathPrefix: '/orders', status: 200, delayMs: 1000, times: 0 });
    const started = Date.now();
    const result = await executeText(stack.url, query, { order: orderId, charge: chargeId });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.errors?.find((error) => error.path?.[0] === 'order')?.extensions?.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('maps a 500 to UPSTREAM_ERROR with the upstream type', async () => {
    stack.simulator.faults.add({ method: 'GET', pathPrefix: '/charges', status: 500, times: 0 });
    const result = await executeText(stack.url, query, { order: orderId, charge: 'x-unprimed' });
    expect(result.errors?.find((error) => error.path?.[0] === 'charge')?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR', upstream: { status: 500, type: 'internal_server_error' },
    });
  });
});
