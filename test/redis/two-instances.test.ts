// Two gateway processes on one Redis: fan-out, shared de-dup and ordering, shared idempotency, one rate budget, crash safety.
import { randomUUID } from 'node:crypto';

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { executeText } from '../helpers/graphql-client';
import { type GatewayProcess, ensureBuilt, startGatewayProcess } from '../helpers/gateway-process';
import { deleteKeys, describeWithRedis, uniquePrefix } from '../helpers/redis';
import { cancellationEvent, sendEvent } from '../helpers/sign-webhook';
import { simListAll } from '../helpers/simulator-http';
import { collect, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_two_instances';
const QUERY = 'subscription($id: ID) { fulfillmentCancellationUpdated(id: $id) { eventId type fulfillmentCancellation { id state } } }';

interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: unknown[] }

describeWithRedis('two instances on one Redis', (redisUrl) => {
  jest.setTimeout(60_000);
  const prefix = uniquePrefix('two');
  let simulator: Simulator;
  let a: GatewayProcess;
  let b: GatewayProcess;
  let cancellations: RawCancellation[];

  beforeAll(async () => {
    ensureBuilt();
    simulator = await createSimulator({ port: 0, fulfillerDelayMs: 60_000 });
    const env = {
      DR_API_BASE_URL: simulator.url, DR_API_KEY: 'sk_test_simulator', DR_WEBHOOK_SECRET: SECRET,
      REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix, EVENT_CLAIM_IDLE_MS: '1000', UPSTREAM_RATE_LIMIT: '10',
    };
    [a, b] = await Promise.all([startGatewayProcess(env), startGatewayProcess(env)]);
    cancellations = (await simListAll<RawCancellation>(simulator, '/fulfillment-cancellations')).filter((c) => c.upstreamId !== undefined && c.state === 'pending');
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await simulator?.stop();
    await deleteKeys(redisUrl, prefix);
  });

  const watchBoth = async (cancellationId: string) => {
    const clients = [openClient(a.url), openClient(b.url)];
    const watchers = clients.map((client) => collect<{ fulfillmentCancellationUpdated: { eventId: string; type: string } }>(client, QUERY, { id: cancellationId }));
    // Let both subscriptions reach their servers before anything is sent.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { watchers, dispose: () => Promise.all(clients.map((client) => client.dispose())) };
  };

  it('pushes an event posted to one instance exactly once to subscribers on both; a retry to the other is 200 and pushed nowhere; an older one is not pushed', async () => {
    const target = cancellations[0]!;
    const { watchers, dispose } = await watchBoth(target.id);
    const now = Date.now();
    const event = cancellationEvent({ ...target, state: 'accepted' }, 'fulfillment_cancellation.accepted', { createdTime: new Date(now) });
    expect(await sendEvent(a.url, event, [SECRET])).toBe(202);
    await Promise.all(watchers.map((watcher) => watcher.waitFor(1)));
    expect(await sendEvent(b.url, event, [SECRET])).toBe(200);
    const older = cancellationEvent({ ...target, state: 'pending' }, 'fulfillment_cancellation.created', { createdTime: new Date(now - 60_000) });
    expect(await sendEvent(b.url, older, [SECRET])).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const watcher of watchers) {
      expect(watcher.results.map((result) => result.data?.fulfillmentCancellationUpdated.eventId)).toEqual([event.id]);
    }
    await dispose();
  });

  it('writes upstream once for one idempotency key used on both instances, one after the other and at once', async () => {
    const page = await executeText<{ orders: { nodes: Array<{ fulfillmentOrders: Array<{ id: string; items: Array<{ id: string; cancellableQuantity: number }> }> }> } }>(a.url,
      '{ orders(first: 50, filter: { state: ACCEPTED }) { nodes { fulfillmentOrders { id items { id cancellableQuantity } } } } }');
    const targets = page.data!.orders.nodes.flatMap((order) => order.fulfillmentOrders)
      .flatMap((fo) => fo.items.filter((item) => item.cancellableQuantity >= 1).map((item) => ({ fulfillmentOrderId: fo.id, itemId: item.id })));
    const mutation = 'mutation($input: CreateFulfillmentCancellationInput!) { createFulfillmentCancellation(input: $input) { fulfillmentCancellation { id } userErrors { code } } }';
    for (const [index, concurrent] of [false, true].entries()) {
      const target = targets[index]!;
      const input = { fulfillmentOrderId: target.fulfillmentOrderId, idempotencyKey: randomUUID(), items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] };
      simulator.requestLog.clear();
      const results = concurrent
        ? await Promise.all([a, b].map((instance) => executeText<{ createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null } }>(instance.url, mutation, { input })))
        : [await executeText<{ createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null } }>(a.url, mutation, { input }),
          await executeText<{ createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null } }>(b.url, mutation, { input })];
      const ids = results.map((result) => result.data?.createFulfillmentCancellation.fulfillmentCancellation?.id);
      expect(ids[0]).toEqual(expect.any(String));
      expect(ids[1]).toBe(ids[0]);
      expect(simulator.requestLog.entries().filter((entry) => entry.method === 'POST')).toHaveLength(1);
    }
  });

  it('keeps a burst spread over both instances within one budget', async () => {
    // Arrivals are watched at upstream, so every call must go out about as soon as its token is granted. A
    // process's first upstream calls do not: they open connections and load code on the way, up to several
    // hundred ms on a busy machine, which says nothing about the budget. Eight calls per instance first open
    // the connections the burst will use; waiting out the budget's window (1.1 s) then gives the burst a clean one.
    const warm = (instance: GatewayProcess, index: number): Promise<unknown> => executeText(instance.url, 'query($id: ID!) { fulfillmentCancellation(id: $id) { id } }', { id: `warm-${index}-${Date.now()}` });
    await Promise.all([a, b].flatMap((instance) => Array.from({ length: 8 }, (_, index) => warm(instance, index))));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    simulator.requestLog.clear();
    const ids = Array.from({ length: 16 }, (_, index) => `missing-${index}-${Date.now()}`);
    await Promise.all(ids.map((id, index) => executeText([a, b][index % 2]!.url, 'query($id: ID!) { fulfillmentCancellation(id: $id) { id } }', { id })));
    const arrivals = simulator.requestLog.entries().map((entry) => Date.parse(entry.time)).sort((x, y) => x - y);
    expect(arrivals.length).toBeGreaterThanOrEqual(10);
    // The budget grants at most 10 calls in any 1.1 s of Redis' clock; what upstream sees is that plus each call's
    // trip from its grant, which a busy 2-core machine stretches by up to a few hundred ms. So: at most 10 in any
    // 800 ms at upstream (two instances each spending their own 10/s would put up to 20 there), and the whole burst
    // spread over at least one budget window per 10 calls beyond the first 10.
    for (const [index, start] of arrivals.entries()) {
      expect(arrivals.slice(index).filter((time) => time < start + 800).length).toBeLessThanOrEqual(10);
    }
    const windowsNeeded = Math.ceil(arrivals.length / 10) - 1;
    expect((arrivals[arrivals.length - 1] ?? 0) - (arrivals[0] ?? 0)).toBeGreaterThanOrEqual(windowsNeeded * 1100 - 400);
  });

  it('loses nothing when the instance that answered 202 is killed mid-work', async () => {
    const target = { ...cancellations[1]!, upstreamId: undefined };
    const client = openClient(b.url);
    const watcher = collect<{ fulfillmentCancellationUpdated: { eventId: string } }>(client, QUERY, { id: target.id });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The event names no order: processing must look the fulfillment order up, which the simulator now holds for 3 s.
    simulator.faults.add({ method: 'GET', pathPrefix: '/fulfillment-orders', delayMs: 3000, times: 1 });
    const event = cancellationEvent({ ...target, state: 'accepted' }, 'fulfillment_cancellation.accepted');
    expect(await sendEvent(a.url, event, [SECRET])).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await a.kill();
    await watcher.waitFor(1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(watcher.results.map((result) => result.data?.fulfillmentCancellationUpdated.eventId)).toEqual([event.id]);
    await client.dispose();
  });
});
