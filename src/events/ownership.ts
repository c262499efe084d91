// Finds the order (and its customer) an event's object belongs to; these links never change, so they are remembered.
import type { CallContext, UpstreamClient } from '../upstream/client';
import { listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder, UpstreamOrder } from '../upstream/types';

/** Resolves immutable ownership links with an LRU and in-flight de-duplication. */
export interface Ownership {
  /** The order id of a fulfillment order, or null when it has none or does not exist. */
  orderOfFulfillmentOrder(fulfillmentOrderId: string, context: CallContext): Promise<string | null>;
  /** The customer id of an order, or null for a guest order or a missing one. */
  customerOfOrder(orderId: string, context: CallContext): Promise<string | null>;
  /** Records a link an event carried, sparing a lookup. */
  rememberCustomer(orderId: string, customerId: string | null): void;
}

/** Creates the resolver. `maxEntries` bounds each map (default 50_000). */
export function createOwnership(client: UpstreamClient, maxEntries = 50_000): Ownership {
  const lru = <V>() => {
    const map = new Map<string, Promise<V>>();
    return (key: string, load: () => Promise<V>): Promise<V> => {
      const known = map.get(key);
      if (known !== undefined) return known;
      const loading = load();
      map.set(key, loading);
      // A failed lookup is not remembered: the next event tries again.
      loading.catch(() => map.delete(key));
      if (map.size > maxEntries) {
        const oldest = map.keys().next().value;
        if (oldest !== undefined) map.delete(oldest);
      }
      return loading;
    };
  };
  const foOwners = lru<string | null>();
  const orderCustomers = lru<string | null>();
  const customers = new Map<string, string | null>();
  return {
    orderOfFulfillmentOrder: (fulfillmentOrderId, context) => foOwners(fulfillmentOrderId, async () => {
      const [found] = await listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { ids: [fulfillmentOrderId] }, context, {
        isComplete: (items) => items.length > 0,
      });
      return found?.upstreamId === undefined ? null : String(found.upstreamId);
    }),
    customerOfOrder: (orderId, context) => {
      if (customers.has(orderId)) return Promise.resolve(customers.get(orderId) ?? null);
      return orderCustomers(orderId, async () => {
        const [found] = await listAll<UpstreamOrder>(client, 'orders', { ids: [orderId] }, context, { isComplete: (items) => items.length > 0 });
        return found?.customerId ?? null;
      });
    },
    rememberCustomer(orderId, customerId) {
      customers.set(orderId, customerId);
      if (customers.size > maxEntries) {
        const oldest = customers.keys().next().value;
        if (oldest !== undefined) customers.delete(oldest);
      }
    },
  };
}
