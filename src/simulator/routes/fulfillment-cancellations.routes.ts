// GET /fulfillment-cancellations and GET /fulfillment-cancellations/{id} (§8.1).

import { notFound } from '../errors';
import { arrayFilter, paginate, singleValue, timeRangeFilter } from '../list-query';
import { renderCancellation } from '../render';
import { ok, type Route } from '../router';
import type { StoredCancellation } from '../wire-types';

/** The fulfillment cancellation routes. */
export const fulfillmentCancellationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/fulfillment-cancellations',
    handle({ query, store, render }) {
      const ids = arrayFilter(query, 'ids');
      const upstreamIds = arrayFilter(query, 'upstreamIds');
      const state = singleValue(query, 'state');
      const fulfillmentOrderId = singleValue(query, 'fulfillmentOrderId');
      const inventoryItemId = singleValue(query, 'inventoryItemId');
      const created = timeRangeFilter(query, 'createdTime');
      const filter = (c: StoredCancellation): boolean =>
        (ids === undefined || ids.has(c.id)) &&
        (upstreamIds === undefined || (c.upstreamId !== undefined && upstreamIds.has(c.upstreamId))) &&
        (state === undefined || c.state === state) &&
        (fulfillmentOrderId === undefined || c.fulfillmentOrderId === fulfillmentOrderId) &&
        (inventoryItemId === undefined || c.items.some((item) => item.inventoryItemId === inventoryItemId)) &&
        (created === undefined || created(c.createdTime));
      return ok(paginate(store.cancellations, query, filter, (c) => renderCancellation(c, render)));
    },
  },
  {
    method: 'GET',
    path: '/fulfillment-cancellations/:id',
    handle({ params, store, render }) {
      const id = params['id'] ?? '';
      const cancellation = store.cancellations.get(id);
      if (cancellation === undefined) throw notFound('Fulfillment cancellation', id);
      return ok(renderCancellation(cancellation, render));
    },
  },
];
