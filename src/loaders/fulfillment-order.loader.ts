// Fulfillment orders by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { groupByKeys } from './align-to-keys';
import { listByIds } from './list-by-ids';

/** The two fulfillment-order loaders; each fills the other's cache with what it fetched. */
export interface FulfillmentOrderLoaders {
  byId: DataLoader<string, UpstreamFulfillmentOrder>;
  byOrderId: DataLoader<string, UpstreamFulfillmentOrder[]>;
}

export function createFulfillmentOrderLoaders(client: UpstreamClient, context: CallContext): FulfillmentOrderLoaders {
  const byId = new DataLoader<string, UpstreamFulfillmentOrder>(
    (ids) => listByIds<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', 'FulfillmentOrder', ids, context),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const byOrderId = new DataLoader<string, UpstreamFulfillmentOrder[]>(
    async (orderIds) => {
      const found = await listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { upstreamIds: orderIds }, context);
      for (const item of found) byId.prime(String(item.id), item);
      return groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId)));
    },
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId };
}
