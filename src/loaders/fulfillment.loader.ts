// Fulfillments by id (`?ids=`, batched) and by order (`?orderId=`, one call per order: upstream has no array filter for it), through the shared cache.
import DataLoader from 'dataloader';

import { UPSTREAM_PAGE_LIMIT, listAll } from '../upstream/paginate';
import { orderScope } from '../upstream/shared-cache';
import type { UpstreamFulfillment } from '../upstream/types';
import { settleChecked, toError } from './align-to-keys';
import { visibleOrders } from './fulfillment-order.loader';
import { listByIds } from './list-by-ids';
import { mapWithConcurrency } from './map-with-concurrency';
import { type LoaderEnv, observed } from './loader-env';
import { ownedByViewer, throughCache } from './through-cache';

export interface FulfillmentLoaders {
  byId: DataLoader<string, UpstreamFulfillment>;
  byOrderId: DataLoader<string, UpstreamFulfillment[]>;
}

const idOf = (item: UpstreamFulfillment): string => item.id;
const ownerOf = (item: UpstreamFulfillment): string => String(item.orderId);

export function createFulfillmentLoaders(env: LoaderEnv): FulfillmentLoaders {
  const { client, context, concurrency } = env;
  const guard = env.guard();
  const byId = new DataLoader<string, UpstreamFulfillment>(
    // Not awaited here: a customer's owner check loads beside the list call.
    observed(env, 'fulfillments.byId', (ids: readonly string[]) => guard.filterByOwner(
      throughCache<UpstreamFulfillment>(env, {
        kind: 'fulfillment',
        keys: ids,
        fetch: (keys) => listByIds<UpstreamFulfillment>(client, 'fulfillments', 'Fulfillment', keys, context),
        scopesOf: (_id, item) => [orderScope(ownerOf(item))],
        usable: ownedByViewer(guard, 'Fulfillment', idOf, ownerOf),
      }),
      'Fulfillment', idOf, ownerOf,
    )),
    { maxBatchSize: UPSTREAM_PAGE_LIMIT },
  );
  // `GET /fulfillments` filters by a single `orderId` (§6.1), so a page of N
  // orders costs N calls here; concurrency is bounded to spare the rate budget.
  const byOrderId = new DataLoader<string, UpstreamFulfillment[]>(observed(env, 'fulfillments.byOrderId', async (orderIds: readonly string[]) => {
    // The order checks run beside the cache read and the calls; a refused one fails its key (NOT_FOUND).
    const visibility = Promise.all(orderIds.map((orderId) => guard.requireOrder(orderId, 'Order', orderId).then(() => true as const, toError)));
    const found = await throughCache<UpstreamFulfillment[]>(env, {
      kind: 'fulfillmentsOfOrder',
      keys: orderIds,
      fetch: (keys) => mapWithConcurrency(keys, concurrency, (orderId) => listAll<UpstreamFulfillment>(client, 'fulfillments', { orderId }, context)),
      scopesOf: (orderId) => [orderScope(orderId)],
      usable: visibleOrders(guard, orderIds, visibility),
    });
    return settleChecked(found, await visibility, (item) => byId.prime(item.id, item));
  }));
  return { byId, byOrderId };
}

