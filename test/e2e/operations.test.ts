// Observability and operations: secrets never logged or returned, /metrics, /healthz and /readyz, persisted queries, production mode, graceful shutdown.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import WebSocket from 'ws';

import { OrderPageDocument } from '../generated/graphql';
import { execute, executeText } from '../helpers/graphql-client';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simGet, simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { collect, openClient } from '../helpers/ws-client';

const API_KEY = 'sk_test_secret_key_for_log_test_123';
const WEBHOOK_SECRET = 'whsec_secret_for_log_test_456';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('secrets', () => {
  it('never appear in a log line or a response', async () => {
    const stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET, LOG_LEVEL: 'trace' }, { apiKey: API_KEY });
    try {
      const admin = await adminToken();
      const orders = await simListAll<{ id: string; customerId?: string; payment?: { sources?: Array<{ id: string }> } }>(stack.simulator, '/orders', API_KEY);
      const withSource = orders.find((order) => (order.payment?.sources?.length ?? 0) > 0)!;
      const source = await simGet<{ clientSecret: string }>(stack.simulator, `/sources/${withSource.payment!.sources![0]!.id}`, API_KEY);
      const customer = await customerToken(withSource.customerId ?? 'nobody');
      const bodies: string[] = [];
      for (const headers of [bearer(admin), bearer(customer), { authorization: `Bearer ${admin}x` }]) {
        const response = await fetch(`${stack.url}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: 'query($id: ID!) { source(id: $id) { id type state } order(id: "x") { id } }', variables: { id: withSource.payment!.sources![0]!.id } }),
        });
        bodies.push(await response.text());
      }
      // An upstream failure and a refused webhook also log.
      stack.simulator.faults.add({ pathPrefix: '/orders', status: 500, times: 0 });
      bodies.push(JSON.stringify(await executeText(stack.url, '{ orders(first: 1) { nodes { id } } }', {}, bearer(admin))));
      await sendEvent(stack.url, cancellationEvent({ id: 'ret_x', fulfillmentOrderId: '1', state: 'pending' }, 'fulfillment_cancellation.created'), ['wrong-secret']);
      const logText = JSON.stringify(stack.logs);
      expect(stack.logs.length).toBeGreaterThan(5);
      for (const secret of [API_KEY, WEBHOOK_SECRET, TEST_JWT_SECRET, admin, customer, source.clientSecret]) {
        expect(logText).not.toContain(secret);
        for (const body of bodies) expect(body).not.toContain(secret);
      }
      expect(bodies[0]).toContain(withSource.payment!.sources![0]!.id);
    } finally {
      await stack.stop();
    }
  });
});

describe('metrics, health and readiness', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ DR_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('exports operations, latency, upstream calls, batch sizes, webhook events and open subscriptions', async () => {
    await execute(stack.url, OrderPageDocument, { first: 5 });
    await executeText(stack.url, '{ orders(first: 0) { nodes { id } } }');
    await sendEvent(stack.url, cancellationEvent({ id: 'ret_metrics', fulfillmentOrderId: '1', upstreamId: '1', state: 'pending' }, 'fulfillment_cancellation.created'), [WEBHOOK_SECRET]);
    const client = openClient(stack.url);
    collect(client, 'subscription { orderUpdated(id: "1") { eventId } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const text = await (await fetch(`${stack.url}/metrics`)).text();
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="OrderPage",type="query",outcome="ok",transport="http"\} 1/);
    expect(text).toMatch(/gateway_graphql_operations_total\{operation="anonymous",type="query",outcome="error",transport="http"\} 1/);
    expect(text).toMatch(/gateway_graphql_operation_duration_seconds_count\{operation="OrderPage",type="query"\} 1/);
    expect(text).toMatch(/gateway_upstream_calls_total\{endpoint="GET orders",status="200"\} \d+/);
    expect(text).toMatch(/gateway_upstream_call_duration_seconds_bucket\{le="0.1",endpoint="GET fulfillment-orders"\} \d+/);
    expect(text).toMatch(/gateway_dataloader_batch_size_sum\{loader="fulfillmentOrders.byOrderId"\} 5/);
    expect(text).toMatch(/gateway_webhook_events_total\{type="fulfillment_cancellation.created",outcome="accepted"\} 1/);
    expect(text).toMatch(/gateway_subscriptions_open 1/);
    expect(text).toMatch(/gateway_process_resident_memory_bytes \d+/);
    await client.dispose();
  });

  it('answers /healthz always and /readyz only while the upstream answers', async () => {
    expect((await fetch(`${stack.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${stack.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { upstream: { ok: true } } });
  });

  it('answers /readyz 503 when the upstream fails', async () => {
    const broken = await startStack();
    broken.simulator.faults.add({ pathPrefix: '/orders', status: 503, times: 0 });
    const response = await fetch(`${broken.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'not ready', checks: { upstream: { ok: false } } });
    await broken.stop();
  });
});

describe('persisted queries', () => {
  const query = '{ orders(first: 1) { nodes { id } } }';
  const apq = (hash: string, withQuery: boolean) => ({ ...(withQuery ? { query } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
  const post = async (url: string, body: unknown) => {
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };

  it('registers and serves automatic persisted queries by hash', async () => {
    const stack = await startStack();
    try {
      const first = await post(stack.url, apq(sha256(query), false));
      expect(first.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      expect((await post(stack.url, apq(sha256(query), true))).body.data).toBeDefined();
      const byHash = await post(stack.url, apq(sha256(query), false));
      expect(byHash.body.errors).toBeUndefined();
      expect(byHash.body.data).toEqual({ orders: { nodes: [expect.objectContaining({ id: expect.any(String) })] } });
    } finally {
      await stack.stop();
    }
  });

  it('runs only allowlisted operations in allowlist mode', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'allowlist-'));
    const manifest = join(directory, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(query), name: 'One', type: 'query', body: query }] }));
    const stack = await startStack({ PERSISTED_QUERIES_ALLOWLIST: manifest });
    try {
      stack.simulator.requestLog.clear();
      const other = await post(stack.url, { query: '{ orders(first: 2) { nodes { id } } }' });
      expect(other.status).toBe(403);
      expect(other.body.errors?.[0]).toMatchObject({ message: 'this operation is not in the persisted-query allowlist', extensions: { code: 'FORBIDDEN' } });
      const registerNew = await post(stack.url, { query: '{ orders(first: 3) { nodes { id } } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ orders(first: 3) { nodes { id } } }') } } });
      expect(registerNew.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(stack.simulator.requestLog.entries()).toEqual([]);
      const listed = await post(stack.url, apq(sha256(query), false));
      expect(listed.body.errors).toBeUndefined();
      expect(listed.body.data).toBeDefined();
    } finally {
      await stack.stop();
    }
  });
});

describe('production mode', () => {
  it('turns introspection off and keeps CSRF prevention on', async () => {
    const stack = await startStack({ NODE_ENV: 'production', AUTH_JWT_SECRET: TEST_JWT_SECRET, DR_WEBHOOK_SECRET: WEBHOOK_SECRET });
    try {
      const headers = bearer(await adminToken());
      const introspection = await executeText(stack.url, '{ __schema { queryType { name } } }', {}, headers);
      expect(introspection.errors?.[0]?.message).toMatch(/introspection has been disabled/i);
      const csrf = await fetch(`${stack.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers });
      expect(csrf.status).toBe(400);
      expect(await csrf.text()).toMatch(/CSRF/);
      const landing = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toMatch(/<html/i);
    } finally {
      await stack.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('closes WebSockets with 1001, lets in-flight requests finish and refuses new ones', async () => {
    const stack = await startStack();
    const socket = new WebSocket(`${stack.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    stack.simulator.faults.add({ pathPrefix: '/orders', delayMs: 400, times: 1 });
    const inFlight = execute(stack.url, OrderPageDocument, { first: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopping = stack.gateway.stop();
    expect(await closed).toBe(1001);
    const finished = await inFlight;
    expect(finished.status).toBe(200);
    expect(finished.data?.orders.nodes).toHaveLength(2);
    await stopping;
    await expect(fetch(`${stack.url}/healthz`)).rejects.toThrow();
    await stack.simulator.stop();
  });
});
