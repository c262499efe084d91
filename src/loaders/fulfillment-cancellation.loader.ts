// Fulfillment cancellations by id (`?ids=`) and by order (`?upstreamIds=`), 100 keys per call, every page followed.
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import type { UpstreamFulfillmentCancellation } from '../upstream/types';
import { groupByKeys } from './align-to-keys';
import { listByIds } from './list-by-ids';
import { type LoaderEnv, observed } from './loader-env';

/**
 * The cancellation loaders. A fulfillment order's cancellations are read from
 * `byOrderId` (each cancellation carries both `upstreamId` and
 * `fulfillmentOrderId`), so no call is made per fulfillment order.
 */
export interface FulfillmentCancellationLoaders {
  byId: DataLoader<string, UpstreamFulfillmentCancellation>;
  byOrderId: DataLoader<string, UpstreamFulfillmentCancellation[]>;
  /**
   * An order's cancellations once `byOrderId` has them, without waiting;
   * undefined before. Every fulfillment order and item of an order page asks,
   * mostly after the load finished, and a ready answer costs no promise.
   */
  loadedByOrderId(orderId: string): readonly UpstreamFulfillmentCancellation[] | undefined;
}

export function createFulfillmentCancellationLoaders(
  env: LoaderEnv,
  ownerOf: (cancellation: UpstreamFulfillmentCancellation) => Promise<string | null>,
): FulfillmentCancellationLoaders {
  const { client, context } = env;
  const guard = env.guard();
  const byId = new DataLoader<string, UpstreamFulfillmentCancellation>(
    observed(env, 'fulfillmentCancellations.byId', async (ids: readonly string[]) => guard.filterByOwner(
      await listByIds<UpstreamFulfillmentCancellation>(client, 'fulfillment-cancellations', 'FulfillmentCancellation', ids, context),
      'FulfillmentCancellation', (item) => item.id, ownerOf,
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  const loaded = new Map<string, UpstreamFulfillmentCancellation[]>();
  const byOrderId = new DataLoader<string, UpstreamFulfillmentCancellation[]>(
    observed(env, 'fulfillmentCancellations.byOrderId', async (orderIds: readonly string[]) => {
      const [found, visible] = await Promise.all([
        listAll<UpstreamFulfillmentCancellation>(client, 'fulfillment-cancellations', { upstreamIds: orderIds }, context),
        Promise.all(orderIds.map((orderId) => guard.requireOrder(orderId, 'Order', orderId).then(() => true, () => false))),
      ]);
      const groups = groupByKeys(orderIds, found, (item) => (item.upstreamId === undefined ? undefined : String(item.upstreamId)));
      return groups.map((group, index) => {
        const orderId = orderIds[index] as string;
        const shown = visible[index] ? group : [];
        for (const item of shown) byId.prime(item.id, item);
        loaded.set(orderId, shown);
        return shown;
      });
    }),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  return { byId, byOrderId, loadedByOrderId: (orderId) => loaded.get(orderId) };
}
