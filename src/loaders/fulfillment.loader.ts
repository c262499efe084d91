// Fulfillments by id (`?ids=`, batched) and by order (`?orderId=`, one call per order: upstream has no array filter for it).
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillment } from '../upstream/types';
import { listByIds } from './list-by-ids';
import { mapWithConcurrency } from './map-with-concurrency';
import { type LoaderEnv, observed } from './loader-env';

export interface FulfillmentLoaders {
  byId: DataLoader<string, UpstreamFulfillment>;
  byOrderId: DataLoader<string, UpstreamFulfillment[]>;
}

export function createFulfillmentLoaders(env: LoaderEnv): FulfillmentLoaders {
  const { client, context, concurrency } = env;
  const guard = env.guard();
  const byId = new DataLoader<string, UpstreamFulfillment>(
    // Not awaited here: a customer's owner check loads beside the list call.
    observed(env, 'fulfillments.byId', (ids: readonly string[]) => guard.filterByOwner(
      listByIds<UpstreamFulfillment>(client, 'fulfillments', 'Fulfillment', ids, context),
      'Fulfillment', (item) => item.id, (item) => String(item.orderId),
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  // `GET /fulfillments` filters by a single `orderId` (§6.1), so a page of N
  // orders costs N calls here; concurrency is bounded to spare the rate budget.
  const byOrderId = new DataLoader<string, UpstreamFulfillment[]>(observed(env, 'fulfillments.byOrderId', async (orderIds: readonly string[]) =>
    mapWithConcurrency(orderIds, concurrency, async (orderId) => {
      const [found] = await Promise.all([
        listAll<UpstreamFulfillment>(client, 'fulfillments', { orderId }, context),
        guard.requireOrder(orderId, 'Order', orderId),
      ]);
      for (const item of found) byId.prime(item.id, item);
      return found;
    })));
  return { byId, byOrderId };
}
