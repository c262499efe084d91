// The simulator's read endpoints over real HTTP: auth, paging, filters, errors, embedded vs full objects.

import { createSimulator, type Simulator } from '../../src/simulator/create-simulator';
import type {
  Charge,
  EmbeddedCharge,
  FulfillmentCancellation,
  FulfillmentOrder,
  FulfillmentWithDetails,
  Order,
  SimEvent,
  Source,
  StoredOrder,
} from '../../src/simulator/wire-types';
import { call, getPage, listAll } from './sim-client';

let sim: Simulator;

beforeAll(async () => {
  sim = await createSimulator({ port: 0 });
});

afterAll(async () => {
  await sim.stop();
});

describe('Auth and envelope', () => {
  it('answers 401 unauthorized without a key and with a wrong key', async () => {
    for (const auth of [false, 'sk_test_wrong'] as const) {
      const res = await call(sim, '/orders', { auth });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ type: 'unauthorized', errors: [{ code: 'unauthorized', message: expect.any(String) }] });
    }
  });

  it('sends x-dr-requestid (a UUID) and JSON on every answer, errors included', async () => {
    for (const path of ['/orders?limit=1', '/orders/000000000000', '/nowhere']) {
      const res = await call(sim, path);
      expect(res.headers.get('x-dr-requestid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(res.headers.get('content-type')).toBe('application/json');
    }
  });
});

describe('Paging', () => {
  it('visits every order exactly once with limit 100, newest first, ending with hasMore false', async () => {
    const { objects, pages } = await listAll<Order>(sim, '/orders');
    expect(pages).toBe(Math.ceil(sim.store.orders.size / 100));
    expect(objects.map((o) => o.id)).toEqual(sim.store.orders.sorted().map((o) => o.id));
    expect(new Set(objects.map((o) => o.id)).size).toBe(sim.store.orders.size);
    for (let i = 1; i < objects.length; i += 1) {
      expect((objects[i - 1] as Order).createdTime >= (objects[i] as Order).createdTime).toBe(true);
    }
  });

  it('defaults to 10 objects', async () => {
    const page = await getPage<Order>(sim, '/orders');
    expect(page.data).toHaveLength(10);
    expect(page.hasMore).toBe(true);
  });

  it('pages backwards with endingBefore', async () => {
    const all = sim.store.orders.sorted().map((o) => o.id);
    const cursor = all[25] as string;
    const page = await getPage<Order>(sim, `/orders?limit=10&endingBefore=${cursor}`);
    expect(page.data.map((o) => o.id)).toEqual(all.slice(15, 25));
    expect(page.hasMore).toBe(true);
    const first = await getPage<Order>(sim, `/orders?limit=10&endingBefore=${all[5] as string}`);
    expect(first.data.map((o) => o.id)).toEqual(all.slice(0, 5));
    expect(first.hasMore).toBe(false);
  });

  it('uses only endingBefore when both cursors are sent', async () => {
    const all = sim.store.orders.sorted().map((o) => o.id);
    const page = await getPage<Order>(sim, `/orders?limit=3&startingAfter=${all[50] as string}&endingBefore=${all[10] as string}`);
    expect(page.data.map((o) => o.id)).toEqual(all.slice(7, 10));
  });

  it.each(['0', '101', '-1', '2.5', 'ten'])('answers 400 invalid_parameter for limit=%s', async (limit) => {
    const res = await call(sim, `/orders?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'limit', message: expect.any(String) }] });
  });

  it('answers 400 for an unknown cursor id, naming the cursor', async () => {
    const res = await call(sim, '/fulfillment-cancellations?startingAfter=ret_0');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'bad_request', errors: [{ code: 'invalid_parameter', parameter: 'startingAfter' }] });
  });

  it('returns hasMore on the fulfillment order list too', async () => {
    const page = await getPage<FulfillmentOrder>(sim, '/fulfillment-orders?limit=5');
    expect(page).toEqual({ hasMore: true, data: expect.any(Array) });
    expect(page.data).toHaveLength(5);
  });
});

describe('Filters', () => {
  it('accepts repeated, comma-separated and bracket ids alike, and pages the filtered set', async () => {
    const ids = sim.store.orders.sorted().filter((_o, i) => i % 37 === 0).map((o) => o.id);
    expect(ids.length).toBeGreaterThan(5);
    const repeated = await getPage<Order>(sim, `/orders?limit=100&${ids.map((id) => `ids=${id}`).join('&')}`);
    const comma = await getPage<Order>(sim, `/orders?limit=100&ids=${ids.join(',')}`);
    const bracket = await getPage<Order>(sim, `/orders?limit=100&${ids.map((id) => `ids[]=${id}`).join('&')}`);
    expect(repeated.data.map((o) => o.id)).toEqual(ids);
    expect(comma.data.map((o) => o.id)).toEqual(ids);
    expect(bracket.data.map((o) => o.id)).toEqual(ids);
    const firstTwo = await getPage<Order>(sim, `/orders?limit=2&ids=${ids.join(',')}`);
    expect(firstTwo).toEqual({ hasMore: true, data: [expect.objectContaining({ id: ids[0] }), expect.objectContaining({ id: ids[1] })] });
    const next = await getPage<Order>(sim, `/orders?limit=2&ids=${ids.join(',')}&startingAfter=${ids[1] as string}`);
    expect(next.data.map((o) => o.id)).toEqual(ids.slice(2, 4));
  });

  it('filters fulfillment orders by upstreamIds (the order ids)', async () => {
    const orderIds = [...new Set(sim.store.fulfillmentOrders.sorted().map((fo) => fo.upstreamId))].slice(0, 4);
    const page = await getPage<FulfillmentOrder>(sim, `/fulfillment-orders?limit=100&${orderIds.map((id) => `upstreamIds=${id}`).join('&')}`);
    const expected = sim.store.fulfillmentOrders.sorted().filter((fo) => orderIds.includes(fo.upstreamId));
    expect(page.data.map((fo) => fo.id)).toEqual(expected.map((fo) => fo.id));
    expect(page.data.length).toBeGreaterThanOrEqual(4);
  });

  it('filters cancellations by upstreamIds and pages the bulk order past 100', async () => {
    const bulk = sim.store.facts.bulkOrderId;
    const expected = sim.store.cancellations.sorted().filter((c) => c.upstreamId === bulk).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(100);
    const { objects, pages } = await listAll<FulfillmentCancellation>(sim, `/fulfillment-cancellations?upstreamIds=${bulk}`);
    expect(pages).toBe(2);
    expect(objects.map((c) => c.id)).toEqual(expected);
    expect(objects.every((c) => c.upstreamId === bulk)).toBe(true);
  });

  it('combines equality filters on orders and cancellations', async () => {
    const customerId = sim.store.facts.customerIds[0] as string;
    const { objects } = await listAll<Order>(sim, `/orders?customerId=${customerId}&state=complete`);
    const expected = sim.store.orders.sorted().filter((o) => o.customerId === customerId && o.state === 'complete');
    expect(objects.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(objects.length).toBeGreaterThan(0);

    const fo = sim.store.cancellations.sorted()[0]?.fulfillmentOrderId as string;
    const rejected = await listAll<FulfillmentCancellation>(sim, `/fulfillment-cancellations?fulfillmentOrderId=${fo}&state=rejected`);
    expect(rejected.objects.every((c) => c.fulfillmentOrderId === fo && c.state === 'rejected')).toBe(true);
    expect(rejected.objects.length).toBe(sim.store.cancellations.sorted().filter((c) => c.fulfillmentOrderId === fo && c.state === 'rejected').length);
  });

  it('filters by createdTime ranges and ignores unknown parameters', async () => {
    const all = sim.store.orders.sorted();
    const from = (all[20] as StoredOrder).createdTime;
    const to = (all[10] as StoredOrder).createdTime;
    const page = await getPage<Order>(sim, `/orders?limit=100&createdTime[gte]=${from}&createdTime[lte]=${to}&colour=blue`);
    expect(page.data.map((o) => o.id)).toEqual(all.slice(10, 21).map((o) => o.id));
    const exact = await getPage<Order>(sim, `/orders?createdTime=${from}`);
    expect(exact.data.map((o) => o.id)).toEqual([(all[20] as StoredOrder).id]);
    const bad = await call(sim, '/orders?createdTime[gt]=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ errors: [{ code: 'invalid_parameter', parameter: 'createdTime[gt]' }] });
  });

  it('lists fulfillments of one order', async () => {
    const orderId = sim.store.fulfillments.sorted()[0]?.orderId as string;
    const { objects } = await listAll<{ id: string; orderId: string }>(sim, `/fulfillments?orderId=${orderId}`);
    expect(objects.map((f) => f.id)).toEqual(sim.store.fulfillmentsOfOrder(orderId).map((f) => f.id));
    expect(objects.every((f) => !('orderDetails' in f) && !('chargeOperationIds' in f))).toBe(true);
  });
});

describe('Errors', () => {
  it.each([
    ['/orders/999999990336', 'Order'],
    ['/fulfillment-orders/1', 'Fulfillment order'],
    ['/fulfillment-cancellations/ret_1', 'Fulfillment cancellation'],
    ['/fulfillments/ful_x', 'Fulfillment'],
    ['/charges/nope', 'Charge'],
    ['/sources/nope', 'Source'],
    ['/events/nope', 'Event'],
  ])('answers 404 not_found for %s', async (path, kind) => {
    const res = await call(sim, path);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ type: 'not_found', errors: [{ code: 'not_found', parameter: 'id', message: `${kind} ${path.split('/')[2] as string} not found` }] });
  });

  it('answers 404 for an unknown route and 405 for a wrong method', async () => {
    const missing = await call(sim, '/refunds');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ type: 'not_found', errors: [{ code: 'not_found' }] });
    const wrong = await call(sim, '/orders', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
    expect(wrong.body).toMatchObject({ type: 'method_not_allowed', errors: [{ code: 'method_not_allowed' }] });
  });
});

describe('Embedded and full objects', () => {
  it('embeds charges without orderId, liveMode, paymentSessionId, and refunds without id; GET /charges/{id} has them', async () => {
    const returned = sim.store.orders.sorted().find((o) => o.state === 'returned');
    const order = (await call(sim, `/orders/${returned?.id ?? ''}`)).body as Order;
    const embedded = order.payment.charges?.[0] as EmbeddedCharge;
    expect(embedded).toBeDefined();
    expect(embedded).not.toHaveProperty('orderId');
    expect(embedded).not.toHaveProperty('liveMode');
    expect(embedded).not.toHaveProperty('paymentSessionId');
    expect(embedded.refunds?.[0]).toBeDefined();
    expect(embedded.refunds?.[0]).not.toHaveProperty('id');

    const full = (await call(sim, `/charges/${embedded.id}`)).body as Charge;
    expect(full).toMatchObject({ id: embedded.id, orderId: order.id, liveMode: false, paymentSessionId: order.payment.session.id });
    expect(full.refunds?.[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows failureMessage only on GET /charges/{id}', async () => {
    const charge = sim.store.charges.sorted().find((c) => (c.captures ?? []).some((op) => op.state === 'failed')) as Charge;
    expect(charge).toBeDefined();
    const order = (await call(sim, `/orders/${charge.orderId}`)).body as Order;
    const embedded = order.payment.charges?.find((c) => c.id === charge.id);
    expect(embedded?.captures?.find((op) => op.state === 'failed')).toEqual(expect.objectContaining({ failureCode: 'failed-request' }));
    expect(embedded?.captures?.find((op) => op.state === 'failed')).not.toHaveProperty('failureMessage');
    const full = (await call(sim, `/charges/${charge.id}`)).body as Charge;
    expect(full.captures?.find((op) => op.state === 'failed')).toMatchObject({ failureCode: 'failed-request', failureMessage: 'Failed to operate on charge' });
  });

  it('embeds sources with only id, type, amount, owner and the type object; GET /sources/{id} is full', async () => {
    const orderId = sim.store.facts.twoSourceOrderIds[0] as string;
    const order = (await call(sim, `/orders/${orderId}`)).body as Order;
    expect(order.payment.sources.map((s) => s.type)).toEqual(['customerCredit', 'creditCard']);
    for (const embedded of order.payment.sources) {
      expect(Object.keys(embedded).sort()).toEqual(['amount', 'id', 'owner', 'type', embedded.type].sort());
      const full = (await call(sim, `/sources/${embedded.id}`)).body as Source;
      expect(full.clientSecret).toMatch(new RegExp(`^${embedded.id}_[0-9a-f-]{36}$`));
      expect(full).toMatchObject({ id: embedded.id, state: expect.any(String), reusable: expect.any(Boolean), createdTime: expect.any(String), customerId: order.customerId });
    }
  });

  it('omits payment.charges for a pending push payment', async () => {
    const pending = sim.store.orders.sorted().find((o) => o.state === 'pending_payment' && sim.store.sourcesOfOrder(o)[0]?.flow === 'receiver');
    expect(pending).toBeDefined();
    const order = (await call(sim, `/orders/${pending?.id as string}`)).body as Order;
    expect(order.payment).not.toHaveProperty('charges');
    expect(order.payment.sources).toHaveLength(1);
  });

  it('returns a fulfillment with orderDetails (no payment, no fraudState) and chargeOperationIds', async () => {
    const stored = sim.store.fulfillments.sorted().find((f) => f.items.some((i) => i.quantity > 0)) as { id: string; orderId: string };
    const res = (await call(sim, `/fulfillments/${stored.id}`)).body as FulfillmentWithDetails;
    expect(res.orderDetails.id).toBe(stored.orderId);
    expect(res.orderDetails).not.toHaveProperty('payment');
    expect(res.orderDetails).not.toHaveProperty('fraudState');
    expect(res.chargeOperationIds.length).toBeGreaterThan(0);
    for (const item of res.items) {
      expect(Number.isInteger(item.quantity) && Number.isInteger(item.cancelQuantity)).toBe(true);
    }
  });

  it('adds physical and metadata to productDetails with expand=true', async () => {
    const id = sim.store.orders.sorted()[0]?.id as string;
    const plain = (await call(sim, `/orders/${id}`)).body as Order;
    const expanded = (await call(sim, `/orders/${id}?expand=true`)).body as Order;
    expect(plain.items[0]?.productDetails).not.toHaveProperty('physical');
    expect(expanded.items[0]?.productDetails).toMatchObject({ physical: expect.any(Boolean), metadata: expect.any(Object) });
  });

  it('spells the cancellation live-mode flag livemode and sends ISO or Java createdTime', async () => {
    const javaId = sim.store.facts.javaDateCancellationIds[0] as string;
    const java = (await call(sim, `/fulfillment-cancellations/${javaId}`)).body as FulfillmentCancellation;
    expect(java.livemode).toBe(false);
    expect(java).not.toHaveProperty('liveMode');
    expect(java.createdTime).toMatchObject({ offset: { totalSeconds: 0, id: 'Z' }, year: expect.any(Number), month: expect.any(String) });
    const isoId = sim.store.cancellations.sorted().find((c) => !c.alwaysJavaDate)?.id as string;
    const iso = (await call(sim, `/fulfillment-cancellations/${isoId}`)).body as FulfillmentCancellation;
    expect(iso.createdTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('Events', () => {
  it('lists events with paging, the order.* wildcard and the types list', async () => {
    const page = await getPage<SimEvent>(sim, '/events?limit=100&type=order.*');
    expect(page.hasMore).toBe(true);
    expect(page.data.every((e) => e.type.startsWith('order.'))).toBe(true);
    expect(page.data[0]?.createdTime).toMatch(/\.\d{6}Z$/);

    const types = await listAll<SimEvent>(sim, '/events?types=fulfillment_cancellation.accepted&types=order.refunded');
    const expected = sim.store.events.sorted().filter((e) => e.type === 'fulfillment_cancellation.accepted' || e.type === 'order.refunded');
    expect(types.objects.map((e) => e.id)).toEqual(expected.map((e) => e.id));

    const one = (await call(sim, `/events/${expected[0]?.id as string}`)).body as SimEvent;
    expect(one).toMatchObject({ id: expected[0]?.id, data: { object: expect.any(Object) } });

    const both = await call(sim, '/events?type=order.accepted&types=order.complete');
    expect(both.status).toBe(400);
  });
});
