// Mutation → simulator → signed webhook → receiver → subscription push with nested data, and the mutation rules.
import { randomUUID } from 'node:crypto';

import {
  CancellableItemsDocument,
  CreateFulfillmentCancellationDocument,
  CreateFulfillmentDocument,
  type CancellableItemsQuery,
} from '../generated/graphql';
import { execute } from '../helpers/graphql-client';
import { type Stack, startStack } from '../helpers/start-stack';
import { collect, openClient } from '../helpers/ws-client';

const SECRET = 'whsec_lifecycle_test';

type OrderNode = CancellableItemsQuery['orders']['nodes'][number];

describe('cancellation lifecycle', () => {
  let stack: Stack;
  let candidates: OrderNode[];

  beforeAll(async () => {
    stack = await startStack({ DR_WEBHOOK_SECRET: SECRET }, {
      fulfillerDelayMs: 100, settleDelayMs: 20, webhookSecrets: [SECRET], webhookRetryBaseMs: 50,
    });
    const response = await fetch(`${stack.simulator.url}/webhooks`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
      body: JSON.stringify({ address: `${stack.url}/webhooks/digitalriver`, types: ['*'] }),
    });
    expect(response.status).toBe(201);
    const page = await execute(stack.url, CancellableItemsDocument, { first: 50, filter: { state: 'ACCEPTED' } });
    candidates = page.data!.orders.nodes;
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(() => {
    stack.simulator.requestLog.clear();
    stack.simulator.faults.clear();
  });

  /** A fulfillment order item with at least `units` cancellable units, not used by an earlier test. */
  const used = new Set<string>();
  function cancellableItem(units = 1): { order: OrderNode; fulfillmentOrderId: string; itemId: string; cancellable: number } {
    for (const order of candidates) {
      for (const fo of order.fulfillmentOrders ?? []) {
        for (const item of fo.items) {
          if (item.cancellableQuantity >= units && !used.has(item.id)) {
            used.add(item.id);
            return { order, fulfillmentOrderId: fo.id, itemId: item.id, cancellable: item.cancellableQuantity };
          }
        }
      }
    }
    throw new Error(`no fulfillment order item with ${units} cancellable units left in the demo data`);
  }
  const posts = (path: string) => stack.simulator.requestLog.entries().filter((entry) => entry.method === 'POST' && entry.path === path);

  describe('createFulfillmentCancellation', () => {
    it('creates a pending cancellation, then pushes its acceptance with fresh nested data', async () => {
      const target = cancellableItem();
      const client = openClient(stack.url);
      const watcher = collect<{ fulfillmentCancellationUpdated: { type: string; previousState: string | null; fulfillmentCancellation: { id: string; state: string; fulfillmentOrder: { items: Array<{ id: string; cancelled: number; cancellableQuantity: number }> } } } }>(client,
        `subscription($fo: ID) { fulfillmentCancellationUpdated(fulfillmentOrderId: $fo) {
          type previousState fulfillmentCancellation { id state fulfillmentOrder { items { id cancelled cancellableQuantity } } }
        } }`, { fo: target.fulfillmentOrderId });
      await new Promise((resolve) => setTimeout(resolve, 100));

      const result = await execute(stack.url, CreateFulfillmentCancellationDocument, {
        input: { fulfillmentOrderId: target.fulfillmentOrderId, reason: 'test_accept', items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] },
      });
      expect(result.errors).toBeUndefined();
      const payload = result.data!.createFulfillmentCancellation;
      expect(payload.userErrors).toEqual([]);
      expect(payload.fulfillmentCancellation).toMatchObject({ state: 'PENDING', fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: target.order.id, reason: 'test_accept' });
      const cancellationId = payload.fulfillmentCancellation!.id;
      expect(posts('/fulfillment-cancellations')[0]?.headers['idempotency-key']).toEqual(expect.any(String));

      await watcher.waitFor(2, 10_000);
      const mine = watcher.results.map((r) => r.data!.fulfillmentCancellationUpdated).filter((u) => u.fulfillmentCancellation.id === cancellationId);
      expect(mine.map((u) => [u.type, u.fulfillmentCancellation.state])).toEqual([
        ['fulfillment_cancellation.created', 'PENDING'],
        ['fulfillment_cancellation.accepted', 'ACCEPTED'],
      ]);
      expect(mine[1]!.previousState).toBe('PENDING');
      const item = mine[1]!.fulfillmentCancellation.fulfillmentOrder.items.find((line) => line.id === target.itemId)!;
      const before = target.order.fulfillmentOrders!.flatMap((fo) => fo.items).find((line) => line.id === target.itemId)!;
      expect(item.cancelled).toBe(before.cancelled + 1);
      expect(item.cancellableQuantity).toBe(target.cancellable - 1);
      await client.dispose();
    });

    it('refuses more than the cancellable quantity with a user error and writes nothing', async () => {
      const target = cancellableItem();
      const result = await execute(stack.url, CreateFulfillmentCancellationDocument, {
        input: { fulfillmentOrderId: target.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: target.cancellable + 1 }] },
      });
      expect(result.data!.createFulfillmentCancellation).toEqual({
        fulfillmentCancellation: null,
        userErrors: [{
          field: ['items', '0', 'quantity'], code: 'quantity_too_large',
          message: `at most ${target.cancellable} unit(s) of item '${target.itemId}' can be cancelled (pending + backordered less open cancellations), asked for ${target.cancellable + 1}`,
        }],
      });
      expect(posts('/fulfillment-cancellations')).toEqual([]);
    });

    it.each([
      ['an unknown fulfillment order', () => ({ fulfillmentOrderId: '0000000000', items: [{ fulfillmentOrderItemId: 'x', quantity: 1 }] }), ['fulfillmentOrderId'], 'not_found'],
      ['an item of another fulfillment order', () => ({ fulfillmentOrderId: cancellableItem().fulfillmentOrderId, items: [{ fulfillmentOrderItemId: 'not-mine', quantity: 1 }] }), ['items', '0', 'fulfillmentOrderItemId'], 'invalid_parameter'],
      ['a zero quantity', () => ({ fulfillmentOrderId: '1', items: [{ fulfillmentOrderItemId: 'x', quantity: 0 }] }), ['items', '0', 'quantity'], 'invalid_quantity_amount'],
      ['no items', () => ({ fulfillmentOrderId: '1', items: [] }), ['items'], 'missing_parameter'],
    ])('refuses %s with a user error and writes nothing', async (_name, input, field, code) => {
      const result = await execute(stack.url, CreateFulfillmentCancellationDocument, { input: input() });
      expect(result.data!.createFulfillmentCancellation.fulfillmentCancellation).toBeNull();
      expect(result.data!.createFulfillmentCancellation.userErrors[0]).toMatchObject({ field, code });
      expect(posts('/fulfillment-cancellations')).toEqual([]);
    });

    it('returns the first result for a repeated key and writes once, even concurrently', async () => {
      const target = cancellableItem();
      const input = { fulfillmentOrderId: target.fulfillmentOrderId, reason: 'test_reject', idempotencyKey: randomUUID(), items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] };
      const [first, second] = await Promise.all([
        execute(stack.url, CreateFulfillmentCancellationDocument, { input }),
        execute(stack.url, CreateFulfillmentCancellationDocument, { input }),
      ]);
      const third = await execute(stack.url, CreateFulfillmentCancellationDocument, { input });
      const ids = [first, second, third].map((result) => result.data!.createFulfillmentCancellation.fulfillmentCancellation?.id);
      expect(ids[0]).toEqual(expect.any(String));
      expect(new Set(ids).size).toBe(1);
      expect(posts('/fulfillment-cancellations')).toHaveLength(1);
      expect(posts('/fulfillment-cancellations')[0]?.headers['idempotency-key']).toBe(input.idempotencyKey);

      const reused = await execute(stack.url, CreateFulfillmentCancellationDocument, { input: { ...input, reason: 'other' } });
      expect(reused.data!.createFulfillmentCancellation).toMatchObject({
        fulfillmentCancellation: null,
        userErrors: [{ field: ['idempotencyKey'], code: 'idempotency_key_reused' }],
      });
      expect(posts('/fulfillment-cancellations')).toHaveLength(1);
    });

    it('returns an upstream 4xx as user errors carrying the upstream code', async () => {
      const target = cancellableItem();
      stack.simulator.faults.add({ method: 'POST', pathPrefix: '/fulfillment-cancellations', status: 409,
        body: { type: 'conflict', errors: [{ code: 'invalid_state', parameter: 'items[0].quantity', message: 'Fulfillment order is not open.' }] } });
      const result = await execute(stack.url, CreateFulfillmentCancellationDocument, {
        input: { fulfillmentOrderId: target.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] },
      });
      expect(result.data!.createFulfillmentCancellation).toEqual({
        fulfillmentCancellation: null,
        userErrors: [{ field: ['items', '0', 'quantity'], code: 'invalid_state', message: 'Fulfillment order is not open.' }],
      });
    });
  });

  describe('createFulfillment', () => {
    it('fulfils what remains of an order, then refuses more', async () => {
      const order = candidates.find((candidate) => candidate.fulfillmentOrders?.length === 0 && candidate.fulfillments?.length === 0)
        ?? candidates.find((candidate) => candidate.fulfillments?.length === 0)!;
      used.add(order.id);
      const items = order.items.map((item) => ({ itemId: item.id, quantity: item.quantity }));
      const result = await execute(stack.url, CreateFulfillmentDocument, { input: { orderId: order.id, items, trackingNumber: '1Z999' } });
      expect(result.data!.createFulfillment.userErrors).toEqual([]);
      expect(result.data!.createFulfillment.fulfillment).toMatchObject({ orderId: order.id, trackingNumber: '1Z999' });
      expect(result.data!.createFulfillment.fulfillment!.items.map((item) => [item.itemId, item.quantity, item.cancelQuantity]))
        .toEqual(order.items.map((item) => [item.id, item.quantity, 0]));

      const again = await execute(stack.url, CreateFulfillmentDocument, { input: { orderId: order.id, items: [{ itemId: order.items[0]!.id, quantity: 1 }] } });
      // Nothing is left on the order: one order_complete, not a quantity_too_large per line.
      expect(again.data!.createFulfillment.userErrors).toEqual([
        { field: ['orderId'], code: 'order_complete', message: expect.stringContaining(`order '${order.id}' has nothing left to fulfil or cancel`) },
      ]);
      expect(posts('/fulfillments')).toHaveLength(1);
    });

    it('returns upstream 409 order_complete as a user error', async () => {
      // Fresh state: accepted cancellations of earlier tests made fulfillments upstream.
      const fresh = (await execute(stack.url, CancellableItemsDocument, { first: 50, filter: { state: 'ACCEPTED' } })).data!.orders.nodes;
      const order = fresh.find((candidate) => candidate.fulfillments?.length === 0 && !used.has(candidate.id))!;
      stack.simulator.faults.add({ method: 'POST', pathPrefix: '/fulfillments', status: 409,
        body: { type: 'conflict', errors: [{ code: 'order_complete', parameter: 'orderId', message: `Order '${order.id}' is complete.` }] } });
      const result = await execute(stack.url, CreateFulfillmentDocument, { input: { orderId: order.id, items: [{ itemId: order.items[0]!.id, quantity: 1 }] } });
      expect(result.data!.createFulfillment).toEqual({
        fulfillment: null,
        userErrors: [{ field: ['orderId'], code: 'order_complete', message: `Order '${order.id}' is complete.` }],
      });
    });

    it('refuses an unknown order and an item of another order', async () => {
      const unknown = await execute(stack.url, CreateFulfillmentDocument, { input: { orderId: '999999999999', items: [{ itemId: '1', quantity: 1 }] } });
      expect(unknown.data!.createFulfillment.userErrors[0]).toMatchObject({ field: ['orderId'], code: 'not_found' });
      const order = candidates[0]!;
      const foreign = await execute(stack.url, CreateFulfillmentDocument, { input: { orderId: order.id, items: [{ itemId: 'not-mine', cancelQuantity: 1 }] } });
      expect(foreign.data!.createFulfillment.userErrors[0]).toMatchObject({ field: ['items', '0', 'itemId'], code: 'invalid_parameter' });
      expect(posts('/fulfillments')).toEqual([]);
    });
  });
});
