// Fulfillment cancellations by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { groupByKeys } from './align-to-keys';
import { listByIds } from './list-by-ids';

/**
 * The cancellation loaders. A fulfillment order's cancellations are read from
 * `byOrderId` (each cancellation carries both `upstreamId` and
 * `fulfillmentOrderId`), so no call is made per fulfillment order.
 */
export interface FulfillmentCancellationLoaders {
  byId: DataLoader<string, UpstreamFulfillmentCancellation>;
  byOrderId: DataLoader<string, UpstreamFulfillmentCancellation[]>;
}

export function createFulfillmentCancellationLoaders(
  client: UpstreamClient,
  context: CallContext,
): FulfillmentCancellationLoaders {
  const byId = new DataLoader<string, UpstreamFulfillmentCancellation>(
    (ids) => listByIds<UpstreamFulfillmentCancellation>(client, 'fulfillment-cancellations', 'FulfillmentCancellation', ids, context),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const byOrderId = new DataLoader<string, UpstreamFulfillmentCancellation[]>(
    async (orderIds) => {
      const found = await listAll<UpstreamFulfillmentCancellation>(
        client, 'fulfillment-cancellations', { upstreamIds: orderIds }, context,
      );
      for (const item of found) byId.prime(item.id, item);
      return groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId)));
    },
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId };
}
