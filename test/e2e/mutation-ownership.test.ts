// Mutation input belongs to its target: foreign or made-up ids are refused before any write, and every cancellation of a fulfillment order counts.
import {
  CreateFulfillmentCancellationDocument, CreateFulfillmentDocument, FulfillmentOrderByIdDocument, OrderDetailsDocument,
} from '../generated/graphql';
import { execute } from '../helpers/graphql-client';
import { simListAll } from '../helpers/simulator-http';
import { type Stack, startStack } from '../helpers/start-stack';
import { TEST_JWT_SECRET, bearer, customerToken } from '../helpers/tokens';

interface RawOrder { id: string; customerId?: string; state: string; items: Array<{ id: string; quantity: number }> }
interface RawItem { id: string | number; pending: number; backordered: number; cancelled: number }
interface RawFo { id: string | number; upstreamId?: string | number; items: RawItem[] }
interface RawCancellation { id: string; fulfillmentOrderId: string | number; upstreamId?: string | number; state: string; items: Array<{ fulfillmentOrderItemId: string | number; quantity: number }> }
interface RawFulfillment { orderId: string; items: Array<{ itemId: string; quantity: number; cancelQuantity: number }> }

/** A customer's fulfillment order item with units left to cancel. */
interface Target { customerId: string; orderId: string; fulfillmentOrderId: string; itemId: string; cancellable: number }

describe('mutation input belongs to its target', () => {
  let stack: Stack;
  let orders: RawOrder[];
  let fulfillmentOrders: RawFo[];
  let cancellations: RawCancellation[];
  /** Customer A's fulfillment order items with at least 2 cancellable units, each used by one test. */
  let targets: Target[];
  /** Customer B: another customer, with an order that has a fulfillment order. */
  let other: { customerId: string; orderId: string; orderItemId: string; fulfillmentOrderId: string; itemId: string };
  let asA: Record<string, string>;
  let asB: Record<string, string>;

  beforeAll(async () => {
    // The fulfiller waits a minute, so a cancellation stays pending until a test decides it.
    // These tests count upstream reads and change upstream state with no webhook: the shared cache is off.
    stack = await startStack({ AUTH_JWT_SECRET: TEST_JWT_SECRET, CACHE_TTL_SECONDS: '0' }, { fulfillerDelayMs: 60_000 });
    orders = await simListAll<RawOrder>(stack.simulator, '/orders');
    fulfillmentOrders = await simListAll<RawFo>(stack.simulator, '/fulfillment-orders');
    cancellations = await simListAll<RawCancellation>(stack.simulator, '/fulfillment-cancellations');
    const customerOf = (orderId: string | number | undefined) => orders.find((order) => order.id === String(orderId))?.customerId;
    const candidates: Target[] = [];
    for (const fo of fulfillmentOrders) {
      const customerId = customerOf(fo.upstreamId);
      if (customerId === undefined) continue;
      for (const item of fo.items) {
        const asked = cancellations
          .filter((c) => c.state === 'pending' && String(c.fulfillmentOrderId) === String(fo.id))
          .flatMap((c) => c.items)
          .filter((line) => String(line.fulfillmentOrderItemId) === String(item.id))
          .reduce((sum, line) => sum + line.quantity, 0);
        const cancellable = item.pending + item.backordered - asked;
        if (cancellable >= 2) candidates.push({ customerId, orderId: String(fo.upstreamId), fulfillmentOrderId: String(fo.id), itemId: String(item.id), cancellable });
      }
    }
    // Customer A: the first with three items that have units left to cancel (one per test that writes or files).
    const perCustomer = new Map<string, Target[]>();
    for (const candidate of candidates) perCustomer.set(candidate.customerId, [...perCustomer.get(candidate.customerId) ?? [], candidate]);
    const [a, aTargets] = [...perCustomer.entries()].find(([, mine]) => mine.length >= 3)!;
    targets = aTargets;
    const foreign = fulfillmentOrders.find((fo) => customerOf(fo.upstreamId) !== undefined && customerOf(fo.upstreamId) !== a)!;
    const foreignOrder = orders.find((order) => order.id === String(foreign.upstreamId))!;
    other = {
      customerId: foreignOrder.customerId!,
      orderId: foreignOrder.id,
      orderItemId: foreignOrder.items[0]!.id,
      fulfillmentOrderId: String(foreign.id),
      itemId: String(foreign.items[0]!.id),
    };
    asA = bearer(await customerToken(a));
    asB = bearer(await customerToken(other.customerId));
  });

  afterAll(async () => {
    await stack.stop();
  });

  beforeEach(() => stack.simulator.requestLog.clear());

  const writes = () => stack.simulator.requestLog.entries().filter((entry) => entry.method !== 'GET');
  const cancelAs = (headers: Record<string, string>, input: { fulfillmentOrderId: string; upstreamId?: string; items: Array<{ fulfillmentOrderItemId: string; quantity: number }> }) =>
    execute(stack.url, CreateFulfillmentCancellationDocument, { input }, headers);
  const storedFor = async (orderId: string) => (await simListAll<RawCancellation>(stack.simulator, `/fulfillment-cancellations?upstreamIds=${orderId}`)).map((c) => c.id);
  /** Files a cancellation straight upstream, as another integration would, under any upstreamId. */
  const fileUpstream = async (body: Record<string, unknown>): Promise<RawCancellation> => {
    const response = await fetch(`${stack.simulator.url}/fulfillment-cancellations`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_simulator', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as RawCancellation;
  };

  describe('createFulfillmentCancellation', () => {
    it('refuses another customer\'s order id as upstreamId, writes nothing, and their order lists nothing new', async () => {
      const target = targets[0]!;
      const before = await storedFor(other.orderId);
      const beforeSeenByB = (await execute(stack.url, OrderDetailsDocument, { id: other.orderId }, asB)).data!.order!.fulfillmentCancellations!.map((c) => c.id);
      stack.simulator.requestLog.clear();

      const result = await cancelAs(asA, { fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: other.orderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });

      expect(result.errors).toBeUndefined();
      expect(result.data!.createFulfillmentCancellation).toEqual({
        fulfillmentCancellation: null,
        userErrors: [{
          field: ['upstreamId'],
          code: 'invalid_parameter',
          message: `upstreamId must be the order of fulfillment order '${target.fulfillmentOrderId}' ('${target.orderId}') or left out, got '${other.orderId}'`,
        }],
      });
      expect(writes()).toEqual([]);
      expect(await storedFor(other.orderId)).toEqual(before);
      const seenByB = (await execute(stack.url, OrderDetailsDocument, { id: other.orderId }, asB)).data!.order!.fulfillmentCancellations!.map((c) => c.id);
      expect(seenByB).toEqual(beforeSeenByB);
    });

    it('refuses a made-up upstreamId exactly like another customer\'s, with no upstream write', async () => {
      const target = targets[0]!;
      const madeUp = await cancelAs(asA, { fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: 'ECOM-NOT-AN-ORDER', items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });
      const foreign = await cancelAs(asA, { fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: other.orderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });
      const payload = madeUp.data!.createFulfillmentCancellation;
      expect(payload.fulfillmentCancellation).toBeNull();
      expect(payload.userErrors.map((error) => [error.field, error.code])).toEqual([[['upstreamId'], 'invalid_parameter']]);
      // The answer names only what the caller sent: nothing tells whether the id is someone's order.
      expect(payload.userErrors[0]!.message.replace('ECOM-NOT-AN-ORDER', '<id>'))
        .toBe(foreign.data!.createFulfillmentCancellation.userErrors[0]!.message.replace(other.orderId, '<id>'));
      expect(writes()).toEqual([]);
    });

    it('answers another customer\'s fulfillment order exactly like a missing one', async () => {
      const theirs = await cancelAs(asA, { fulfillmentOrderId: other.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: other.itemId, quantity: 1 }] });
      const missing = await cancelAs(asA, { fulfillmentOrderId: '9999999999', items: [{ fulfillmentOrderItemId: other.itemId, quantity: 1 }] });
      expect(theirs.data!.createFulfillmentCancellation).toEqual({
        fulfillmentCancellation: null,
        userErrors: [{ field: ['fulfillmentOrderId'], code: 'not_found', message: `fulfillment order '${other.fulfillmentOrderId}' was not found` }],
      });
      expect(missing.data!.createFulfillmentCancellation.userErrors[0]!.message.replace('9999999999', '<id>'))
        .toBe(theirs.data!.createFulfillmentCancellation.userErrors[0]!.message.replace(other.fulfillmentOrderId, '<id>'));
      expect(writes()).toEqual([]);
    });

    it('accepts the fulfillment order\'s own order id and files the cancellation under it', async () => {
      const target = targets[1]!;
      const result = await cancelAs(asA, { fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: target.orderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });
      expect(result.data!.createFulfillmentCancellation.userErrors).toEqual([]);
      expect(result.data!.createFulfillmentCancellation.fulfillmentCancellation).toMatchObject({ upstreamId: target.orderId, state: 'PENDING' });
      const posted = writes();
      expect(posted.map((entry) => [entry.method, entry.path])).toEqual([['POST', '/fulfillment-cancellations']]);
    });
  });

  describe('cancellations filed under another upstreamId', () => {
    let filed: RawCancellation;
    let target: Target;

    beforeAll(async () => {
      // Straight upstream, as another integration would: filed under customer B's order id, against A's fulfillment order.
      target = targets[2]!;
      filed = await fileUpstream({ fulfillmentOrderId: target.fulfillmentOrderId, upstreamId: other.orderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: 1 }] });
      expect(filed.state).toBe('pending');
      expect(await storedFor(target.orderId)).not.toContain(filed.id);
    });

    it('are listed by the fulfillment order and subtracted from cancellableQuantity while pending', async () => {
      const result = await execute(stack.url, FulfillmentOrderByIdDocument, { id: target.fulfillmentOrderId }, asA);
      expect(result.errors).toBeUndefined();
      const fo = result.data!.fulfillmentOrder!;
      expect(fo.cancellations?.map((c) => c.id)).toContain(filed.id);
      expect(fo.items.find((item) => item.id === target.itemId)?.cancellableQuantity).toBe(target.cancellable - 1);
    });

    it('count in the mutation\'s check: asking for the units they hold is refused before any write', async () => {
      const result = await cancelAs(asA, { fulfillmentOrderId: target.fulfillmentOrderId, items: [{ fulfillmentOrderItemId: target.itemId, quantity: target.cancellable }] });
      expect(result.data!.createFulfillmentCancellation.userErrors).toEqual([{
        field: ['items', '0', 'quantity'],
        code: 'quantity_too_large',
        message: `at most ${target.cancellable - 1} unit(s) of item '${target.itemId}' can be cancelled (pending + backordered less open cancellations), asked for ${target.cancellable}`,
      }]);
      expect(writes()).toEqual([]);
      const reads = stack.simulator.requestLog.entries().filter((entry) => entry.path === '/fulfillment-cancellations');
      expect(reads.map((entry) => entry.query.fulfillmentOrderId)).toEqual([[target.fulfillmentOrderId]]);
    });

    it('show through the order too once accepted, read by fulfillment order only where the unit counts call for it', async () => {
      stack.simulator.fulfiller.decideNow(filed.id, 'accept');
      stack.simulator.requestLog.clear();

      const result = await execute(stack.url, OrderDetailsDocument, { id: target.orderId }, asA);
      expect(result.errors).toBeUndefined();
      const order = result.data!.order!;
      const fo = order.fulfillmentOrders!.find((candidate) => candidate.id === target.fulfillmentOrderId)!;
      expect(fo.cancellations?.map((c) => c.id)).toContain(filed.id);
      // Filed under another order id: this order's own list does not claim it.
      expect(order.fulfillmentCancellations?.map((c) => c.id)).not.toContain(filed.id);
      const ownReads = stack.simulator.requestLog.entries().filter((entry) => entry.query.fulfillmentOrderId !== undefined);
      expect(ownReads.map((entry) => entry.query.fulfillmentOrderId)).toEqual([[target.fulfillmentOrderId]]);
    });
  });

  describe('createFulfillment', () => {
    it('answers order_complete once nothing is left, instead of quantity_too_large per line', async () => {
      const fulfillments = await simListAll<RawFulfillment & { id: string }>(stack.simulator, '/fulfillments');
      const done = (order: RawOrder, itemId: string) => fulfillments.filter((f) => f.orderId === order.id).flatMap((f) => f.items)
        .filter((line) => line.itemId === itemId).reduce((sum, line) => sum + line.quantity + line.cancelQuantity, 0);
      const complete = orders.find((order) => order.customerId !== undefined && order.items.length > 1
        && order.items.every((item) => done(order, item.id) >= item.quantity))!;
      const headers = bearer(await customerToken(complete.customerId!));
      stack.simulator.requestLog.clear();

      const result = await execute(stack.url, CreateFulfillmentDocument, {
        input: { orderId: complete.id, items: complete.items.map((item) => ({ itemId: item.id, quantity: 1 })) },
      }, headers);

      expect(result.data!.createFulfillment).toEqual({
        fulfillment: null,
        userErrors: [{
          field: ['orderId'],
          code: 'order_complete',
          message: `order '${complete.id}' has nothing left to fulfil or cancel: every unit of every item is already fulfilled or cancelled`,
        }],
      });
      expect(writes()).toEqual([]);
    });

    it('refuses an item of another customer\'s order, naming the line, before reading anything more', async () => {
      const target = targets[0]!;
      const result = await execute(stack.url, CreateFulfillmentDocument, {
        input: { orderId: target.orderId, items: [{ itemId: other.orderItemId, quantity: 1 }] },
      }, asA);
      expect(result.data!.createFulfillment.userErrors).toEqual([{
        field: ['items', '0', 'itemId'], code: 'invalid_parameter', message: `item '${other.orderItemId}' does not belong to order '${target.orderId}'`,
      }]);
      expect(writes()).toEqual([]);
    });
  });
});
