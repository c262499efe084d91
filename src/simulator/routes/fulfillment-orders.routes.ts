// GET /fulfillment-orders and GET /fulfillment-orders/{id} (§7.1).

import { notFound } from '../errors';
import { arrayFilter, candidatesOf, paginate, timeRangeFilter } from '../list-query';
import { ok, type Route } from '../router';
import type { FulfillmentOrder } from '../wire-types';

/** The fulfillment order routes. The list has `hasMore` although the reference omits it (§14 #34). */
export const fulfillmentOrderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/fulfillment-orders',
    handle({ query, store }) {
      const ids = arrayFilter(query, 'ids');
      const upstreamIds = arrayFilter(query, 'upstreamIds');
      const created = timeRangeFilter(query, 'createdTime');
      const updated = timeRangeFilter(query, 'updatedTime');
      const filter = (fo: FulfillmentOrder): boolean =>
        (ids === undefined || ids.has(fo.id)) &&
        (upstreamIds === undefined || upstreamIds.has(fo.upstreamId)) &&
        (created === undefined || created(fo.createdTime)) &&
        (updated === undefined || updated(fo.updatedTime));
      return ok(paginate(store.fulfillmentOrders, query, filter, (fo) => fo, candidatesOf(store.fulfillmentOrders, ids, 'upstreamId', upstreamIds)));
    },
  },
  {
    method: 'GET',
    path: '/fulfillment-orders/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      const fo = store.fulfillmentOrders.get(id);
      if (fo === undefined) throw notFound('Fulfillment order', id);
      return ok(fo);
    },
  },
];
