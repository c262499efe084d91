// The simulator's test controls: request log, fault injection, latency and rate limit.

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { HttpError } from '../../src/simulator/errors';
import { parseJsonBody } from '../../src/simulator/request-body';
import type { RequestLogEntry } from '../../src/simulator/request-log';
import { call } from './sim-client';

let sim: Simulator;

beforeAll(async () => {
  sim = await createSimulator({ port: 0, orderCount: 30 });
});

afterAll(async () => {
  await sim.stop();
});

afterEach(() => {
  sim.faults.clear();
  sim.requestLog.clear();
});

describe('Request log', () => {
  it('records method, path, query, status, upstream-id and headers without authorization', async () => {
    const orderId = sim.store.orders.sorted()[0]?.id as string;
    await call(sim, `/orders?ids=${orderId}&ids[]=x&limit=5`, { headers: { 'upstream-id': 'gql-req-1', 'upstream-application-id': 'gateway/0.1.0' } });
    await call(sim, '/orders/unknown', { headers: { 'upstream-id': 'gql-req-2' } });
    const entries = sim.requestLog.entries();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      method: 'GET',
      path: '/orders',
      query: { ids: [orderId], 'ids[]': ['x'], limit: ['5'] },
      status: 200,
      upstreamId: 'gql-req-1',
      headers: expect.objectContaining({ 'upstream-application-id': 'gateway/0.1.0' }),
    });
    expect(entries[0]?.headers).not.toHaveProperty('authorization');
    expect(entries[0]?.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(entries[1]).toMatchObject({ path: '/orders/unknown', status: 404, upstreamId: 'gql-req-2' });
  });

  it('serves and clears the log over HTTP without logging the control calls', async () => {
    await call(sim, '/orders?limit=1');
    const logged = await call(sim, '/__sim/requests', { auth: false });
    expect(logged.status).toBe(200);
    expect((logged.body as RequestLogEntry[]).map((e) => e.path)).toEqual(['/orders']);
    expect((await call(sim, '/__sim/requests', { method: 'DELETE', auth: false })).status).toBe(204);
    expect(sim.requestLog.entries()).toEqual([]);
  });

  it('logs rejected (401) calls too', async () => {
    await call(sim, '/orders', { auth: false });
    expect(sim.requestLog.entries().map((e) => e.status)).toEqual([401]);
  });
});

describe('Faults', () => {
  it('answers 503 once, then serves normally', async () => {
    sim.faults.add({ pathPrefix: '/orders', status: 503 });
    const failed = await call(sim, '/orders?limit=1');
    expect(failed.status).toBe(503);
    expect(failed.body).toEqual({ type: 'service_unavailable', errors: [{ code: 'service_unavailable', message: expect.any(String) }] });
    expect(failed.headers.get('x-dr-requestid')).toBeTruthy();
    expect((await call(sim, '/orders?limit=1')).status).toBe(200);
    expect(sim.requestLog.entries().map((e) => e.status)).toEqual([503, 200]);
  });

  it('answers 429 with Retry-After, matching method and prefix, until cleared with times 0', async () => {
    sim.faults.add({ method: 'get', pathPrefix: '/fulfillment-orders', status: 429, times: 0, retryAfterSeconds: 7 });
    for (let i = 0; i < 3; i += 1) {
      const res = await call(sim, '/fulfillment-orders?limit=1');
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.body).toMatchObject({ type: 'too_many_requests' });
    }
    expect((await call(sim, '/fulfillments?limit=1')).status).toBe(200);
    sim.faults.clear();
    expect((await call(sim, '/fulfillment-orders?limit=1')).status).toBe(200);
  });

  it('answers 500 internal_server_error, and a custom body when given', async () => {
    sim.faults.add({ pathPrefix: '/charges', status: 500 });
    sim.faults.add({ pathPrefix: '/charges', status: 401, body: { message: 'Unauthorized' } });
    const first = await call(sim, '/charges/x');
    expect(first.status).toBe(500);
    expect(first.body).toMatchObject({ type: 'internal_server_error', errors: [{ code: 'internal_error' }] });
    const second = await call(sim, '/charges/x');
    expect(second).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
  });

  it('only delays when given delayMs without an error status', async () => {
    sim.faults.add({ pathPrefix: '/orders', delayMs: 250 });
    const started = Date.now();
    const res = await call(sim, '/orders?limit=1');
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    sim.faults.add({ pathPrefix: '/orders', status: 200, delayMs: 100 });
    expect((await call(sim, '/orders?limit=1')).status).toBe(200);
  });

  it('lets a client time out on a delayed answer', async () => {
    sim.faults.add({ pathPrefix: '/orders', delayMs: 2_000 });
    await expect(fetch(`${sim.url}/orders`, { headers: { authorization: 'Bearer sk_test_simulator' }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
  });

  it('arms, lists and clears faults over HTTP, refusing invalid ones', async () => {
    const armed = await call(sim, '/__sim/faults', { method: 'POST', auth: false, body: JSON.stringify({ pathPrefix: '/sources', status: 502, times: 2 }), headers: { 'content-type': 'application/json' } });
    expect(armed.status).toBe(201);
    expect(armed.body).toMatchObject({ pathPrefix: '/sources', status: 502, remaining: 2 });
    expect((await call(sim, '/sources/x')).status).toBe(502);
    expect((await call(sim, '/__sim/faults', { auth: false })).body).toEqual([expect.objectContaining({ remaining: 1 })]);
    expect((await call(sim, '/__sim/faults', { method: 'DELETE', auth: false })).status).toBe(204);
    expect((await call(sim, '/sources/x')).status).toBe(404);
    const invalid = await call(sim, '/__sim/faults', { method: 'POST', auth: false, body: JSON.stringify({ pathPrefix: 'orders', status: 503 }) });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'fault' }] });
  });
});

describe('Options', () => {
  it('adds latencyMs to every answer', async () => {
    const slow = await createSimulator({ port: 0, orderCount: 5, latencyMs: 120 });
    try {
      const started = Date.now();
      expect((await call(slow, '/orders?limit=1')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    } finally {
      await slow.stop();
    }
  });

  it('rate-limits per key with 429 and Retry-After: 1', async () => {
    const limited = await createSimulator({ port: 0, orderCount: 5, rateLimitPerSecond: 5 });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      // 15 calls in far less than the 2 s it would take to refill 10 tokens.
      for (let i = 0; i < 15; i += 1) {
        const res = await call(limited, '/orders?limit=1');
        statuses.push(res.status);
        if (res.status === 429) retryAfter = res.headers.get('retry-after');
      }
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(statuses).toContain(429);
      expect(retryAfter).toBe('1');
    } finally {
      await limited.stop();
    }
  });

  it('renders every cancellation createdTime in the Java form with javaDates', async () => {
    const java = await createSimulator({ port: 0, orderCount: 40, javaDates: true });
    try {
      const page = (await call(java, '/fulfillment-cancellations?limit=100')).body as { data: { createdTime: unknown }[] };
      expect(page.data.length).toBeGreaterThan(0);
      for (const c of page.data) expect(c.createdTime).toMatchObject({ offset: { id: 'Z' }, dayOfWeek: expect.any(String) });
    } finally {
      await java.stop();
    }
  });

  it('accepts a custom API key', async () => {
    const custom = await createSimulator({ port: 0, orderCount: 1, apiKey: 'sk_test_other' });
    try {
      expect((await call(custom, '/orders')).status).toBe(401);
      expect((await call(custom, '/orders', { auth: 'sk_test_other' })).status).toBe(200);
    } finally {
      await custom.stop();
    }
  });
});

describe('Bodies', () => {
  it('reads JSON under application/json, text/plain (§14 #10) and no content type', () => {
    const raw = Buffer.from('{"orderId":"240011220336","items":[{"itemId":"1","quantity":"2"}]}');
    for (const type of ['application/json', 'application/json; charset=utf-8', 'text/plain', undefined]) {
      expect(parseJsonBody(raw, type)).toEqual({ orderId: '240011220336', items: [{ itemId: '1', quantity: '2' }] });
    }
    expect(parseJsonBody(Buffer.alloc(0), 'application/json')).toBeUndefined();
  });

  it('refuses a body that is not JSON or another content type with 400', () => {
    expect(() => parseJsonBody(Buffer.from('{oops'), 'text/plain')).toThrow(HttpError);
    try {
      parseJsonBody(Buffer.from('a=1'), 'application/x-www-form-urlencoded');
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(HttpError);
      expect((error as HttpError).status).toBe(400);
      expect((error as HttpError).body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_request' }] });
    }
  });
});
