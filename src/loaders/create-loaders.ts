// Builds the loaders of one GraphQL operation (or one pushed event, per caller scope): per-request DataLoaders over the shared cross-request cache.
import type DataLoader from 'dataloader';

import type { Viewer } from '../auth/viewer';
import { BadUserInputError, NotFoundError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import type { CacheInvalidator, SharedCache } from '../upstream/shared-cache';
import type { UpstreamFulfillmentCancellation, UpstreamOrder, UpstreamPage, UpstreamQuery } from '../upstream/types';
import { type CancellationPageQuery, customerCancellationPage } from './customer-cancellation-page';
import { createCustomerScope } from './customer-scope';
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
  /**
   * The shared cache these loaders read through, for the writes of the same
   * operation to invalidate what they change (see `upstream/writes.ts`);
   * undefined without one.
   */
  cache: CacheInvalidator | undefined;
  /** Records orders that arrived another way (an event), priming every loader they feed; invisible ones are skipped. */
  primeOrderObjects(orders: readonly UpstreamOrder[]): void;
  /**
   * One page of `GET /orders`, scoped: a customer's page is always filtered by
   * their customerId, and their `startingAfter` must be one of their orders.
   */
  orderPage(query: UpstreamQuery): Promise<UpstreamPage<UpstreamOrder>>;
  /**
   * One page of `GET /fulfillment-cancellations`: an admin's as upstream
   * answers it; a customer's asked of upstream for their own orders only, every
   * page full until the last (see {@link customerCancellationPage}).
   */
  fulfillmentCancellationPage(query: CancellationPageQuery): Promise<UpstreamPage<UpstreamFulfillmentCancellation>>;
}

/** Settings of {@link createLoaders}. */
export interface LoaderOptions {
  /** Bound on concurrent single-object calls (charges, sources, fulfillments by order). */
  fetchConcurrency: number;
  /** Whose data this is: scoping is enforced here, once, not in resolvers. */
  viewer: Viewer;
  /** Observes every batch (metrics). */
  onBatch?: ((loader: string, size: number) => void) | undefined;
  /**
   * The cross-request cache every by-id and by-order batch asks first (a
   * customer's ownership sets and listing pages are always read upstream).
   * Absent: every key is fetched.
   */
  cache?: SharedCache | undefined;
  /** Told how many cached answers each batch used (extensions.cost.cacheHits). */
  onCacheHits?: ((count: number) => void) | undefined;
}

/**
 * Creates fresh loaders for one operation. Never share them between requests
 * or viewers: DataLoader's cache would serve one caller's objects to another.
 */
export function createLoaders(client: UpstreamClient, context: CallContext, options: LoaderOptions): Loaders {
  const { viewer } = options;
  let orders: DataLoader<string, UpstreamOrder> | undefined;
  let fulfillmentOrders: FulfillmentOrderLoaders | undefined;
  // What the customer's scope reads are their own orders and fulfillment orders: kept for later loads of them.
  const scope = viewer.kind === 'admin' ? undefined : createCustomerScope(client, context, viewer.customerId, {
    onOrders: (list) => primeOrderObjects(list),
    onFulfillmentOrders: (list) => {
      for (const fulfillmentOrder of list) fulfillmentOrders?.byId.prime(String(fulfillmentOrder.id), fulfillmentOrder);
    },
  });
  const guard = createScopeGuard(viewer, scope, () => orders as DataLoader<string, UpstreamOrder>);
  const env: LoaderEnv = {
    client,
    context,
    guard: () => guard,
    concurrency: options.fetchConcurrency,
    onBatch: options.onBatch,
    cache: options.cache,
    onCacheHits: options.onCacheHits,
  };
  const payments = createPaymentLoaders(env);
  orders = createOrderLoader(env, (order) => payments.primeFromOrder(order));
  const loadedOrders = orders;
  fulfillmentOrders = createFulfillmentOrderLoaders(env);
  const loadedFulfillmentOrders = fulfillmentOrders;
  // A cancellation is owned by its order: upstreamId, else its fulfillment
  // order's order. A customer's check reads the latter from their scope (never
  // per object), so every check costs the same calls.
  const ownerOfCancellation = async (cancellation: UpstreamFulfillmentCancellation): Promise<string | null> => {
    if (cancellation.upstreamId !== undefined) return String(cancellation.upstreamId);
    if (scope !== undefined) return (await scope.fulfillmentOrderOwners()).get(String(cancellation.fulfillmentOrderId)) ?? null;
    const fulfillmentOrder = await loadedFulfillmentOrders.byId.load(String(cancellation.fulfillmentOrderId)).catch(() => undefined);
    return fulfillmentOrder?.upstreamId === undefined ? null : String(fulfillmentOrder.upstreamId);
  };
  const fulfillmentCancellations = createFulfillmentCancellationLoaders(env, ownerOfCancellation);
  function primeOrderObjects(list: readonly UpstreamOrder[]): void {
    for (const order of list) {
      if (!guard.canSeeOrderObject(order)) continue;
      loadedOrders.prime(String(order.id), order);
      payments.primeFromOrder(order);
    }
  }
  return {
    orders: loadedOrders,
    fulfillmentOrders: loadedFulfillmentOrders,
    fulfillmentCancellations,
    fulfillments: createFulfillmentLoaders(env),
    payments,
    guard,
    cache: options.cache,
    primeOrderObjects,
    async orderPage(query) {
      if (viewer.kind === 'admin') {
        const page = await client.list<UpstreamOrder>('orders', query, context);
        primeOrderObjects(page.data);
        return page;
      }
      // Another customer's filter matches nothing this viewer may see: no call.
      if (query.customerId !== undefined && query.customerId !== viewer.customerId) return { hasMore: false, data: [] };
      const listed = client.list<UpstreamOrder>('orders', { ...query, customerId: viewer.customerId }, context);
      const cursor = query.startingAfter;
      // Upstream pages after any order but answers 400 for a missing id: the
      // cursor must be the customer's own order, checked beside the page call.
      const [checked, page] = await Promise.allSettled([
        cursor === undefined ? undefined : loadedOrders.load(String(cursor)).catch((error: unknown) => {
          throw error instanceof NotFoundError ? new BadUserInputError('"after" must be a cursor returned by this list (pageInfo.endCursor)', 'after') : error;
        }),
        listed,
      ]);
      if (checked.status === 'rejected') throw checked.reason;
      if (page.status === 'rejected') throw page.reason;
      const visible = page.value.data.filter((order) => guard.canSeeOrderObject(order));
      primeOrderObjects(visible);
      return { hasMore: page.value.hasMore, data: visible };
    },
    async fulfillmentCancellationPage(query) {
      const page = scope === undefined
        ? await client.list<UpstreamFulfillmentCancellation>('fulfillment-cancellations', { ...query }, context)
        : await customerCancellationPage(client, context, scope, query);
      for (const item of page.data) fulfillmentCancellations.byId.prime(item.id, item);
      return page;
    },
  };
}
