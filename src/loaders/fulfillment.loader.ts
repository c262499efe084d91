// Fulfillments by id (`?ids=`, batched) and by order (`?orderId=`, one call per order: upstream has no array filter for it).
import DataLoader from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillment } from '../upstream/types';
import { listByIds } from './list-by-ids';
import { mapWithConcurrency } from './map-with-concurrency';

export interface FulfillmentLoaders {
  byId: DataLoader<string, UpstreamFulfillment>;
  byOrderId: DataLoader<string, UpstreamFulfillment[]>;
}

export function createFulfillmentLoaders(client: UpstreamClient, context: CallContext, concurrency: number): FulfillmentLoaders {
  const byId = new DataLoader<string, UpstreamFulfillment>(
    (ids) => listByIds<UpstreamFulfillment>(client, 'fulfillments', 'Fulfillment', ids, context),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  // `GET /fulfillments` filters by a single `orderId` (§6.1), so a page of N
  // orders costs N calls here; concurrency is bounded to spare the rate budget.
  const byOrderId = new DataLoader<string, UpstreamFulfillment[]>(async (orderIds) =>
    mapWithConcurrency(orderIds, concurrency, async (orderId) => {
      const found = await listAll<UpstreamFulfillment>(client, 'fulfillments', { orderId }, context);
      for (const item of found) byId.prime(item.id, item);
      return found;
    }));
  return { byId, byOrderId };
}
