// Fulfillment orders by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { groupByKeys } from './align-to-keys';
import { listByIds } from './list-by-ids';
import { type LoaderEnv, observed } from './loader-env';
import type { ScopeGuard } from './scope-guard';

/** The two fulfillment-order loaders; each fills the other's cache with what it fetched. */
export interface FulfillmentOrderLoaders {
  byId: DataLoader<string, UpstreamFulfillmentOrder>;
  /**
   * An order's fulfillment orders, 100 orders per call. A failed call fails
   * the keys of its batch (never an empty list) and is not made again in the
   * same operation.
   */
  byOrderId: DataLoader<string, UpstreamFulfillmentOrder[]>;
}

export function createFulfillmentOrderLoaders(env: LoaderEnv): FulfillmentOrderLoaders {
  const { client, context } = env;
  const guard = env.guard();
  const byId = new DataLoader<string, UpstreamFulfillmentOrder>(
    observed(env, 'fulfillmentOrders.byId', async (ids: readonly string[]) => guard.filterByOwner(
      await listByIds<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', 'FulfillmentOrder', ids, context),
      'FulfillmentOrder', (item) => String(item.id), (item) => (item.upstreamId === undefined ? null : String(item.upstreamId)),
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const byOrderId = new DataLoader<string, UpstreamFulfillmentOrder[]>(
    observed(env, 'fulfillmentOrders.byOrderId', async (orderIds: readonly string[]) => {
      // The order check runs beside the list call (free for admins), not after it.
      const [found, visibility] = await Promise.all([
        listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { upstreamIds: orderIds }, context)
          .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))),
        Promise.all(orderIds.map((orderId) => orderVisibility(guard, orderId))),
      ]);
      // Returned per key rather than thrown: DataLoader keeps a per-key error
      // cached, so the fields that need this batch report the one failure
      // instead of asking upstream again.
      if (found instanceof Error) return orderIds.map(() => found);
      const groups = groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId)));
      return groups.map((group, index) => {
        const visible = visibility[index];
        if (visible instanceof Error) return visible;
        if (visible !== true) return [];
        for (const item of group) byId.prime(String(item.id), item);
        return group;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId };
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
