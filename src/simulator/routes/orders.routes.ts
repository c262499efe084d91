// GET /orders and GET /orders/{id} (§3.1).

import { notFound } from '../errors';
import { arrayFilter, candidatesOf, numberRangeFilter, paginate, singleValue, timeRangeFilter } from '../list-query';
import { renderOrder } from '../render';
import { ok, type Route } from '../router';
import type { StoredOrder } from '../wire-types';

// Equality filters that compare a top-level string field one-to-one.
const EQUALITY_FIELDS = ['state', 'customerId', 'email', 'currency', 'checkoutId', 'fraudState', 'locale', 'customerType', 'browserIp'] as const;

/** The order routes. */
export const orderRoutes: Route[] = [
  {
    method: 'GET',
    path: '/orders',
    handle({ query, store }) {
      const ids = arrayFilter(query, 'ids');
      const upstreamIds = arrayFilter(query, 'upstreamIds');
      const equal = EQUALITY_FIELDS.flatMap((field) => {
        const value = singleValue(query, field);
        return value === undefined ? [] : [[field, value] as const];
      });
      const skuId = singleValue(query, 'skuId');
      const created = timeRangeFilter(query, 'createdTime');
      const updated = timeRangeFilter(query, 'updatedTime');
      const total = numberRangeFilter(query, 'totalAmount');
      const filter = (o: StoredOrder): boolean =>
        (ids === undefined || ids.has(o.id)) &&
        (upstreamIds === undefined || (o.upstreamId !== undefined && upstreamIds.has(o.upstreamId))) &&
        equal.every(([field, value]) => o[field] === value) &&
        (skuId === undefined || o.items.some((item) => item.skuId === skuId)) &&
        (created === undefined || created(o.createdTime)) &&
        (updated === undefined || updated(o.updatedTime)) &&
        (total === undefined || total(o.totalAmount));
      return ok(paginate(store.orders, query, filter, (o) => renderOrder(store, o), candidatesOf(store.orders, ids, 'upstreamId', upstreamIds)));
    },
  },
  {
    method: 'GET',
    path: '/orders/:id',
    handle({ params, query, store }) {
      const id = params['id'] ?? '';
      const order = store.orders.get(id);
      if (order === undefined) throw notFound('Order', id);
      return ok(renderOrder(store, order, singleValue(query, 'expand') === 'true'));
    },
  },
];
