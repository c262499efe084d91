import { createLoaders } from '../../src/loaders/create-loaders';
import { DEVELOPMENT_ADMIN } from '../../src/auth/viewer';
import { createRecordingUpstream } from '../helpers/recording-upstream';

const context = { requestId: 'req-loader-test' };

function orders(count: number) {
  return Array.from({ length: count }, (_, index) => ({
    id: `9000${String(index).padStart(4, '0')}0336`,
    currency: 'USD',
    state: 'accepted',
    createdTime: '2024-03-04T10:00:00Z',
    totalAmount: 10,
    liveMode: false,
    payment: {
      charges: [{ id: `charge-${index}`, currency: 'USD', amount: 10, state: 'capturable', sourceId: `source-${index}` }],
      sources: [{ id: `source-${index}`, type: 'creditCard', amount: 10 }],
    },
  }));
}

describe('createLoaders', () => {
  describe('orders by id', () => {
    it('coalesces duplicate keys into one GET /orders?ids= call', async () => {
      const upstream = createRecordingUpstream({ orders: orders(5) });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      const ids = ['900000000336', '900000010336', '900000000336'];
      const loaded = await Promise.all(ids.map((id) => loaders.orders.load(id)));
      expect(loaded.map((order) => order.id)).toEqual(ids);
      expect(upstream.calls).toEqual([
        { method: 'GET', collection: 'orders', query: { ids: ['900000000336', '900000010336'], limit: 100, startingAfter: undefined }, requestId: 'req-loader-test' },
      ]);
    });

    it('splits 150 keys into batches of at most 100 ids', async () => {
      const upstream = createRecordingUpstream({ orders: orders(150) });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      const all = orders(150).map((order) => order.id);
      const loaded = await loaders.orders.loadMany(all);
      expect(loaded.every((order) => !(order instanceof Error))).toBe(true);
      expect(upstream.calls.map((call) => (call.query?.ids as string[]).length)).toEqual([100, 50]);
    });

    it('follows hasMore until every key is found when upstream pages are smaller', async () => {
      const upstream = createRecordingUpstream({ orders: orders(30) }, { pageSize: 7 });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      const all = orders(30).map((order) => order.id);
      const loaded = await loaders.orders.loadMany(all);
      expect(loaded.map((order) => (order instanceof Error ? order.message : order.id))).toEqual(all);
      expect(upstream.calls.map((call) => call.query?.startingAfter)).toEqual([undefined, all[6], all[13], all[20], all[27]]);
    });

    it('puts a NOT_FOUND error in the slot of a missing key only', async () => {
      const upstream = createRecordingUpstream({ orders: orders(2) });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      const [found, missing] = await loaders.orders.loadMany(['900000000336', 'nope']);
      expect(found).toMatchObject({ id: '900000000336' });
      expect(missing).toBeInstanceOf(Error);
      expect((missing as Error & { extensions: { code: string } }).extensions.code).toBe('NOT_FOUND');
    });
  });

  describe('embedded payment objects', () => {
    it('primes charges and sources so no GET /charges or /sources call is made', async () => {
      const upstream = createRecordingUpstream({ orders: orders(3) });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      await loaders.orderPage({ limit: 3 });
      const charge = await loaders.payments.charges.load('charge-1');
      const source = await loaders.payments.sources.load('source-1');
      expect(charge.orderId).toBe('900000010336');
      expect(charge.liveMode).toBe(false);
      expect(source.type).toBe('creditCard');
      expect(upstream.calls.map((call) => call.collection)).toEqual(['orders']);
      expect(loaders.payments.isFullCharge(charge)).toBe(false);
    });

    it('hands an embedded source over without waiting, completed from its order, and the loader gives the same object', async () => {
      const upstream = createRecordingUpstream({ orders: orders(2).map((order) => ({ ...order, customerId: 'cust-7' })) });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      expect(loaders.payments.embeddedSource('source-1')).toBeUndefined();
      await loaders.orderPage({ limit: 2 });
      const embedded = loaders.payments.embeddedSource('source-1');
      expect(embedded).toMatchObject({ id: 'source-1', type: 'creditCard', customerId: 'cust-7', liveMode: false });
      expect(await loaders.payments.sources.load('source-1')).toBe(embedded);
      expect(loaders.payments.embeddedSource('source-9')).toBeUndefined();
      expect(upstream.calls.map((call) => call.collection)).toEqual(['orders']);
    });

    it('fetches unprimed charges one by one with bounded concurrency', async () => {
      const charges = Array.from({ length: 6 }, (_, index) => ({ id: `c${index}`, currency: 'USD', amount: 1, state: 'complete' }));
      const upstream = createRecordingUpstream({ charges });
      let inFlight = 0;
      let maxInFlight = 0;
      const slowGet = upstream.client.get.bind(upstream.client);
      upstream.client.get = async <T>(...args: Parameters<typeof slowGet>): Promise<T> => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return slowGet<T>(...args);
      };
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 2, viewer: DEVELOPMENT_ADMIN });
      const loaded = await loaders.payments.charges.loadMany(charges.map((charge) => charge.id));
      expect(loaded.map((charge) => (charge as { id: string }).id)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
      expect(maxInFlight).toBe(2);
      expect(upstream.calls.filter((call) => call.collection === 'charges')).toHaveLength(6);
      expect(loaders.payments.isFullCharge(loaded[0] as never)).toBe(true);
    });
  });

  describe('one-to-many loads', () => {
    it('loads cancellations of many orders in one upstreamIds call, every page followed', async () => {
      const cancellations = Array.from({ length: 250 }, (_, index) => ({
        id: `ret_${index}`,
        fulfillmentOrderId: `fo-${index % 3}`,
        upstreamId: `order-${index % 3}`,
        state: 'pending',
      }));
      const upstream = createRecordingUpstream({ 'fulfillment-cancellations': cancellations });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      expect(loaders.fulfillmentCancellations.loadedByOrderId('order-0')).toBeUndefined();
      const [a, b, c, none] = await Promise.all(['order-0', 'order-1', 'order-2', 'order-9'].map((id) => loaders.fulfillmentCancellations.byOrderId.load(id)));
      expect([a?.length, b?.length, c?.length, none?.length]).toEqual([84, 83, 83, 0]);
      // Once loaded, the same lists are readable without waiting.
      expect(loaders.fulfillmentCancellations.loadedByOrderId('order-1')).toBe(b);
      expect(loaders.fulfillmentCancellations.loadedByOrderId('order-9')).toEqual([]);
      expect(upstream.calls).toHaveLength(3);
      expect(upstream.calls[0]?.query?.upstreamIds).toEqual(['order-0', 'order-1', 'order-2', 'order-9']);
      // the by-order load primes the by-id loader: no further call
      await loaders.fulfillmentCancellations.byId.load('ret_17');
      expect(upstream.calls).toHaveLength(3);
    });

    it('makes one GET /fulfillments?orderId= call per order', async () => {
      const fulfillments = [
        { id: 'ful_1', orderId: 'o1', items: [] },
        { id: 'ful_2', orderId: 'o2', items: [] },
        { id: 'ful_3', orderId: 'o1', items: [] },
      ];
      const upstream = createRecordingUpstream({ fulfillments });
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN });
      const [first, second] = await Promise.all([loaders.fulfillments.byOrderId.load('o1'), loaders.fulfillments.byOrderId.load('o2')]);
      expect(first?.map((item) => item.id)).toEqual(['ful_1', 'ful_3']);
      expect(second?.map((item) => item.id)).toEqual(['ful_2']);
      expect(upstream.calls.map((call) => call.query?.orderId)).toEqual(['o1', 'o2']);
    });
  });

  describe('customer scope', () => {
    const customer = { kind: 'customer', subject: 'user-7', customerId: 'cust-7' } as const;
    const scoped = () => createRecordingUpstream({
      orders: [
        { id: 'o-mine', customerId: 'cust-7', state: 'accepted' },
        { id: 'o-theirs', customerId: 'cust-8', state: 'accepted' },
      ],
      'fulfillment-orders': [
        { id: 'fo-mine', upstreamId: 'o-mine', state: 'open' },
        { id: 'fo-theirs', upstreamId: 'o-theirs', state: 'open' },
      ],
      'fulfillment-cancellations': [
        { id: 'ret_3', fulfillmentOrderId: 'fo-theirs', state: 'pending' },
        { id: 'ret_2', fulfillmentOrderId: 'fo-mine', state: 'pending' },
        { id: 'ret_1', fulfillmentOrderId: 'fo-mine', upstreamId: 'o-mine', state: 'accepted' },
        { id: 'ret_0', fulfillmentOrderId: 'fo-theirs', upstreamId: 'o-theirs', state: 'accepted' },
      ],
    });

    it('checks objects against the customer\'s order ids, read once per operation, found or not', async () => {
      const upstream = scoped();
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: customer });
      const [mine, theirs, missing] = await loaders.fulfillmentOrders.byId.loadMany(['fo-mine', 'fo-theirs', 'fo-nope']);
      expect(mine).toMatchObject({ id: 'fo-mine' });
      expect((theirs as Error).message).toBe("FulfillmentOrder 'fo-theirs' was not found");
      expect((missing as Error).message).toBe("FulfillmentOrder 'fo-nope' was not found");
      await loaders.fulfillmentOrders.byId.load('fo-other-batch').catch(() => undefined);
      expect(upstream.calls.map((call) => [call.collection, call.query?.customerId ?? call.query?.ids])).toEqual([
        ['fulfillment-orders', ['fo-mine', 'fo-theirs', 'fo-nope']],
        ['orders', 'cust-7'],
        ['fulfillment-orders', ['fo-other-batch']],
      ]);
    });

    it('owns a cancellation filed without upstreamId through the fulfillment order, at the same calls as a missing one', async () => {
      const callsFor = async (id: string) => {
        const upstream = scoped();
        const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: customer });
        const result = await loaders.fulfillmentCancellations.byId.load(id).then((item) => item.id, (error: Error) => error.message);
        return { result, calls: upstream.calls.map((call) => call.collection) };
      };
      const expectedCalls = ['fulfillment-cancellations', 'orders', 'fulfillment-orders'];
      expect(await callsFor('ret_2')).toEqual({ result: 'ret_2', calls: expectedCalls });
      expect(await callsFor('ret_3')).toEqual({ result: "FulfillmentCancellation 'ret_3' was not found", calls: expectedCalls });
      expect(await callsFor('ret_0')).toEqual({ result: "FulfillmentCancellation 'ret_0' was not found", calls: expectedCalls });
      expect(await callsFor('ret_9')).toEqual({ result: "FulfillmentCancellation 'ret_9' was not found", calls: expectedCalls });
    });

    it('lists a customer\'s cancellations by their order ids only, and an admin\'s as upstream pages them', async () => {
      const upstream = scoped();
      const page = await createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: customer }).fulfillmentCancellationPage({ limit: 10 });
      expect(page).toEqual({ hasMore: false, data: [expect.objectContaining({ id: 'ret_1' })] });
      expect(upstream.calls.map((call) => call.query)).toEqual([
        { customerId: 'cust-7', limit: 100, startingAfter: undefined },
        { upstreamIds: ['o-mine'], ids: undefined, state: undefined, limit: 10, startingAfter: undefined },
      ]);
      const admin = scoped();
      const all = await createLoaders(admin.client, context, { fetchConcurrency: 4, viewer: DEVELOPMENT_ADMIN }).fulfillmentCancellationPage({ limit: 10 });
      expect(all.data.map((item) => item.id)).toEqual(['ret_3', 'ret_2', 'ret_1', 'ret_0']);
      expect(admin.calls).toHaveLength(1);
    });

    it('lists every cancellation of the customer\'s own fulfillment order, and nothing (with no list call) for another\'s', async () => {
      const upstream = scoped();
      const loaders = createLoaders(upstream.client, context, { fetchConcurrency: 4, viewer: customer });
      expect((await loaders.fulfillmentCancellationPage({ limit: 10, fulfillmentOrderId: 'fo-mine' })).data.map((item) => item.id)).toEqual(['ret_2', 'ret_1']);
      upstream.calls.length = 0;
      expect(await loaders.fulfillmentCancellationPage({ limit: 10, fulfillmentOrderId: 'fo-theirs' })).toEqual({ hasMore: false, data: [] });
      expect(upstream.calls).toEqual([]);
    });
  });

  it('never shares a cache between two operations', async () => {
    const upstream = createRecordingUpstream({ orders: orders(1) });
    await createLoaders(upstream.client, context, { fetchConcurrency: 1, viewer: DEVELOPMENT_ADMIN }).orders.load('900000000336');
    await createLoaders(upstream.client, context, { fetchConcurrency: 1, viewer: DEVELOPMENT_ADMIN }).orders.load('900000000336');
    expect(upstream.calls).toHaveLength(2);
  });
});
