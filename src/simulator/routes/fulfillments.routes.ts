// GET /fulfillments, GET /fulfillments/{id} and POST /fulfillments (§6).

import { notFound } from '../errors';
import { validateFulfillmentRequest } from '../fulfillment.request';
import { idempotent } from '../idempotency';
import { arrayFilter, candidatesOf, paginate, singleValue, timeRangeFilter } from '../list-query';
import { renderFulfillment, renderFulfillmentWithDetails } from '../render';
import { ok, type Route } from '../router';
import type { StoredFulfillment } from '../wire-types';

// Equality filters over top-level fulfillment fields; `upstreamIds` does not exist here (§6.1).
const EQUALITY_FIELDS = ['orderId', 'trackingCompany', 'trackingNumber'] as const;

/**
 * The fulfillment routes; only the single get carries `orderDetails` and `chargeOperationIds`.
 * `POST` answers 201 with the fulfillment as listed, then plays §10.8 (see
 * `FulfillmentProcessor`). It honours `Idempotency-Key`.
 */
export const fulfillmentRoutes: Route[] = [
  {
    method: 'POST',
    path: '/fulfillments',
    handle: idempotent('POST /fulfillments', ({ store, writes, body }) => {
      const fulfillment = writes.fulfillments.submit(validateFulfillmentRequest(store, body()));
      return { status: 201, body: renderFulfillment(fulfillment) };
    }),
  },
  {
    method: 'GET',
    path: '/fulfillments',
    handle({ query, store }) {
      const ids = arrayFilter(query, 'ids');
      const equal = EQUALITY_FIELDS.flatMap((field) => {
        const value = singleValue(query, field);
        return value === undefined ? [] : [[field, value] as const];
      });
      const skuId = singleValue(query, 'skuId');
      const created = timeRangeFilter(query, 'createdTime');
      const filter = (f: StoredFulfillment): boolean =>
        (ids === undefined || ids.has(f.id)) &&
        equal.every(([field, value]) => f[field] === value) &&
        (skuId === undefined || f.items.some((item) => item.skuId === skuId)) &&
        (created === undefined || created(f.createdTime));
      const orderId = singleValue(query, 'orderId');
      const candidates = candidatesOf(store.fulfillments, ids, 'orderId', orderId === undefined ? undefined : new Set([orderId]));
      return ok(paginate(store.fulfillments, query, filter, renderFulfillment, candidates));
    },
  },
  {
    method: 'GET',
    path: '/fulfillments/:id',
    handle({ params, store }) {
      const id = params['id'] ?? '';
      const fulfillment = store.fulfillments.get(id);
      if (fulfillment === undefined) throw notFound('Fulfillment', id);
      return ok(renderFulfillmentWithDetails(store, fulfillment));
    },
  },
];
