// The loaders over the shared cache: which upstream calls a second operation still makes, what is never cached, and scoping on cached objects.
import { DEVELOPMENT_ADMIN, type Viewer } from '../../src/auth/viewer';
import { createLoaders, type Loaders } from '../../src/loaders/create-loaders';
import type { UpstreamClient } from '../../src/upstream/client';
import { UpstreamError } from '../../src/upstream/errors';
import { createMemorySharedCache } from '../../src/upstream/memory-shared-cache';
import { type SharedCache, orderScope } from '../../src/upstream/shared-cache';
import { createRecordingUpstream } from '../helpers/recording-upstream';

const A = '240000010336';
const B = '240000020336';
const orders = [
  { id: A, customerId: 'cus_a', state: 'accepted', payment: { charges: [{ id: 'ch_a', amount: 1, sourceId: 'src_a' }], sources: [{ id: 'src_a', type: 'creditCard' }] } },
  { id: B, customerId: 'cus_b', state: 'accepted' },
];
const fulfillmentOrders = [
  { id: 'fo_a', upstreamId: A, state: 'pending', items: [] },
  { id: 'fo_b', upstreamId: B, state: 'pending', items: [] },
];
const customer = (customerId: string): Viewer => ({ kind: 'customer', subject: customerId, customerId });

/** Loaders of one operation over `client` and `cache`, and the cache hits it reported. */
function operation(client: UpstreamClient, cache: SharedCache, viewer: Viewer = DEVELOPMENT_ADMIN): { loaders: Loaders; hits: () => number } {
  let hits = 0;
  const loaders = createLoaders(client, { requestId: 'req-cached' }, {
    fetchConcurrency: 4, viewer, cache, onCacheHits: (count) => {
      hits += count;
    },
  });
  return { loaders, hits: () => hits };
}

describe('loaders over the shared cache', () => {
  describe('Hits', () => {
    it('answers a later operation\'s orders and by-order lists with no upstream call', async () => {
      const upstream = createRecordingUpstream({ orders, 'fulfillment-orders': fulfillmentOrders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      const first = operation(upstream.client, cache);
      await Promise.all([first.loaders.orders.load(A), first.loaders.fulfillmentOrders.byOrderId.load(A)]);
      expect(upstream.calls).toHaveLength(2);
      expect(first.hits()).toBe(0);

      const second = operation(upstream.client, cache);
      const [order, list] = await Promise.all([second.loaders.orders.load(A), second.loaders.fulfillmentOrders.byOrderId.load(A)]);
      expect(order).toEqual(orders[0]);
      expect(list).toEqual([fulfillmentOrders[0]]);
      expect(upstream.calls).toHaveLength(2);
      expect(second.hits()).toBe(2);
    });

    it('fetches only the keys of a batch the cache does not hold, in one call', async () => {
      const upstream = createRecordingUpstream({ orders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      await operation(upstream.client, cache).loaders.orders.load(A);
      upstream.calls.length = 0;
      const loaded = await operation(upstream.client, cache).loaders.orders.loadMany([A, B]);
      expect(loaded.map((order) => (order instanceof Error ? order.message : order.id))).toEqual([A, B]);
      expect(upstream.calls.map((call) => call.query?.ids)).toEqual([[B]]);
    });

    it('primes embedded charges from a cached order as from a fetched one', async () => {
      const upstream = createRecordingUpstream({ orders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      await operation(upstream.client, cache).loaders.orders.load(A);
      upstream.calls.length = 0;
      const { loaders } = operation(upstream.client, cache);
      await loaders.orders.load(A);
      expect(await loaders.payments.charges.load('ch_a')).toMatchObject({ id: 'ch_a', orderId: A });
      expect(upstream.calls).toEqual([]);
    });
  });

  describe('What is never cached', () => {
    it('asks again for an id upstream did not have (no NOT_FOUND is kept)', async () => {
      const upstream = createRecordingUpstream({ orders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      await expect(operation(upstream.client, cache).loaders.orders.load('missing')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      await expect(operation(upstream.client, cache).loaders.orders.load('missing')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect(upstream.calls).toHaveLength(2);
    });

    it('asks again after a failed call (no error answer is kept)', async () => {
      const upstream = createRecordingUpstream({ 'fulfillment-orders': fulfillmentOrders });
      let failing = true;
      const client: UpstreamClient = {
        ...upstream.client,
        list: (collection, query, context) => {
          if (failing) return Promise.reject(new UpstreamError(503, 'service_unavailable', [], { method: 'GET', path: `/${collection}` }));
          return upstream.client.list(collection, query, context);
        },
      };
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      await expect(operation(client, cache).loaders.fulfillmentOrders.byOrderId.load(A)).rejects.toBeInstanceOf(UpstreamError);
      failing = false;
      expect(await operation(client, cache).loaders.fulfillmentOrders.byOrderId.load(A)).toEqual([fulfillmentOrders[0]]);
      expect(upstream.calls).toHaveLength(1);
    });
  });

  describe('Invalidation', () => {
    it('reads an order\'s graph from upstream again once its scope is invalidated', async () => {
      const upstream = createRecordingUpstream({ orders, 'fulfillment-orders': fulfillmentOrders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      const load = (loaders: Loaders) => Promise.all([loaders.orders.load(A), loaders.orders.load(B), loaders.fulfillmentOrders.byOrderId.load(A)]);
      await load(operation(upstream.client, cache).loaders);
      await cache.invalidate([orderScope(A)], 'webhook');
      upstream.calls.length = 0;
      await load(operation(upstream.client, cache).loaders);
      expect(upstream.calls.map((call) => [call.collection, call.query?.ids ?? call.query?.upstreamIds])).toEqual([
        ['orders', [A]],
        ['fulfillment-orders', [A]],
      ]);
    });
  });

  describe('Scoping', () => {
    it('never gives a customer another customer\'s cached order: it is asked of upstream like a missing one, and NOT_FOUND', async () => {
      const upstream = createRecordingUpstream({ orders });
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      // Customer A warms the cache with their order.
      await operation(upstream.client, cache, customer('cus_a')).loaders.orders.load(A);
      upstream.calls.length = 0;
      const b = operation(upstream.client, cache, customer('cus_b'));
      await expect(b.loaders.orders.load(A)).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      const missing = operation(upstream.client, cache, customer('cus_b'));
      await expect(missing.loaders.orders.load('240000990336')).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      // The same call shape and no cache hit either way: nothing tells the two apart.
      expect(upstream.calls.map((call) => call.query)).toEqual([
        { ids: [A], customerId: 'cus_b', limit: 100, startingAfter: undefined },
        { ids: ['240000990336'], customerId: 'cus_b', limit: 100, startingAfter: undefined },
      ]);
      expect([b.hits(), missing.hits()]).toEqual([0, 0]);
      // Customer A's own view still comes from the cache.
      const own = operation(upstream.client, cache, customer('cus_a'));
      expect(await own.loaders.orders.load(A)).toEqual(orders[0]);
      expect(own.hits()).toBe(1);
    });
  });
});
