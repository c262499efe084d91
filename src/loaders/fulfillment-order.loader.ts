// Fulfillment orders by id (`?ids=`) and by order (`?upstreamIds=`), through the shared cache, 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import { UPSTREAM_PAGE_LIMIT } from '../upstream/paginate';
import { fulfillmentOrderScope, orderScope } from '../upstream/shared-cache';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { toError } from './align-to-keys';
import { listByIds } from './list-by-ids';
import { listByOrderIds } from './list-by-order';
import { type LoaderEnv, observed } from './loader-env';
import type { ScopeGuard } from './scope-guard';
import { ownedByViewer, throughCache } from './through-cache';

/** The two fulfillment-order loaders; each fills the other's cache with what it fetched. */
export interface FulfillmentOrderLoaders {
  byId: DataLoader<string, UpstreamFulfillmentOrder>;
  /**
   * An order's fulfillment orders, 100 orders per call. A failed call fails
   * the keys of its batch (never an empty list) and is not made again in the
   * same operation.
   */
  byOrderId: DataLoader<string, UpstreamFulfillmentOrder[]>;
  /**
   * An order's fulfillment orders once `byOrderId` has them, without waiting;
   * undefined before (and for a key whose load failed). A page that loaded
   * them for all its orders at once answers each order's field from here,
   * with no promise.
   */
  loadedByOrderId(orderId: string): readonly UpstreamFulfillmentOrder[] | undefined;
}

const idOf = (item: UpstreamFulfillmentOrder): string => String(item.id);
const ownerOf = (item: UpstreamFulfillmentOrder): string | null => (item.upstreamId === undefined ? null : String(item.upstreamId));

export function createFulfillmentOrderLoaders(env: LoaderEnv): FulfillmentOrderLoaders {
  const { client, context } = env;
  const guard = env.guard();
  const byId = new DataLoader<string, UpstreamFulfillmentOrder>(
    observed(env, 'fulfillmentOrders.byId', async (ids: readonly string[]) => guard.filterByOwner(
      await throughCache<UpstreamFulfillmentOrder>(env, {
        kind: 'fulfillmentOrder',
        keys: ids,
        fetch: (keys) => listByIds<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', 'FulfillmentOrder', keys, context),
        // One without an order is not cached: no order event could reach it.
        scopesOf: (id, item) => (item.upstreamId === undefined ? null : [orderScope(String(item.upstreamId)), fulfillmentOrderScope(id)]),
        usable: ownedByViewer(guard, 'FulfillmentOrder', idOf, ownerOf),
      }),
      'FulfillmentOrder', idOf, ownerOf,
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const loaded = new Map<string, UpstreamFulfillmentOrder[]>();
  const byOrderId = new DataLoader<string, UpstreamFulfillmentOrder[]>(
    observed(env, 'fulfillmentOrders.byOrderId', async (orderIds: readonly string[]) => {
      // The order check runs beside the cache read and the list call (free for admins), not after them.
      const visibility = Promise.all(orderIds.map((orderId) => orderVisibility(guard, orderId)));
      const found = await throughCache<UpstreamFulfillmentOrder[]>(env, {
        kind: 'fulfillmentOrdersOfOrder',
        keys: orderIds,
        fetch: (keys) => listByOrderIds<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', keys, context),
        // Each member's own scope too: an event that names only the fulfillment order reaches the list.
        scopesOf: (orderId, group) => [orderScope(orderId), ...group.map((item) => fulfillmentOrderScope(String(item.id)))],
        usable: visibleOrders(guard, orderIds, visibility),
      });
      const visible = await visibility;
      return found.map((group, index) => {
        if (group instanceof Error) return group;
        const seen = visible[index];
        if (seen instanceof Error) return seen;
        const orderId = orderIds[index] as string;
        if (seen !== true) {
          loaded.set(orderId, []);
          return [];
        }
        for (const item of group) byId.prime(String(item.id), item);
        loaded.set(orderId, group);
        return group;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId, loadedByOrderId: (orderId) => loaded.get(orderId) };
}

/**
 * Whether the viewer may see an order, for the by-order loads: true, false
 * (NOT_FOUND: what hangs off it reads as none), or the Error of a check that
 * could not be made (an upstream failure), which must fail the key instead of
 * passing for "none".
 */
export function orderVisibility(guard: ScopeGuard, orderId: string): Promise<boolean | Error> {
  return guard.requireOrder(orderId, 'Order', orderId).then(
    () => true,
    (error: unknown) => (error instanceof NotFoundError ? false : error instanceof Error ? error : new Error(String(error))),
  );
}

/**
 * The `usable` rule of a by-order list: a customer is given a cached list only
 * for an order they may see (the others are fetched as before, and then read
 * as none), so cached lists cost them what uncached ones do. Undefined for an
 * admin.
 */
export function visibleOrders<T>(
  guard: ScopeGuard,
  orderIds: readonly string[],
  visibility: Promise<ReadonlyArray<boolean | Error>>,
): ((hits: ReadonlyArray<{ key: string; value: T }>) => Promise<readonly boolean[]>) | undefined {
  if (guard.scope === undefined) return undefined;
  return async (hits) => {
    const visible = await visibility;
    return hits.map(({ key }) => visible[orderIds.indexOf(key)] === true);
  };
}

