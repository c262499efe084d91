// Builds the loaders of one GraphQL operation (or one pushed event, per caller scope): nothing is cached across requests.
import type DataLoader from 'dataloader';

import type { Viewer } from '../auth/viewer';
import type { CallContext, UpstreamClient } from '../upstream/client';
import type { UpstreamFulfillmentCancellation, UpstreamOrder, UpstreamPage, UpstreamQuery } from '../upstream/types';
import { createFulfillmentCancellationLoaders, type FulfillmentCancellationLoaders } from './fulfillment-cancellation.loader';
import { createFulfillmentOrderLoaders, type FulfillmentOrderLoaders } from './fulfillment-order.loader';
import { createFulfillmentLoaders, type FulfillmentLoaders } from './fulfillment.loader';
import { createOrderLoader } from './order.loader';
import { createPaymentLoaders, type PaymentLoaders } from './payment.loader';
import type { LoaderEnv } from './loader-env';
import { createScopeGuard, type ScopeGuard } from './scope-guard';

/** Every loader a resolver may use. */
export interface Loaders {
  orders: DataLoader<string, UpstreamOrder>;
  fulfillmentOrders: FulfillmentOrderLoaders;
  fulfillmentCancellations: FulfillmentCancellationLoaders;
  fulfillments: FulfillmentLoaders;
  payments: PaymentLoaders;
  /** The scoping rule these loaders enforce. */
  guard: ScopeGuard;
  /** Records orders that arrived another way (an event), priming every loader they feed; invisible ones are skipped. */
  primeOrderObjects(orders: readonly UpstreamOrder[]): void;
  /** One page of `GET /orders`, scoped: a customer's page is always filtered by their customerId. */
  orderPage(query: UpstreamQuery): Promise<UpstreamPage<UpstreamOrder>>;
  /** One page of `GET /fulfillment-cancellations`; a customer's page keeps only their own cancellations. */
  fulfillmentCancellationPage(query: UpstreamQuery): Promise<UpstreamPage<UpstreamFulfillmentCancellation>>;
}

/** Settings of {@link createLoaders}. */
export interface LoaderOptions {
  /** Bound on concurrent single-object calls (charges, sources, fulfillments by order). */
  fetchConcurrency: number;
  /** Whose data this is: scoping is enforced here, once, not in resolvers. */
  viewer: Viewer;
  /** Observes every batch (metrics). */
  onBatch?: ((loader: string, size: number) => void) | undefined;
}

/**
 * Creates fresh loaders for one operation. Never share them between requests
 * or viewers: DataLoader's cache would serve one caller's objects to another.
 */
export function createLoaders(client: UpstreamClient, context: CallContext, options: LoaderOptions): Loaders {
  const { viewer } = options;
  let orders: DataLoader<string, UpstreamOrder> | undefined;
  const guard = createScopeGuard(viewer, () => orders as DataLoader<string, UpstreamOrder>);
  const env: LoaderEnv = { client, context, guard: () => guard, concurrency: options.fetchConcurrency, onBatch: options.onBatch };
  const payments = createPaymentLoaders(env);
  orders = createOrderLoader(env, (order) => payments.primeFromOrder(order));
  const fulfillmentOrders = createFulfillmentOrderLoaders(env);
  // A cancellation is owned by its order: upstreamId, else its fulfillment order's order.
  const ownerOfCancellation = async (cancellation: UpstreamFulfillmentCancellation): Promise<string | null> => {
    if (cancellation.upstreamId !== undefined) return String(cancellation.upstreamId);
    const fulfillmentOrder = await fulfillmentOrders.byId.load(String(cancellation.fulfillmentOrderId)).catch(() => undefined);
    return fulfillmentOrder?.upstreamId === undefined ? null : String(fulfillmentOrder.upstreamId);
  };
  const fulfillmentCancellations = createFulfillmentCancellationLoaders(env, ownerOfCancellation);
  const loadedOrders = orders;
  return {
    orders: loadedOrders,
    fulfillmentOrders,
    fulfillmentCancellations,
    fulfillments: createFulfillmentLoaders(env),
    payments,
    guard,
    primeOrderObjects(list) {
      for (const order of list) {
        if (!guard.canSeeOrderObject(order)) continue;
        loadedOrders.prime(String(order.id), order);
        payments.primeFromOrder(order);
      }
    },
    async orderPage(query) {
      let scoped = query;
      if (viewer.kind === 'customer') {
        // Another customer's filter matches nothing this viewer may see: no call.
        if (query.customerId !== undefined && query.customerId !== viewer.customerId) return { hasMore: false, data: [] };
        scoped = { ...query, customerId: viewer.customerId };
      }
      const page = await client.list<UpstreamOrder>('orders', scoped, context);
      const visible = page.data.filter((order) => guard.canSeeOrderObject(order));
      this.primeOrderObjects(visible);
      return { hasMore: page.hasMore, data: visible };
    },
    async fulfillmentCancellationPage(query) {
      const page = await client.list<UpstreamFulfillmentCancellation>('fulfillment-cancellations', query, context);
      const checked = await guard.filterByOwner(page.data, 'FulfillmentCancellation', (item) => item.id, ownerOfCancellation);
      const visible = checked.filter((item): item is UpstreamFulfillmentCancellation => !(item instanceof Error));
      for (const item of visible) fulfillmentCancellations.byId.prime(item.id, item);
      return { hasMore: page.hasMore, data: visible };
    },
  };
}
