// Orders by id through `GET /orders?ids=…`, 100 per call, every page followed.
import DataLoader from 'dataloader';

import { NotFoundError } from '../errors/graphql-errors';
import type { CallContext, UpstreamClient } from '../upstream/client';
import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamOrder } from '../upstream/types';
import { alignToKeys } from './align-to-keys';

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
      const wanted = new Set(ids);
      const orders = await listAll<UpstreamOrder>(client, 'orders', { ids }, context, {
        isComplete: (found) => found.filter((order) => wanted.has(String(order.id))).length >= wanted.size,
      });
      for (const order of orders) onLoaded(order);
      return alignToKeys(ids, orders, (order) => String(order.id), (id) => new NotFoundError('Order', id));
    },
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
}
