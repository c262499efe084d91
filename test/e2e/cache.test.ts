// The shared cache end to end (one instance, in memory, over the simulator): hits save upstream calls, webhooks and mutations keep it true, scoping holds on cached objects, TTL and off.
import type { Simulator } from '../../src/simulator/create-simulator';
import { createSimulator } from '../../src/simulator/create-simulator';
import type { SimEvent } from '../../src/simulator/wire-types';
import { type CancellableUnit, cancellableUnits, fileCancellation } from '../helpers/cancellable-units';
import { type GatewayOn, startGatewayOn } from '../helpers/gateway-on';
import { type GraphQLResult, executeText } from '../helpers/graphql-client';
import { sendEvent } from '../helpers/sign-webhook';
import { TEST_JWT_SECRET, adminToken, bearer, customerToken } from '../helpers/tokens';
import { collect, eventually, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_cache';

const VIEW = `query View($id: ID!) {
  order(id: $id) {
    id state
    fulfillmentOrders { id state items { id pending backordered cancelled cancellableQuantity } cancellations { id state } }
    fulfillmentCancellations { id state }
    fulfillments { id items { itemId quantity cancelQuantity } }
    charges { id state }
  }
}`;

interface Cost { upstreamCalls: number; cacheHits: number }
interface ViewData {
  order: {
    id: string;
    fulfillmentOrders: Array<{ id: string; items: Array<{ id: string; cancelled: number; cancellableQuantity: number }>; cancellations: Array<{ id: string; state: string }> }>;
    fulfillmentCancellations: Array<{ id: string; state: string }>;
    fulfillments: Array<{ id: string }>;
  } | null;
}

const costOf = (result: GraphQLResult<unknown>): Cost => {
  const cost = result.extensions?.cost as Cost;
  return { upstreamCalls: cost.upstreamCalls, cacheHits: cost.cacheHits };
};

describe('shared cache (memory)', () => {
  jest.setTimeout(30_000);
  let simulator: Simulator;
  let stack: GatewayOn;
  let admin: Record<string, string>;
  const events: SimEvent[] = [];
  const units: CancellableUnit[] = [];
  /** A unit of an order no other test touches. */
  const takeUnit = (): CancellableUnit => {
    const unit = units.shift();
    if (unit === undefined) throw new Error('no cancellable unit left');
    for (let index = units.length - 1; index >= 0; index -= 1) if (units[index]!.orderId === unit.orderId) units.splice(index, 1);
    return unit;
  };

  beforeAll(async () => {
    // Nothing changes by itself: every change below is made by the test, and reaches the gateway only when the test delivers it.
    simulator = await createSimulator({ port: 0, fulfillerDelayMs: 600_000, settleDelayMs: 600_000 });
    simulator.store.onEvent((event) => events.push(event));
    stack = await startGatewayOn(simulator, { DR_WEBHOOK_SECRET: SECRET, AUTH_JWT_SECRET: TEST_JWT_SECRET, UPSTREAM_RATE_LIMIT: '0' });
    admin = bearer(await adminToken());
    units.push(...cancellableUnits(simulator));
  });

  afterAll(async () => {
    await stack?.stop();
    await simulator?.stop();
  });

  const view = (orderId: string, headers = admin) => executeText<ViewData>(stack.url, VIEW, { id: orderId }, headers);
  /** Reads with the simulator's request log cleared first: the answer and the upstream requests it cost. */
  const viewCounted = async (orderId: string, headers = admin) => {
    simulator.requestLog.clear();
    const result = await view(orderId, headers);
    return { result, requests: simulator.requestLog.entries().length };
  };
  /** Posts the events the simulator emitted since `from` to the gateway, each answered 202. */
  const deliver = async (from: number): Promise<void> => {
    for (const event of events.slice(from)) expect(await sendEvent(stack.url, event, [SECRET])).toBe(202);
  };

  describe('Hits', () => {
    it('serves a repeated order view with no upstream call, and says so in extensions.cost', async () => {
      const { orderId } = takeUnit();
      const cold = await viewCounted(orderId);
      expect(cold.result.errors).toBeUndefined();
      expect(costOf(cold.result)).toEqual({ upstreamCalls: cold.requests, cacheHits: 0 });
      expect(cold.requests).toBeGreaterThanOrEqual(3);

      const warm = await viewCounted(orderId);
      expect(warm.result.data).toEqual(cold.result.data);
      expect(warm.requests).toBe(0);
      expect(costOf(warm.result).upstreamCalls).toBe(0);
      expect(costOf(warm.result).cacheHits).toBeGreaterThanOrEqual(3);
    });

  });

  describe('After a webhook', () => {
    it('serves the cached state until the 202, and the new state to every read after it', async () => {
      const unit = takeUnit();
      await view(unit.orderId);
      const from = events.length;
      const cancellationId = await fileCancellation(simulator, unit);
      // Not delivered yet: the cache still answers, so this test can tell a stale read from a fresh one.
      const before = await view(unit.orderId);
      expect(before.data?.order?.fulfillmentCancellations.map((c) => c.id)).not.toContain(cancellationId);
      await deliver(from);
      const after = await view(unit.orderId);
      expect(after.data?.order?.fulfillmentCancellations.find((c) => c.id === cancellationId)?.state).toBe('PENDING');

      const decided = events.length;
      simulator.fulfiller.decideNow(cancellationId, 'accept');
      expect((await view(unit.orderId)).data?.order?.fulfillmentCancellations.find((c) => c.id === cancellationId)?.state).toBe('PENDING');
      // Only the first of the decision's events: it alone must make every later read fresh.
      await deliver(decided);
      const accepted = await view(unit.orderId);
      expect(accepted.data?.order?.fulfillmentCancellations.find((c) => c.id === cancellationId)?.state).toBe('ACCEPTED');
      const item = accepted.data?.order?.fulfillmentOrders.find((fo) => fo.id === unit.fulfillmentOrderId)?.items.find((candidate) => candidate.id === unit.itemId);
      const itemBefore = after.data?.order?.fulfillmentOrders.find((fo) => fo.id === unit.fulfillmentOrderId)?.items.find((candidate) => candidate.id === unit.itemId);
      expect(item?.cancelled).toBe((itemBefore?.cancelled ?? 0) + 1);
    });

    it('reaches a fulfillment order\'s cached graph from an event that does not name its order', async () => {
      const unit = takeUnit();
      const query = 'query($id: ID!) { fulfillmentOrder(id: $id) { id cancellations { id state } } }';
      const read = () => executeText<{ fulfillmentOrder: { cancellations: Array<{ id: string }> } }>(stack.url, query, { id: unit.fulfillmentOrderId }, admin);
      await read();
      const from = events.length;
      const cancellationId = await fileCancellation(simulator, unit, { upstreamId: null });
      expect((await read()).data?.fulfillmentOrder.cancellations.map((c) => c.id)).not.toContain(cancellationId);
      await deliver(from);
      expect((await read()).data?.fulfillmentOrder.cancellations.map((c) => c.id)).toContain(cancellationId);
    });

    it('resolves a push from data read after its event', async () => {
      const unit = takeUnit();
      const cancellationId = await fileCancellation(simulator, unit);
      await deliver(events.length - 1);
      // The push reads the fulfillment order by id: that is the entry to warm.
      const byId = 'query($id: ID!) { fulfillmentOrder(id: $id) { items { id cancelled } } }';
      const warm = () => executeText<{ fulfillmentOrder: { items: Array<{ id: string; cancelled: number }> } }>(stack.url, byId, { id: unit.fulfillmentOrderId }, admin);
      await warm();
      const client = openClient(stack.url, { authorization: admin.authorization });
      const pushes = collect<{ fulfillmentCancellationUpdated: { fulfillmentCancellation: { state: string; fulfillmentOrder: { items: Array<{ id: string; cancelled: number }> } } } }>(client,
        'subscription($id: ID) { fulfillmentCancellationUpdated(id: $id) { fulfillmentCancellation { state fulfillmentOrder { items { id cancelled } } } } }', { id: cancellationId });
      await eventually(() => stack.gateway.openSubscriptions() === 1, 5_000, 'the subscription');
      const before = (await warm()).data?.fulfillmentOrder.items.find((item) => item.id === unit.itemId);
      const from = events.length;
      simulator.fulfiller.decideNow(cancellationId, 'accept');
      await deliver(from);
      await pushes.waitFor(1);
      const pushed = pushes.results[0]?.data?.fulfillmentCancellationUpdated.fulfillmentCancellation;
      expect(pushed?.state).toBe('ACCEPTED');
      expect(pushed?.fulfillmentOrder.items.find((item) => item.id === unit.itemId)?.cancelled).toBe((before?.cancelled ?? 0) + 1);
      await client.dispose();
    });
  });

  describe('After a mutation', () => {
    it('shows a cancellation the gateway filed to the next read, with no webhook', async () => {
      const unit = takeUnit();
      await view(unit.orderId);
      const mutation = 'mutation($input: CreateFulfillmentCancellationInput!) { createFulfillmentCancellation(input: $input) { fulfillmentCancellation { id } userErrors { code } } }';
      const created = await executeText<{ createFulfillmentCancellation: { fulfillmentCancellation: { id: string } | null } }>(stack.url, mutation,
        { input: { fulfillmentOrderId: unit.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: unit.itemId, quantity: 1 }] } }, admin);
      const id = created.data?.createFulfillmentCancellation.fulfillmentCancellation?.id;
      expect(id).toEqual(expect.any(String));
      const after = await view(unit.orderId);
      expect(after.data?.order?.fulfillmentCancellations.map((c) => c.id)).toContain(id);
      expect(after.data?.order?.fulfillmentOrders.flatMap((fo) => fo.cancellations.map((c) => c.id))).toContain(id);
    });

    it('shows a fulfillment the gateway reported to the next read, with no webhook', async () => {
      const unit = takeUnit();
      const order = simulator.store.orders.get(unit.orderId)!;
      const item = order.items.find((candidate) => simulator.store.fulfillmentOrders.get(unit.fulfillmentOrderId)!.items.some((foItem) => foItem.upstreamId === candidate.id && foItem.id === unit.itemId))!;
      const before = await view(unit.orderId);
      const mutation = 'mutation($input: CreateFulfillmentInput!) { createFulfillment(input: $input) { fulfillment { id } userErrors { code message } } }';
      const created = await executeText<{ createFulfillment: { fulfillment: { id: string } | null; userErrors: unknown[] } }>(stack.url, mutation,
        { input: { orderId: unit.orderId, items: [{ itemId: item.id, quantity: 1 }] } }, admin);
      expect(created.data?.createFulfillment.userErrors).toEqual([]);
      const id = created.data?.createFulfillment.fulfillment?.id;
      const after = await view(unit.orderId);
      expect(after.data?.order?.fulfillments.map((f) => f.id).sort()).toEqual([...(before.data?.order?.fulfillments.map((f) => f.id) ?? []), id].sort());
    });
  });

  describe('Scoping', () => {
    it('answers another customer\'s cached order exactly like a missing one: NOT_FOUND, the same upstream calls and cost', async () => {
      const { orderId } = takeUnit();
      const owner = simulator.store.orders.get(orderId)!.customerId!;
      const other = [...simulator.store.orders.sorted()].map((order) => order.customerId).find((id) => id !== undefined && id !== owner)!;
      const asOwner = bearer(await customerToken(owner));
      const asOther = bearer(await customerToken(other));
      await view(orderId, asOwner);
      const own = await viewCounted(orderId, asOwner);
      expect(own.requests).toBe(0);

      const theirs = await viewCounted(orderId, asOther);
      const missing = await viewCounted('240099990336', asOther);
      for (const answer of [theirs, missing]) {
        expect(answer.result.data?.order).toBeNull();
        expect(answer.result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      expect(theirs.requests).toBe(missing.requests);
      expect(costOf(theirs.result)).toEqual(costOf(missing.result));
      expect(costOf(theirs.result).cacheHits).toBe(0);
    });
  });

  describe('Metrics', () => {
    it('counts hits, misses and invalidations by origin in /metrics, apart from real upstream calls', async () => {
      const text = await (await fetch(`${stack.url}/metrics`)).text();
      expect(text).toMatch(/gateway_cache_lookups_total\{kind="order",result="hit"\} [1-9]/);
      expect(text).toMatch(/gateway_cache_lookups_total\{kind="order",result="miss"\} [1-9]/);
      expect(text).toMatch(/gateway_cache_invalidations_total\{origin="webhook",outcome="ok"\} [1-9]/);
      expect(text).toMatch(/gateway_cache_invalidations_total\{origin="mutation",outcome="ok"\} [1-9]/);
      expect(text).toMatch(/gateway_cache_memory_bytes [1-9]/);
      expect(text).toMatch(/gateway_upstream_calls_total\{endpoint="GET orders",status="200"\} [1-9]/);
    });
  });

  describe('TTL and off', () => {
    it('serves an entry for CACHE_TTL_SECONDS at most', async () => {
      const short = await startGatewayOn(simulator, { CACHE_TTL_SECONDS: '1' });
      try {
        const { orderId } = takeUnit();
        const read = async () => {
          simulator.requestLog.clear();
          await executeText(short.url, VIEW, { id: orderId });
          return simulator.requestLog.entries().length;
        };
        const cold = await read();
        expect(await read()).toBe(0);
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        expect(await read()).toBe(cold);
      } finally {
        await short.stop();
      }
    });

    it('makes every read cost its upstream calls with CACHE_TTL_SECONDS=0', async () => {
      const off = await startGatewayOn(simulator, { CACHE_TTL_SECONDS: '0' });
      try {
        const { orderId } = takeUnit();
        const first = await executeText(off.url, VIEW, { id: orderId });
        const second = await executeText(off.url, VIEW, { id: orderId });
        expect(costOf(second)).toEqual(costOf(first));
        expect(costOf(second)).toEqual({ upstreamCalls: expect.any(Number), cacheHits: 0 });
        expect(costOf(second).upstreamCalls).toBeGreaterThanOrEqual(3);
      } finally {
        await off.stop();
      }
    });
  });
});
