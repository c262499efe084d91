// Orders by id through `GET /orders?ids=…`, 100 per call, every page followed.
import DataLoader from 'dataloader';

import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT } from '../upstream/paginate';
import type { UpstreamOrder } from '../upstream/types';
import { listByIds } from './list-by-ids';

/**
 * Creates the per-request order loader. `onLoaded` sees every order as it
 * arrives, so embedded charges and sources can prime their loaders.
 */
export function createOrderLoader(
  client: UpstreamClient,
  context: CallContext,
  onLoaded: (order: UpstreamOrder) => void,
): DataLoader<string, UpstreamOrder> {
  return new DataLoader<string, UpstreamOrder>(
    async (ids) => {
      const orders = await listByIds<UpstreamOrder>(client, 'orders', 'Order', ids, context);
      for (const order of orders) if (!(order instanceof Error)) onLoaded(order);
      return orders;
    },
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
}
