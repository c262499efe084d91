// POST /fulfillment-cancellations over real HTTP: creation, the fulfiller's decisions, orchestrated payment cancels, validation, idempotency.

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { IdempotencyCache } from '../../src/simulator/idempotency';
import { toMinor } from '../../src/simulator/money';
import type {
  Charge,
  FulfillmentCancellation,
  FulfillmentOrder,
  FulfillmentOrderItem,
  FulfillmentWithDetails,
  Order,
  SimEvent,
  StoredOrder,
} from '../../src/simulator/wire-types';
import { call, expectUpstreamError } from './sim-client';
import { ACCEPTED_CANCELLATION_EVENTS, newestEventId, postJson, settledEventsAfter, waitForEvents } from './sim-events';
import { signersOf, startReceiver, type WebhookReceiver } from './webhook-receiver';

const SECRET = 'whsec_simulator';
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sim: Simulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  sim = await createSimulator({ port: 0, fulfillerDelayMs: 40, settleDelayMs: 30 });
  receiver = await startReceiver();
  const hook = await postJson(sim, '/webhooks', { types: ['*'], address: receiver.url });
  expect(hook.status).toBe(201);
});

afterAll(async () => {
  await sim.stop();
  await receiver.stop();
  expect(sim.backgroundErrors).toEqual([]);
});

// The bulk order's fulfillment order and its item with the most units still open.
function bulkItem(): { fo: FulfillmentOrder; item: FulfillmentOrderItem } {
  const fo = sim.store.fulfillmentOrdersOfOrder(sim.store.facts.bulkOrderId)[0] as FulfillmentOrder;
  const item = [...fo.items].sort((a, b) => b.pending + b.backordered - (a.pending + a.backordered))[0] as FulfillmentOrderItem;
  return { fo, item };
}

// Units pending cancellations of the fulfillment order already ask for, per item.
function askedByPending(foId: string, itemId: string): number {
  return sim.store.cancellations
    .sorted()
    .filter((c) => c.fulfillmentOrderId === foId && c.state === 'pending')
    .flatMap((c) => c.items)
    .filter((line) => line.fulfillmentOrderItemId === itemId)
    .reduce((sum, line) => sum + line.quantity, 0);
}

// An accepted physical order that nothing has touched yet: no fulfillments, no cancellations.
function untouchedPhysicalOrder(): StoredOrder {
  const order = sim.store.orders
    .sorted()
    .find((o) => o.state === 'accepted' && o.shipTo !== undefined && sim.store.fulfillmentsOfOrder(o.id).length === 0 && sim.store.cancellationsOfOrder(o.id).length === 0);
  if (order === undefined) throw new Error('the seed has no untouched accepted physical order');
  return order;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await call(sim, path);
  expect(res.status).toBe(200);
  return res.body as T;
}

function types(events: readonly SimEvent[]): string[] {
  return events.map((e) => e.type);
}

describe('Create', () => {
  it('answers 201 with a pending cancellation, coercing numeric strings sent as text/plain, and delivers a signed fulfillment_cancellation.created', async () => {
    const { fo, item } = bulkItem();
    const res = await call(sim, '/fulfillment-cancellations', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ fulfillmentOrderId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: item.id, quantity: '2' }] }),
    });
    expect(res.status).toBe(201);
    const created = res.body as FulfillmentCancellation;
    expect(created).toEqual({
      id: expect.stringMatching(/^ret_\d+$/),
      createdTime: expect.stringMatching(ISO_SECONDS),
      fulfillmentOrderId: fo.id,
      upstreamId: fo.upstreamId,
      items: [
        {
          fulfillmentOrderItemId: item.id,
          fulfillmentOrderItemUpstreamId: item.upstreamId,
          inventoryItemId: item.inventoryItemId,
          quantity: 2,
          quantityAccepted: 0,
          state: 'pending',
        },
      ],
      reason: 'test_reject',
      state: 'pending',
      livemode: false,
    });
    expect(await getJson(`/fulfillment-cancellations/${created.id}`)).toEqual(created);

    const [delivery] = (await receiver.waitFor((all) => all.some((d) => d.event.type === 'fulfillment_cancellation.created' && d.event.data.object['id'] === created.id))).filter(
      (d) => d.event.type === 'fulfillment_cancellation.created' && d.event.data.object['id'] === created.id,
    );
    expect(delivery?.headers['content-type']).toBe('application/json');
    expect(signersOf(delivery!, [SECRET, 'whsec_other'])).toEqual([SECRET]);
    expect(delivery?.event).toMatchObject({ id: expect.stringMatching(UUID), createdTime: expect.stringMatching(ISO_MICROS), liveMode: false, webhookIds: [expect.stringMatching(UUID)] });
    expect(delivery?.event.data.object).toEqual(created);
    expect(delivery?.event.data).not.toHaveProperty('previousAttributes');
    await receiver.waitFor((all) => all.some((d) => d.event.type === 'fulfillment_cancellation.rejected' && d.event.data.object['id'] === created.id));
  });

  it('keeps an upstreamId as sent', async () => {
    const { fo, item } = bulkItem();
    const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, upstreamId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: Number(item.id), quantity: 1 }] });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ upstreamId: fo.id, items: [{ fulfillmentOrderItemId: item.id }] });
    await receiver.waitFor((all) => all.some((d) => d.event.type === 'fulfillment_cancellation.rejected' && d.event.data.object['id'] === (res.body as FulfillmentCancellation).id));
  });
});

describe('Decisions', () => {
  it('accepts every unit for reason test_accept: counts move, upstream submits the payment cancel, cancelledAmount grows', async () => {
    const { fo, item } = bulkItem();
    const countsBefore = { ...item };
    const orderBefore = await getJson<Order>(`/orders/${fo.upstreamId}`);
    const marker = await newestEventId(sim);

    const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, upstreamId: fo.upstreamId, reason: 'test_accept', items: [{ fulfillmentOrderItemId: item.id, quantity: 3 }] });
    expect(res.status).toBe(201);
    const id = (res.body as FulfillmentCancellation).id;
    const events = await waitForEvents(sim, marker, (e) => types(e).includes('order.charge.cancel.complete'));
    expect(types(await settledEventsAfter(sim, marker))).toEqual(ACCEPTED_CANCELLATION_EVENTS);
    const [created, accepted, foCancelled, fulfillmentCreated, cancelPending, cancelComplete] = events as [SimEvent, SimEvent, SimEvent, SimEvent, SimEvent, SimEvent];
    for (let i = 1; i < events.length; i += 1) expect((events[i] as SimEvent).createdTime > (events[i - 1] as SimEvent).createdTime).toBe(true);
    expect(created.data.object).toMatchObject({ id, state: 'pending' });

    expect(accepted.data).toEqual({
      object: expect.objectContaining({ id, state: 'accepted', items: [expect.objectContaining({ quantity: 3, quantityAccepted: 3, state: 'accepted' })] }),
      previousAttributes: { state: 'pending' },
    });
    const cancellation = await getJson<FulfillmentCancellation>(`/fulfillment-cancellations/${id}`);
    expect(cancellation).toEqual(accepted.data.object);

    expect(foCancelled.id).toMatch(/^evt_/);
    const foAfter = await getJson<FulfillmentOrder>(`/fulfillment-orders/${fo.id}`);
    const itemAfter = foAfter.items.find((i) => i.id === item.id) as FulfillmentOrderItem;
    expect(itemAfter.cancelled).toBe(countsBefore.cancelled + 3);
    expect(itemAfter.pending + itemAfter.backordered).toBe(countsBefore.pending + countsBefore.backordered - 3);
    expect(itemAfter.pending + itemAfter.backordered + itemAfter.shipped + itemAfter.cancelled + itemAfter.returned).toBe(itemAfter.quantity);
    expect(foCancelled.data.object).toEqual(foAfter);
    expect(foCancelled.data.previousAttributes?.['items']).toEqual(expect.arrayContaining([expect.objectContaining({ id: item.id, cancelled: countsBefore.cancelled })]));

    const fulfillment = fulfillmentCreated.data.object as FulfillmentWithDetails;
    expect(fulfillment).toMatchObject({
      id: expect.stringMatching(/^ful_/),
      orderId: fo.upstreamId,
      items: [{ itemId: item.upstreamId, skuId: item.inventoryItemId, quantity: 0, cancelQuantity: 3 }],
      orderDetails: expect.objectContaining({ id: fo.upstreamId }),
      liveMode: false,
    });
    expect(fulfillment.orderDetails).not.toHaveProperty('payment');
    expect(fulfillment).not.toHaveProperty('shipmentId');
    expect(fulfillment.chargeOperationIds).toHaveLength(1);

    const pendingCharge = cancelPending.data.object as Charge;
    const completeCharge = cancelComplete.data.object as Charge;
    const op = pendingCharge.cancels?.find((c) => c.id === fulfillment.chargeOperationIds[0]);
    expect(pendingCharge.orderId).toBe(fo.upstreamId);
    expect(op).toMatchObject({ state: 'pending', amount: expect.any(Number) });
    expect(completeCharge.cancels?.find((c) => c.id === op?.id)).toMatchObject({ state: 'complete', amount: op?.amount });
    expect(await getJson<Charge>(`/charges/${completeCharge.id}`)).toEqual(completeCharge);

    const orderAfter = await getJson<Order>(`/orders/${fo.upstreamId}`);
    const m = (x: number): number => toMinor(x, orderAfter.currency);
    expect(m(orderAfter.cancelledAmount)).toBe(m(orderBefore.cancelledAmount) + m(op?.amount ?? 0));
    expect(m(op?.amount ?? 0)).toBeGreaterThan(0);
    expect(orderAfter.state).toBe('accepted');

    const delivered = await receiver.waitFor((all) => events.every((e) => all.some((d) => d.event.id === e.id)));
    for (const e of events) {
      const delivery = delivered.find((d) => d.event.id === e.id);
      expect(delivery?.event).toEqual(e);
      expect(signersOf(delivery!, [SECRET])).toEqual([SECRET]);
    }
  });

  it('accepts fewer units (at least one) for reason test_partial', async () => {
    const { fo, item } = bulkItem();
    const cancelledBefore = item.cancelled;
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_partial', items: [{ fulfillmentOrderItemId: item.id, quantity: 4 }] });
    const id = (res.body as FulfillmentCancellation).id;
    const events = await waitForEvents(sim, marker, (e) => types(e).includes('order.charge.cancel.complete'));
    const decided = await getJson<FulfillmentCancellation>(`/fulfillment-cancellations/${id}`);
    expect(decided).toMatchObject({ state: 'accepted', items: [{ quantity: 4, quantityAccepted: 2, state: 'accepted' }] });
    expect(item.cancelled).toBe(cancelledBefore + 2);
    const fulfillment = events.find((e) => e.type === 'fulfillment.created')?.data.object as FulfillmentWithDetails;
    expect(fulfillment.items).toEqual([expect.objectContaining({ quantity: 0, cancelQuantity: 2 })]);
  });

  it('rejects for reason test_reject and moves nothing', async () => {
    const { fo, item } = bulkItem();
    const before = { ...item };
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] });
    const id = (res.body as FulfillmentCancellation).id;
    await waitForEvents(sim, marker, (e) => types(e).includes('fulfillment_cancellation.rejected'));
    const events = await settledEventsAfter(sim, marker);
    expect(types(events)).toEqual(['fulfillment_cancellation.created', 'fulfillment_cancellation.rejected']);
    expect(events[1]?.data).toEqual({
      object: expect.objectContaining({ id, state: 'rejected', items: [expect.objectContaining({ quantity: 1, quantityAccepted: 0, state: 'rejected' })] }),
      previousAttributes: { state: 'pending' },
    });
    expect({ ...item }).toEqual(before);
  });

  it('cancels the fulfillment order and then the whole order when every unit is cancelled', async () => {
    const order = untouchedPhysicalOrder();
    const fo = sim.store.fulfillmentOrdersOfOrder(order.id)[0] as FulfillmentOrder;
    expect(fo.items.every((i) => i.pending + i.backordered === i.quantity)).toBe(true);
    const charges = order.payment.chargeIds.length;
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillment-cancellations', {
      fulfillmentOrderId: fo.id,
      upstreamId: order.id,
      reason: 'test_accept',
      items: fo.items.map((i) => ({ fulfillmentOrderItemId: i.id, fulfillmentOrderItemUpstreamId: i.upstreamId, quantity: i.quantity })),
    });
    expect(res.status).toBe(201);
    await waitForEvents(sim, marker, (e) => types(e).includes('order.cancelled'));
    const events = await settledEventsAfter(sim, marker);
    const cancelOps = events.filter((e) => e.type === 'order.charge.cancel.pending').length;
    expect(cancelOps).toBeGreaterThanOrEqual(fo.items.length);
    expect(types(events)).toEqual([
      'fulfillment_cancellation.created',
      'fulfillment_cancellation.accepted',
      'fulfillment_order.cancelled',
      'fulfillment.created',
      ...Array<string>(cancelOps).fill('order.charge.cancel.pending'),
      ...Array<string>(cancelOps).fill('order.charge.cancel.complete'),
      ...Array<string>(charges).fill('order.charge.cancelled'),
      'order.cancelled',
    ]);
    const foEvent = events[2] as SimEvent;
    expect(foEvent.data.object).toMatchObject({ id: fo.id, state: 'cancelled' });
    expect(foEvent.data.previousAttributes).toMatchObject({ state: 'pending' });
    expect(events.find((e) => e.type === 'order.charge.cancelled')?.data).toMatchObject({ object: { state: 'cancelled', orderId: order.id }, previousAttributes: { state: 'capturable' } });

    const after = await getJson<Order>(`/orders/${order.id}`);
    expect(after).toMatchObject({ state: 'cancelled', cancelledAmount: order.totalAmount, capturedAmount: 0 });
    expect(after.items.every((i) => i.state === 'cancelled' && i.stateTransitions['cancelled'] !== undefined)).toBe(true);
    expect(after.stateTransitions.cancelled).toMatch(ISO_SECONDS);
    expect(after.payment.charges?.every((c) => c.state === 'cancelled')).toBe(true);
    expect(events[events.length - 1]?.data).toEqual({ object: after, previousAttributes: { state: 'accepted' } });
    expect((await getJson<FulfillmentOrder>(`/fulfillment-orders/${fo.id}`)).items.every((i) => i.state === 'cancelled' && i.cancelled === i.quantity)).toBe(true);

    const again = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ type: 'conflict', errors: [{ code: 'invalid_state', parameter: 'fulfillmentOrderId', message: expect.any(String) }] });
  });

  it('lists the new events in GET /events newest first', async () => {
    const { fo, item } = bulkItem();
    const marker = await newestEventId(sim);
    await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_accept', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] });
    const oldestFirst = await waitForEvents(sim, marker, (e) => types(e).includes('order.charge.cancel.complete'));
    const page = await call(sim, `/events?limit=${oldestFirst.length + 1}`);
    const newestFirst = (page.body as { data: SimEvent[] }).data;
    expect(newestFirst.map((e) => e.id)).toEqual([...oldestFirst.map((e) => e.id)].reverse().concat(marker));
    const byType = await call(sim, '/events?type=fulfillment_cancellation.*&limit=2');
    expect((byType.body as { data: SimEvent[] }).data.map((e) => e.type)).toEqual(['fulfillment_cancellation.accepted', 'fulfillment_cancellation.created']);
    const one = await call(sim, `/events/${oldestFirst[0]?.id as string}`);
    expect(one.body).toEqual(oldestFirst[0]);
  });
});

describe('Validation', () => {
  it.each<[string, () => unknown, number, string, string]>([
    ['items is absent', () => ({ fulfillmentOrderId: bulkItem().fo.id }), 400, 'missing_parameter', 'items'],
    ['fulfillmentOrderId is absent', () => ({ items: [{ fulfillmentOrderItemId: bulkItem().item.id, quantity: 1 }] }), 400, 'missing_parameter', 'fulfillmentOrderId'],
    ['items is empty', () => ({ fulfillmentOrderId: bulkItem().fo.id, items: [] }), 400, 'invalid_parameter', 'items'],
    ['the fulfillment order is unknown', () => ({ fulfillmentOrderId: '1', items: [{ fulfillmentOrderItemId: '1', quantity: 1 }] }), 404, 'not_found', 'fulfillmentOrderId'],
    [
      'an item is unknown',
      () => ({ fulfillmentOrderId: bulkItem().fo.id, items: [{ fulfillmentOrderItemId: bulkItem().item.id, quantity: 1 }, { fulfillmentOrderItemId: '42', quantity: 1 }] }),
      400,
      'invalid_parameter',
      'items[1].fulfillmentOrderItemId',
    ],
    ['the quantity is 0', () => ({ fulfillmentOrderId: bulkItem().fo.id, items: [{ fulfillmentOrderItemId: bulkItem().item.id, quantity: 0 }] }), 400, 'invalid_parameter', 'items[0].quantity'],
    ['the quantity is not a number', () => ({ fulfillmentOrderId: bulkItem().fo.id, items: [{ fulfillmentOrderItemId: bulkItem().item.id, quantity: 'two' }] }), 400, 'invalid_parameter', 'items[0].quantity'],
    ['the quantity is absent', () => ({ fulfillmentOrderId: bulkItem().fo.id, items: [{ fulfillmentOrderItemId: bulkItem().item.id }] }), 400, 'missing_parameter', 'items[0].quantity'],
    [
      'the quantity exceeds the open units minus what pending cancellations ask for',
      () => {
        const { fo, item } = bulkItem();
        const asked = askedByPending(fo.id, item.id);
        expect(asked).toBeGreaterThan(0);
        return { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: item.id, quantity: item.pending + item.backordered - asked + 1 }] };
      },
      400,
      'invalid_parameter',
      'items[0].quantity',
    ],
    [
      'the fulfillment order is cancelled',
      () => {
        const fo = sim.store.fulfillmentOrders.sorted().find((f) => f.state === 'cancelled') as FulfillmentOrder;
        return { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] };
      },
      409,
      'invalid_state',
      'fulfillmentOrderId',
    ],
    [
      'nothing is left to cancel (everything shipped)',
      () => {
        const fo = sim.store.fulfillmentOrders.sorted().find((f) => f.state === 'shipped' && f.items.every((i) => i.pending + i.backordered === 0)) as FulfillmentOrder;
        return { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] };
      },
      409,
      'invalid_state',
      'fulfillmentOrderId',
    ],
  ])('answers %s with the upstream error format', async (_case, body, status, code, parameter) => {
    const created = sim.store.cancellations.size;
    const events = sim.store.events.size;
    const res = await postJson(sim, '/fulfillment-cancellations', body());
    expectUpstreamError(res, status, code, parameter);
    expect(sim.store.cancellations.size).toBe(created);
    expect(sim.store.events.size).toBe(events);
  });

  it('answers 400 invalid_parameter for a shipped-only item while other items are open', async () => {
    const fo = sim.store.fulfillmentOrders
      .sorted()
      .find((f) => f.items.some((i) => i.pending + i.backordered === 0) && f.items.some((i) => i.pending - askedByPending(f.id, i.id) > 0));
    const closed = fo?.items.find((i) => i.pending + i.backordered === 0) as FulfillmentOrderItem;
    const res = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo?.id, items: [{ fulfillmentOrderItemId: closed.id, quantity: 1 }] });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ code: 'invalid_parameter', parameter: 'items[0].quantity' }] });
  });
});

describe('Idempotency', () => {
  it('answers the first answer again for the same key and body, creating one cancellation', async () => {
    const { fo, item } = bulkItem();
    const before = sim.store.cancellations.size;
    const body = { fulfillmentOrderId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] };
    const first = await postJson(sim, '/fulfillment-cancellations', body, { 'idempotency-key': 'cancel-key-1' });
    const reordered = { items: body.items, reason: body.reason, fulfillmentOrderId: body.fulfillmentOrderId };
    const second = await postJson(sim, '/fulfillment-cancellations', reordered, { 'idempotency-key': 'cancel-key-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(sim.store.cancellations.size).toBe(before + 1);
  });

  it('answers 409 idempotency_key_reused for the same key with another body, creating nothing', async () => {
    const { fo, item } = bulkItem();
    await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] }, { 'idempotency-key': 'cancel-key-2' });
    const before = sim.store.cancellations.size;
    const other = await postJson(sim, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_reject', items: [{ fulfillmentOrderItemId: item.id, quantity: 2 }] }, { 'idempotency-key': 'cancel-key-2' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(other.status).toBe(409);
    expect(other.body).toEqual({ type: 'conflict', errors: [{ code: 'idempotency_key_reused', parameter: 'Idempotency-Key', message: expect.any(String) }] });
    expect(sim.store.cancellations.size).toBe(before);
    const elsewhere = await postJson(sim, '/fulfillments', { orderId: fo.upstreamId, items: [] }, { 'idempotency-key': 'cancel-key-2' });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body).toMatchObject({ errors: [{ code: 'idempotency_key_reused' }] });
  });

  it('keeps keys per API key and forgets them after 24 hours', () => {
    let now = 0;
    const cache = new IdempotencyCache(() => now);
    cache.remember('sk_test_a', 'k', 'fp', { status: 201, body: { id: 'x' } });
    expect(cache.lookup('sk_test_a', 'k')?.result).toEqual({ status: 201, body: { id: 'x' } });
    expect(cache.lookup('sk_test_b', 'k')).toBeUndefined();
    now = 24 * 60 * 60 * 1000 - 1;
    expect(cache.lookup('sk_test_a', 'k')).toBeDefined();
    now += 1;
    expect(cache.lookup('sk_test_a', 'k')).toBeUndefined();
  });
});

describe('Fulfiller controls', () => {
  let slow: Simulator;

  beforeAll(async () => {
    slow = await createSimulator({ port: 0, orderCount: 60, fulfillerDelayMs: 60_000, settleDelayMs: 20, fulfillerOutcome: 'reject' });
  });

  afterAll(async () => {
    await slow.stop();
  });

  function slowBulk(): { fo: FulfillmentOrder; item: FulfillmentOrderItem } {
    const fo = slow.store.fulfillmentOrdersOfOrder(slow.store.facts.bulkOrderId)[0] as FulfillmentOrder;
    return { fo, item: fo.items[0] as FulfillmentOrderItem };
  }

  it('keeps a cancellation pending until the delay, and decideNow applies the option outcome at once', async () => {
    const { fo, item } = slowBulk();
    const res = await postJson(slow, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'requested_by_customer', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] });
    const id = (res.body as FulfillmentCancellation).id;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(slow.store.cancellations.get(id)?.state).toBe('pending');
    expect(slow.fulfiller.pending).toBeGreaterThan(0);
    expect(slow.fulfiller.decideNow(id)).toMatchObject({ id, state: 'rejected' });
    expect(() => slow.fulfiller.decideNow(id)).toThrow(/already rejected/);
    expect(() => slow.fulfiller.decideNow('ret_0')).toThrow(RangeError);
  });

  it('lets an explicit outcome win over the option, and a test reason win over the option', async () => {
    const { fo, item } = slowBulk();
    const marker = await newestEventId(slow);
    const plain = await postJson(slow, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: item.id, quantity: 2 }] });
    const forced = await postJson(slow, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_accept', items: [{ fulfillmentOrderItemId: item.id, quantity: 1 }] });
    expect(slow.fulfiller.decideNow((plain.body as FulfillmentCancellation).id, 'accept')).toMatchObject({ state: 'accepted', items: [{ quantityAccepted: 2 }] });
    expect(slow.fulfiller.decideNow((forced.body as FulfillmentCancellation).id)).toMatchObject({ state: 'accepted', items: [{ quantityAccepted: 1 }] });
    const events = await waitForEvents(slow, marker, (e) => e.filter((x) => x.type === 'order.charge.cancel.complete').length === 2);
    expect(events.filter((e) => e.type === 'fulfillment.created')).toHaveLength(2);
  });

  it('decides over POST /__sim/fulfiller/decide, seeded pending cancellations too', async () => {
    const seeded = slow.store.cancellations.sorted().find((c) => c.state === 'pending' && c.fulfillmentOrderId !== slowBulk().fo.id);
    expect(seeded).toBeDefined();
    const decided = await call(slow, '/__sim/fulfiller/decide', { method: 'POST', auth: false, body: JSON.stringify({ cancellationId: seeded?.id, outcome: 'accept' }) });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ id: seeded?.id, state: 'accepted', livemode: false });
    const twice = await call(slow, '/__sim/fulfiller/decide', { method: 'POST', auth: false, body: JSON.stringify({ cancellationId: seeded?.id }) });
    expect(twice.status).toBe(409);
    const unknown = await call(slow, '/__sim/fulfiller/decide', { method: 'POST', auth: false, body: JSON.stringify({ cancellationId: 'ret_0' }) });
    expect(unknown.status).toBe(404);
    const badOutcome = await call(slow, '/__sim/fulfiller/decide', { method: 'POST', auth: false, body: JSON.stringify({ cancellationId: seeded?.id, outcome: 'maybe' }) });
    expect(badOutcome.body).toMatchObject({ errors: [{ code: 'invalid_parameter', parameter: 'outcome' }] });
    expect(slow.requestLog.entries().some((e) => e.path.startsWith('/__sim'))).toBe(false);
  });

  it('refuses units that shipped while the cancellation was pending, even for reason test_accept', async () => {
    const order = slow.store.orders
      .sorted()
      .find((o) => o.state === 'accepted' && o.shipTo !== undefined && slow.store.fulfillmentsOfOrder(o.id).length === 0 && slow.store.cancellationsOfOrder(o.id).length === 0) as StoredOrder;
    const fo = slow.store.fulfillmentOrdersOfOrder(order.id)[0] as FulfillmentOrder;
    const foItem = fo.items[0] as FulfillmentOrderItem;
    const open = foItem.pending + foItem.backordered;
    const res = await postJson(slow, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, reason: 'test_accept', items: [{ fulfillmentOrderItemId: foItem.id, quantity: open }] });
    expect(res.status).toBe(201);
    const shipped = await postJson(slow, '/fulfillments', { orderId: order.id, items: [{ itemId: foItem.upstreamId, quantity: open }] });
    expect(shipped.status).toBe(201);
    expect(foItem).toMatchObject({ pending: 0, backordered: 0, shipped: open });
    expect(slow.fulfiller.decideNow((res.body as FulfillmentCancellation).id)).toMatchObject({ state: 'rejected', items: [{ quantityAccepted: 0, state: 'rejected' }] });
    expect(foItem.cancelled).toBe(0);
  });

  it('draws accept, partial and reject from the seeded generator for outcome random', () => {
    const pending = slow.store.cancellations.sorted().filter((c) => c.state === 'pending' && c.items.some((i) => i.quantity >= 2));
    const outcomes = pending.map((c) => {
      const decided = slow.fulfiller.decideNow(c.id, 'random');
      if (decided.state === 'rejected') return 'reject';
      return decided.items.some((i) => i.quantityAccepted < i.quantity) ? 'partial' : 'accept';
    });
    expect(outcomes.length).toBeGreaterThan(5);
    expect(outcomes).toContain('accept');
    expect(outcomes).toContain('reject');
  });

  it('stops pending decisions and settlements on stop()', async () => {
    const extra = await createSimulator({ port: 0, orderCount: 30, fulfillerDelayMs: 30_000, settleDelayMs: 30_000 });
    const fo = extra.store.fulfillmentOrdersOfOrder(extra.store.facts.bulkOrderId)[0] as FulfillmentOrder;
    const pending = await postJson(extra, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] });
    const decided = await postJson(extra, '/fulfillment-cancellations', { fulfillmentOrderId: fo.id, items: [{ fulfillmentOrderItemId: fo.items[0]?.id, quantity: 1 }] });
    extra.fulfiller.decideNow((decided.body as FulfillmentCancellation).id, 'accept');
    expect(extra.fulfiller.pending).toBe(1);
    const started = Date.now();
    await extra.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(extra.store.cancellations.get((pending.body as FulfillmentCancellation).id)?.state).toBe('pending');
    expect(extra.backgroundErrors).toEqual([]);
  });
});
