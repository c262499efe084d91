// The in-process shared cache: what it serves, what an invalidation drops (even entries stored late), TTL on a fake clock, bounds.
import { createMemorySharedCache } from '../../src/upstream/memory-shared-cache';
import { createSharedCache } from '../../src/upstream/create-shared-cache';
import { type CacheTicket, MAX_ENTRY_CHARS, type SharedCache, disabledCache, fulfillmentOrderScope, orderScope } from '../../src/upstream/shared-cache';

const ORDER = { id: '240011220336', state: 'accepted', items: [{ id: 'i-1', quantity: 2 }] };

/** A read that must hand out a ticket. */
async function ticketOf(cache: SharedCache, ids: readonly string[] = [ORDER.id]): Promise<CacheTicket> {
  const { ticket } = await cache.read('order', ids);
  if (ticket === undefined) throw new Error('expected a ticket');
  return ticket;
}

describe('memory shared cache', () => {
  describe('Reads and writes', () => {
    it('misses, then serves the JSON text of what was stored under the read\'s ticket', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      const first = await cache.read('order', [ORDER.id, 'other']);
      expect(first.hits).toEqual([undefined, undefined]);
      cache.write(first.ticket!, 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      const second = await cache.read('order', [ORDER.id, 'other']);
      expect(second.hits[0]).toBe(JSON.stringify(ORDER));
      expect(second.hits[1]).toBeUndefined();
    });

    it('keeps kinds apart: an order and a fulfillment order with one id are two entries', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      cache.write(await ticketOf(cache), 'order', [{ key: '1', value: { kind: 'order' }, scopes: [orderScope('1')] }]);
      expect((await cache.read('fulfillmentOrder', ['1'])).hits).toEqual([undefined]);
      expect((await cache.read('order', ['1'])).hits).toEqual(['{"kind":"order"}']);
    });

    it('reports every read to its observer as hits and misses', async () => {
      const reads: unknown[] = [];
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000, observer: { onRead: (...args) => reads.push(args) } });
      cache.write(await ticketOf(cache), 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      await cache.read('order', [ORDER.id, 'x', 'y']);
      expect(reads).toEqual([['order', 0, 1, false], ['order', 1, 2, false]]);
    });
  });

  describe('Invalidation', () => {
    it('drops every entry that depends on an invalidated scope, and only those', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      const ticket = await ticketOf(cache);
      cache.write(ticket, 'order', [
        { key: 'a', value: { id: 'a' }, scopes: [orderScope('a')] },
        { key: 'b', value: { id: 'b' }, scopes: [orderScope('b')] },
      ]);
      cache.write(ticket, 'fulfillmentOrdersOfOrder', [{ key: 'a', value: [{ id: 'fo-1' }], scopes: [orderScope('a'), fulfillmentOrderScope('fo-1')] }]);
      await cache.invalidate([fulfillmentOrderScope('fo-1')], 'webhook');
      expect((await cache.read('fulfillmentOrdersOfOrder', ['a'])).hits).toEqual([undefined]);
      expect((await cache.read('order', ['a', 'b'])).hits).toEqual(['{"id":"a"}', '{"id":"b"}']);
      await cache.invalidate([orderScope('a')], 'mutation');
      expect((await cache.read('order', ['a', 'b'])).hits).toEqual([undefined, '{"id":"b"}']);
    });

    it('never serves an entry whose fetch began before an invalidation, however late it is stored', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      // A read takes its ticket, its upstream fetch is slow, a webhook invalidates meanwhile.
      const before = await ticketOf(cache);
      await cache.invalidate([orderScope(ORDER.id)], 'webhook');
      cache.write(before, 'order', [{ key: ORDER.id, value: { ...ORDER, state: 'stale' }, scopes: [orderScope(ORDER.id)] }]);
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([undefined]);
      // One whose read began after the invalidation is served.
      const after = await ticketOf(cache);
      cache.write(after, 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([JSON.stringify(ORDER)]);
    });

    it('counts invalidated scopes by origin', async () => {
      const seen: unknown[] = [];
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000, observer: { onInvalidate: (...args) => seen.push(args) } });
      await cache.invalidate([orderScope('a'), fulfillmentOrderScope('b')], 'webhook');
      expect(seen).toEqual([['webhook', 2, true]]);
    });
  });

  describe('TTL (fake timers)', () => {
    beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
    afterEach(() => jest.useRealTimers());

    it('serves an entry until TTL after the read that fetched it began, not after it was stored', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000, clock: () => Date.now() });
      const ticket = await ticketOf(cache);
      jest.advanceTimersByTime(10_000);
      cache.write(ticket, 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      jest.advanceTimersByTime(49_999);
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([JSON.stringify(ORDER)]);
      jest.advanceTimersByTime(1);
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([undefined]);
    });

    it('stores nothing under a ticket that has already outlived the TTL', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 1, maxBytes: 1_000_000, clock: () => Date.now() });
      const ticket = await ticketOf(cache);
      jest.advanceTimersByTime(1_000);
      cache.write(ticket, 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      expect(cache.memoryBytes()).toBe(0);
    });

    it('keeps an invalidation for as long as an entry it made stale could live', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000, clock: () => Date.now() });
      cache.write(await ticketOf(cache), 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      await cache.invalidate([orderScope(ORDER.id)], 'webhook');
      // Just inside the entry's TTL, another invalidation sweeps old stamps: this one must stay.
      jest.advanceTimersByTime(59_999);
      await cache.invalidate([orderScope('other')], 'webhook');
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([undefined]);
    });
  });

  describe('Bounds', () => {
    it('neither stores nor asks for ids that are too long or carry spaces', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 1_000_000 });
      const ids = ['x'.repeat(129), 'with space', 'ok'];
      cache.write(await ticketOf(cache, ids), 'order', ids.map((id) => ({ key: id, value: { id }, scopes: [orderScope(id)] })));
      expect((await cache.read('order', ids)).hits).toEqual([undefined, undefined, '{"id":"ok"}']);
    });

    it('stores no entry whose scope cannot be written, and no answer over the size bound', async () => {
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 10 * MAX_ENTRY_CHARS });
      const ticket = await ticketOf(cache);
      cache.write(ticket, 'order', [
        { key: 'a', value: { id: 'a' }, scopes: [orderScope('has space')] },
        { key: 'b', value: { blob: 'x'.repeat(MAX_ENTRY_CHARS) }, scopes: [orderScope('b')] },
      ]);
      expect((await cache.read('order', ['a', 'b'])).hits).toEqual([undefined, undefined]);
    });

    it('stays within its byte bound, dropping the least recently used entries', async () => {
      const evicted: number[] = [];
      const cache = createMemorySharedCache({ ttlSeconds: 60, maxBytes: 20_000, observer: { onEvict: (count) => evicted.push(count) } });
      const blob = 'x'.repeat(1_000);
      for (let index = 0; index < 40; index += 1) {
        cache.write(await ticketOf(cache), 'order', [{ key: `o-${index}`, value: { blob }, scopes: [orderScope(`o-${index}`)] }]);
        // o-0 is read after every write: the most recently used, it survives.
        await cache.read('order', ['o-0']);
      }
      expect(cache.memoryBytes()).toBeLessThanOrEqual(20_000);
      expect(evicted.length).toBeGreaterThan(20);
      const { hits } = await cache.read('order', ['o-0', 'o-1', 'o-39']);
      expect(hits.map((hit) => hit !== undefined)).toEqual([true, false, true]);
    });
  });

  describe('Configuration', () => {
    it('is the disabled cache with a TTL of 0: nothing served, no ticket', async () => {
      const cache = createSharedCache({ ttlSeconds: 0, maxBytes: 1_000_000, redis: undefined });
      expect(cache).toBe(disabledCache);
      expect(cache.enabled).toBe(false);
      expect(await cache.read('order', ['a'])).toEqual({ hits: [undefined], ticket: undefined });
    });

    it('keeps nothing in memory with a byte bound of 0', async () => {
      const cache = createSharedCache({ ttlSeconds: 60, maxBytes: 0, redis: undefined });
      cache.write(await ticketOf(cache), 'order', [{ key: ORDER.id, value: ORDER, scopes: [orderScope(ORDER.id)] }]);
      expect((await cache.read('order', [ORDER.id])).hits).toEqual([undefined]);
    });
  });
});
