// Fulfillment orders by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { groupByKeys } from './align-to-keys';
import { listByIds } from './list-by-ids';
import { type LoaderEnv, observed } from './loader-env';

/** The two fulfillment-order loaders; each fills the other's cache with what it fetched. */
export interface FulfillmentOrderLoaders {
  byId: DataLoader<string, UpstreamFulfillmentOrder>;
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
      const [found, visible] = await Promise.all([
        listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { upstreamIds: orderIds }, context),
        Promise.all(orderIds.map((orderId) => guard.requireOrder(orderId, 'Order', orderId).then(() => true, () => false))),
      ]);
      const groups = groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId)));
      return groups.map((group, index) => {
        if (!visible[index]) return [];
        for (const item of group) byId.prime(String(item.id), item);
        return group;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId };
}
