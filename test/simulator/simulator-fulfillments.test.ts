// POST /fulfillments over real HTTP: captures and cancels, order and item states, the 409s, validation, idempotency (§6.2, §10.8).

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import { toMinor } from '../../src/simulator/money';
import type { Charge, Fulfillment, FulfillmentOrder, FulfillmentWithDetails, Order, OrderState, SimEvent, StoredOrder } from '../../src/simulator/wire-types';
import { call, expectUpstreamError } from './sim-client';
import { newestEventId, postJson, settledEventsAfter, waitForEvents } from './sim-events';
import { signersOf, startReceiver, type WebhookReceiver } from './webhook-receiver';

let sim: Simulator;
let receiver: WebhookReceiver;
const used = new Set<string>();

beforeAll(async () => {
  sim = await createSimulator({ port: 0, fulfillerDelayMs: 40, settleDelayMs: 30 });
  receiver = await startReceiver();
  expect((await postJson(sim, '/webhooks', { types: ['order.*', 'fulfillment.created'], address: receiver.url })).status).toBe(201);
});

afterAll(async () => {
  await sim.stop();
  await receiver.stop();
  expect(sim.backgroundErrors).toEqual([]);
});

// An accepted order nothing has touched yet (no fulfillments, no cancellations), not used by another test.
function untouchedOrder(physical: boolean, fits: (o: StoredOrder) => boolean = () => true): StoredOrder {
  const order = sim.store.orders
    .sorted()
    .find(
      (o) =>
        !used.has(o.id) &&
        o.state === 'accepted' &&
        (o.shipTo !== undefined) === physical &&
        sim.store.fulfillmentsOfOrder(o.id).length === 0 &&
        sim.store.cancellationsOfOrder(o.id).length === 0 &&
        fits(o),
    );
  if (order === undefined) throw new Error(`the seed has no untouched accepted ${physical ? 'physical' : 'digital'} order left`);
  used.add(order.id);
  return order;
}

// Units of an item no fulfillment has fulfilled or cancelled, computed from the fulfillments.
function remaining(orderId: string, itemId: string): number {
  const order = sim.store.orders.get(orderId) as StoredOrder;
  const done = sim.store
    .fulfillmentsOfOrder(orderId)
    .flatMap((f) => f.items)
    .filter((line) => line.itemId === itemId)
    .reduce((sum, line) => sum + line.quantity + line.cancelQuantity, 0);
  return (order.items.find((i) => i.id === itemId)?.quantity ?? 0) - done;
}

async function getJson<T>(path: string): Promise<T> {
  const res = await call(sim, path);
  expect(res.status).toBe(200);
  return res.body as T;
}

function types(events: readonly SimEvent[]): string[] {
  return events.map((e) => e.type);
}

function repeat(type: string, times: number): string[] {
  return Array<string>(times).fill(type);
}

describe('Capture path', () => {
  it('fulfills every unit: 201, captures pending then complete, order.fulfilled then order.complete, units shipped', async () => {
    const order = untouchedOrder(true);
    const charges = order.payment.chargeIds.length;
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillments', {
      orderId: order.id,
      items: order.items.map((item, i) => ({ itemId: item.id, quantity: i === 0 ? String(item.quantity) : item.quantity })),
      shipmentId: '100009990001',
      trackingCompany: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: 'https://carrier.example/1Z999',
      metadata: { wave: 3 },
    });
    expect(res.status).toBe(201);
    const fulfillment = res.body as Fulfillment;
    expect(fulfillment).toEqual({
      id: expect.stringMatching(/^ful_[0-9a-f-]{36}$/),
      createdTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      items: order.items.map((item) => ({ itemId: item.id, skuId: item.skuId, quantity: item.quantity, cancelQuantity: 0 })),
      orderId: order.id,
      shipmentId: '100009990001',
      trackingCompany: 'UPS',
      trackingNumber: '1Z999',
      trackingUrl: 'https://carrier.example/1Z999',
      metadata: { wave: 3 },
      liveMode: false,
    });

    await waitForEvents(sim, marker, (e) => types(e).includes('order.complete'));
    const events = await settledEventsAfter(sim, marker);
    const captures = events.filter((e) => e.type === 'order.charge.capture.pending').length;
    expect(captures).toBeGreaterThanOrEqual(order.items.length);
    expect(types(events)).toEqual([
      'fulfillment.created',
      ...repeat('order.charge.capture.pending', captures),
      'order.fulfilled',
      ...repeat('order.charge.capture.complete', captures),
      ...repeat('order.charge.complete', charges),
      'order.complete',
    ]);
    const created = events[0]?.data.object as FulfillmentWithDetails;
    expect(created).toMatchObject({ ...fulfillment, orderDetails: expect.objectContaining({ id: order.id }) });
    expect(created.chargeOperationIds).toHaveLength(captures);
    expect(events.find((e) => e.type === 'order.charge.capture.pending')?.data.object).toMatchObject({ orderId: order.id, state: 'processing' });
    expect(events.find((e) => e.type === 'order.fulfilled')?.data).toMatchObject({ object: { state: 'fulfilled', capturedAmount: 0 }, previousAttributes: { state: 'accepted' } });
    expect(events.find((e) => e.type === 'order.charge.complete')?.data).toMatchObject({ object: { state: 'complete' }, previousAttributes: { state: 'processing' } });

    const after = await getJson<Order>(`/orders/${order.id}`);
    expect(events[events.length - 1]?.data).toEqual({ object: after, previousAttributes: { state: 'fulfilled' } });
    expect(after).toMatchObject({ state: 'complete', capturedAmount: order.totalAmount, availableToRefundAmount: order.totalAmount, cancelledAmount: 0 });
    expect(Object.keys(after.stateTransitions)).toEqual(expect.arrayContaining(['accepted', 'fulfilled', 'complete']));
    expect(after.items.every((i) => i.state === 'fulfilled')).toBe(true);
    const m = (x: number): number => toMinor(x, after.currency);
    expect(after.items.reduce((sum, i) => sum + m(i.availableToRefundAmount), 0)).toBe(m(order.totalAmount));

    const full = await getJson<FulfillmentWithDetails>(`/fulfillments/${fulfillment.id}`);
    const charge = await getJson<Charge>(`/charges/${order.payment.chargeIds[0] as string}`);
    expect(charge.state).toBe('complete');
    expect(charge.captures?.every((c) => c.state === 'complete' && c.fulfillmentId === fulfillment.id)).toBe(true);
    expect(full.chargeOperationIds).toEqual(created.chargeOperationIds);

    const fo = (await getJson<{ data: FulfillmentOrder[] }>(`/fulfillment-orders?upstreamIds=${order.id}`)).data[0] as FulfillmentOrder;
    expect(fo.state).toBe('shipped');
    expect(fo.items.every((i) => i.shipped === i.quantity && i.pending === 0 && i.backordered === 0 && i.state === 'shipped')).toBe(true);

    const again = await postJson(sim, '/fulfillments', { orderId: order.id, items: [{ itemId: order.items[0]?.id, quantity: 1 }] });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ type: 'conflict', errors: [{ code: 'order_complete', parameter: 'orderId', message: `Order '${order.id}' is complete.` }] });

    const delivered = await receiver.waitFor((all) => events.every((e) => all.some((d) => d.event.id === e.id)));
    for (const delivery of delivered.filter((d) => events.some((e) => e.id === d.event.id))) expect(signersOf(delivery, ['whsec_simulator'])).toHaveLength(1);
  });

  it('keeps the order accepted and a partly fulfilled item created, then fulfills the rest with a cancel', async () => {
    const order = untouchedOrder(false, (o) => o.items.length >= 2 && (o.items[0]?.quantity ?? 0) >= 2);
    const [first, ...others] = order.items as [StoredOrder['items'][number], ...StoredOrder['items']];
    const marker = await newestEventId(sim);
    const partial = await postJson(sim, '/fulfillments', { orderId: Number(order.id), items: [{ itemId: Number(first.id), quantity: 1 }] });
    expect(partial.status).toBe(201);
    await waitForEvents(sim, marker, (e) => types(e).includes('order.charge.capture.complete'));
    expect(types(await settledEventsAfter(sim, marker))).toEqual(['fulfillment.created', 'order.charge.capture.pending', 'order.charge.capture.complete']);
    const midway = await getJson<Order>(`/orders/${order.id}`);
    expect(midway.state).toBe('accepted');
    expect(midway.items[0]?.state).toBe('created');
    expect(midway.capturedAmount).toBeGreaterThan(0);
    expect(midway.payment.charges?.[0]?.state).toBe('capturable');

    const marker2 = await newestEventId(sim);
    const rest = await postJson(sim, '/fulfillments', {
      orderId: order.id,
      items: [{ itemId: first.id, quantity: 0, cancelQuantity: first.quantity - 1 }, ...others.map((item) => ({ itemId: item.id, quantity: item.quantity }))],
    });
    expect(rest.status).toBe(201);
    await waitForEvents(sim, marker2, (e) => types(e).includes('order.complete'));
    const events = await settledEventsAfter(sim, marker2);
    expect(types(events).slice(0, 1)).toEqual(['fulfillment.created']);
    expect(types(events).indexOf('order.fulfilled')).toBeGreaterThan(types(events).lastIndexOf('order.charge.cancel.pending'));
    expect(types(events).indexOf('order.fulfilled')).toBeLessThan(types(events).indexOf('order.charge.capture.complete'));
    expect(types(events).slice(-2)).toEqual(['order.charge.complete', 'order.complete']);

    const after = await getJson<Order>(`/orders/${order.id}`);
    const m = (x: number): number => toMinor(x, after.currency);
    expect(after.state).toBe('complete');
    expect(m(after.capturedAmount) + m(after.cancelledAmount)).toBe(m(after.totalAmount));
    expect(m(after.cancelledAmount)).toBeGreaterThan(0);
    expect(after.items.every((i) => i.state === 'fulfilled')).toBe(true);
  });

  it('ships and cancels units of a physical order in one request, moving the fulfillment order counts', async () => {
    const order = untouchedOrder(true, (o) => (o.items[0]?.quantity ?? 0) >= 2);
    const item = order.items[0] as StoredOrder['items'][number];
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillments', { orderId: order.id, items: [{ itemId: item.id, quantity: 1, cancelQuantity: 1 }] });
    expect(res.status).toBe(201);
    expect((res.body as Fulfillment).items).toEqual([{ itemId: item.id, skuId: item.skuId, quantity: 1, cancelQuantity: 1 }]);
    const fo = sim.store.fulfillmentOrdersOfOrder(order.id)[0] as FulfillmentOrder;
    const foItem = fo.items.find((i) => i.upstreamId === item.id);
    expect(foItem).toMatchObject({ shipped: 1, cancelled: 1, pending: item.quantity - 2 - (foItem?.backordered ?? 0), state: 'shipped' });
    expect(fo.state).toBe('shipped');
    await waitForEvents(sim, marker, (e) => types(e).includes('order.charge.capture.complete') && types(e).includes('order.charge.cancel.complete'));
    const events = await settledEventsAfter(sim, marker);
    expect(types(events).slice(0, 3)).toEqual(['fulfillment.created', 'order.charge.capture.pending', 'order.charge.cancel.pending']);
  });

  it('cancels the order when every unit is cancelled with cancelQuantity', async () => {
    const order = untouchedOrder(false);
    const marker = await newestEventId(sim);
    const res = await postJson(sim, '/fulfillments', { orderId: order.id, items: order.items.map((item) => ({ itemId: item.id, cancelQuantity: item.quantity })) });
    expect(res.status).toBe(201);
    await waitForEvents(sim, marker, (e) => types(e).includes('order.cancelled'));
    const events = await settledEventsAfter(sim, marker);
    const cancels = events.filter((e) => e.type === 'order.charge.cancel.pending').length;
    expect(types(events)).toEqual([
      'fulfillment.created',
      ...repeat('order.charge.cancel.pending', cancels),
      ...repeat('order.charge.cancel.complete', cancels),
      ...repeat('order.charge.cancelled', order.payment.chargeIds.length),
      'order.cancelled',
    ]);
    const after = await getJson<Order>(`/orders/${order.id}`);
    expect(after).toMatchObject({ state: 'cancelled', cancelledAmount: order.totalAmount, capturedAmount: 0 });
    expect(after.items.every((i) => i.state === 'cancelled')).toBe(true);
  });

  it('answers 409 order_fulfilled while the order is fulfilled', async () => {
    const fulfilled = sim.store.orders.sorted().find((o) => o.state === 'fulfilled') as StoredOrder;
    const res = await postJson(sim, '/fulfillments', { orderId: fulfilled.id, items: [{ itemId: fulfilled.items[0]?.id, quantity: 1 }] });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ type: 'conflict', errors: [{ code: 'order_fulfilled', parameter: 'orderId', message: `Resource '${fulfilled.id}' is fulfilled.` }] });
  });
});

describe('Validation', () => {
  const bulk = (): StoredOrder => sim.store.orders.get(sim.store.facts.bulkOrderId) as StoredOrder;
  const bulkItemId = (): string => bulk().items[0]?.id as string;

  it.each<[string, () => unknown, number, string, string]>([
    ['orderId is absent', () => ({ items: [{ itemId: bulkItemId(), quantity: 1 }] }), 400, 'missing_parameter', 'orderId'],
    ['items is absent', () => ({ orderId: bulk().id }), 400, 'missing_parameter', 'items'],
    ['the order is unknown', () => ({ orderId: '999999990336', items: [{ itemId: '1', quantity: 1 }] }), 404, 'not_found', 'orderId'],
    ['an item has neither quantity', () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId() }] }), 400, 'missing_parameter', 'items[0].quantity'],
    ['an item is unknown', () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: 1 }, { itemId: '12345', quantity: 1 }] }), 400, 'invalid_parameter', 'items[1].itemId'],
    ['a quantity is negative', () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: -1 }] }), 400, 'invalid_parameter', 'items[0].quantity'],
    ['a quantity is fractional', () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: 1.5 }] }), 400, 'invalid_parameter', 'items[0].quantity'],
    [
      'a quantity exceeds what remains',
      () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: remaining(bulk().id, bulkItemId()) + 1 }] }),
      400,
      'invalid_parameter',
      'items[0].quantity',
    ],
    [
      'quantity plus cancelQuantity exceed what remains',
      () => ({ orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: 1, cancelQuantity: remaining(bulk().id, bulkItemId()) }] }),
      400,
      'invalid_parameter',
      'items[0].cancelQuantity',
    ],
    [
      'two lines of one item exceed what remains together',
      () => {
        const left = remaining(bulk().id, bulkItemId());
        return { orderId: bulk().id, items: [{ itemId: bulkItemId(), quantity: left }, { itemId: bulkItemId(), cancelQuantity: 1 }] };
      },
      400,
      'invalid_parameter',
      'items[1].cancelQuantity',
    ],
    ...(['complete'] as const).map((state): [string, () => unknown, number, string, string] => [
      `the order is ${state}`,
      () => {
        const order = sim.store.orders.sorted().find((o) => o.state === state) as StoredOrder;
        return { orderId: order.id, items: [{ itemId: order.items[0]?.id, quantity: 1 }] };
      },
      409,
      'order_complete',
      'orderId',
    ]),
    ...(['pending_payment', 'in_review', 'blocked', 'cancelled', 'returned', 'dispute'] as OrderState[]).map((state): [string, () => unknown, number, string, string] => [
      `the order is ${state}`,
      () => {
        const order = sim.store.orders.sorted().find((o) => o.state === state) as StoredOrder;
        return { orderId: order.id, items: [{ itemId: order.items[0]?.id, quantity: 1 }] };
      },
      409,
      'invalid_state',
      'orderId',
    ]),
  ])('answers when %s', async (_case, body, status, code, parameter) => {
    const fulfillments = sim.store.fulfillments.size;
    const events = sim.store.events.size;
    const res = await postJson(sim, '/fulfillments', body());
    expectUpstreamError(res, status, code, parameter);
    expect(sim.store.fulfillments.size).toBe(fulfillments);
    expect(sim.store.events.size).toBe(events);
  });
});

describe('Idempotency', () => {
  it('creates one fulfillment for two requests with the same key and body', async () => {
    const order = untouchedOrder(false);
    const item = order.items[0] as StoredOrder['items'][number];
    const body = { orderId: order.id, items: [{ itemId: item.id, quantity: 1 }] };
    const marker = await newestEventId(sim);
    const first = await postJson(sim, '/fulfillments', body, { 'Idempotency-Key': 'ful-1' });
    const second = await postJson(sim, '/fulfillments', body, { 'Idempotency-Key': 'ful-1' });
    expect(first.status).toBe(201);
    expect(second).toMatchObject({ status: 201, body: first.body });
    expect(sim.store.fulfillmentsOfOrder(order.id)).toHaveLength(1);
    const events = await settledEventsAfter(sim, marker);
    expect(events.filter((e) => e.type === 'fulfillment.created')).toHaveLength(1);

    const changed = await postJson(sim, '/fulfillments', { ...body, trackingNumber: 'X1' }, { 'Idempotency-Key': 'ful-1' });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ type: 'conflict', errors: [{ code: 'idempotency_key_reused' }] });
    expect(sim.store.fulfillmentsOfOrder(order.id)).toHaveLength(1);
  });

  it('does not remember refused requests: the same key works once the request is valid', async () => {
    const order = untouchedOrder(false);
    const item = order.items[0] as StoredOrder['items'][number];
    const bad = await postJson(sim, '/fulfillments', { orderId: order.id, items: [{ itemId: item.id, quantity: item.quantity + 1 }] }, { 'idempotency-key': 'ful-2' });
    expect(bad.status).toBe(400);
    const good = await postJson(sim, '/fulfillments', { orderId: order.id, items: [{ itemId: item.id, quantity: item.quantity + 1 }] }, { 'idempotency-key': 'ful-2' });
    expect(good.status).toBe(400);
    const other = await postJson(sim, '/fulfillments', { orderId: order.id, items: [{ itemId: item.id, quantity: 1 }] }, { 'idempotency-key': 'ful-2' });
    expect(other.status).toBe(201);
    await settledEventsAfter(sim, await newestEventId(sim));
  });
});
