// Fulfillment orders by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { alignToKeys, groupByKeys } from './align-to-keys';

/** The two fulfillment-order loaders; each fills the other's cache with what it fetched. */
export interface FulfillmentOrderLoaders {
  byId: DataLoader<string, UpstreamFulfillmentOrder>;
  byOrderId: DataLoader<string, UpstreamFulfillmentOrder[]>;
}

export function createFulfillmentOrderLoaders(client: UpstreamClient, context: CallContext): FulfillmentOrderLoaders {
  const byId = new DataLoader<string, UpstreamFulfillmentOrder>(
    async (ids) => {
      const wanted = new Set(ids);
      const found = await listAll<UpstreamFulfillmentOrder>(client, 'fulfillment-orders', { ids }, context, {
        isComplete: (items) => items.filter((item) => wanted.has(String(item.id))).length >= wanted.size,
      });
      return alignToKeys(ids, found, (item) => String(item.id), (id) => new NotFoundError('FulfillmentOrder', id));
    },
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
