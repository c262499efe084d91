// What one customer owns, loaded once per operation on first use: their order ids, and the order each of their fulfillment orders ships.
import type { CallContext, UpstreamClient } from '../upstream/client';
import { listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder, UpstreamOrder } from '../upstream/types';
import { chunkIds } from './id-chunks';

/**
 * A customer's ownership sets. Every ownership check of a customer's request
 * reads them, so an object found and another customer's (or a missing) id
 * cost the same upstream calls: the sets are loaded once per operation,
 * whatever the ids asked for, and never per object.
 */
export interface CustomerScope {
  readonly customerId: string;
  /** The customer's order ids: `GET /orders?customerId=…`, every page followed. */
  orderIds(): Promise<ReadonlySet<string>>;
  /**
   * Fulfillment order id → order id, for every fulfillment order of the
   * customer's orders: `GET /fulfillment-orders?upstreamIds=…`, 100 order ids
   * per call, every page followed. Only what a cancellation without
   * `upstreamId` is owned through needs it.
   */
  fulfillmentOrderOwners(): Promise<ReadonlyMap<string, string>>;
}

/** Where the objects read to build the sets go, so that later loads of them cost nothing. */
export interface CustomerScopeHooks {
  onOrders(orders: readonly UpstreamOrder[]): void;
  onFulfillmentOrders(fulfillmentOrders: readonly UpstreamFulfillmentOrder[]): void;
}

/** Creates the (not yet loaded) scope of `customerId` for one operation. */
export function createCustomerScope(client: UpstreamClient, context: CallContext, customerId: string, hooks: CustomerScopeHooks): CustomerScope {
  let orders: Promise<ReadonlySet<string>> | undefined;
  let owners: Promise<ReadonlyMap<string, string>> | undefined;
  const orderIds = (): Promise<ReadonlySet<string>> => {
    orders ??= listAll<UpstreamOrder>(client, 'orders', { customerId }, context).then((list) => {
      // Checked again: a filter upstream ignored must never widen the scope.
      const own = list.filter((order) => order.customerId === customerId);
      hooks.onOrders(own);
      return new Set(own.map((order) => String(order.id)));
    });
    return orders;
  };
  const fulfillmentOrderOwners = (): Promise<ReadonlyMap<string, string>> => {
    owners ??= orderIds().then(async (ids) => {
      const pages = await Promise.all(chunkIds([...ids], 'upstreamIds').map((chunk) =>
        listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { upstreamIds: chunk }, context)));
      const own = pages.flat().filter((fulfillmentOrder) => fulfillmentOrder.upstreamId !== undefined && ids.has(String(fulfillmentOrder.upstreamId)));
      hooks.onFulfillmentOrders(own);
      return new Map(own.map((fulfillmentOrder) => [String(fulfillmentOrder.id), String(fulfillmentOrder.upstreamId)]));
    });
    return owners;
  };
  return { customerId, orderIds, fulfillmentOrderOwners };
}
