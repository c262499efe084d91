// GET /fulfillment-cancellations, GET /fulfillment-cancellations/{id} and POST /fulfillment-cancellations (§8).

import { notFound } from '../errors';
import { validateCancellationRequest } from '../fulfillment-cancellation.request';
import { idempotent } from '../idempotency';
import { arrayFilter, candidatesOf, paginate, singleValue, timeRangeFilter } from '../list-query';
import { renderCancellation } from '../render';
import { ok, type Route } from '../router';
import { isoSeconds } from '../time';
import type { StoredCancellation } from '../wire-types';

/**
 * The fulfillment cancellation routes. `POST` creates the cancellation `pending` (items
 * `pending`, `quantityAccepted: 0`), answers 201, fires `fulfillment_cancellation.created`
 * and hands it to the fulfiller, which decides it later. It honours `Idempotency-Key`.
 */
export const fulfillmentCancellationRoutes: Route[] = [
  {
    method: 'POST',
    path: '/fulfillment-cancellations',
    handle: idempotent('POST /fulfillment-cancellations', ({ store, render, writes, body }) => {
      const request = validateCancellationRequest(store, body());
      const cancellation: StoredCancellation = {
        id: store.ids.cancellation(),
        createdTime: isoSeconds(Date.now()),
        fulfillmentOrderId: request.fo.id,
        upstreamId: request.upstreamId,
        items: request.lines.map(({ foItem, quantity }) => ({
          fulfillmentOrderItemId: foItem.id,
          fulfillmentOrderItemUpstreamId: foItem.upstreamId,
          inventoryItemId: foItem.inventoryItemId,
          quantity,
          quantityAccepted: 0,
          state: 'pending',
        })),
        ...(request.reason !== undefined ? { reason: request.reason } : {}),
        state: 'pending',
        livemode: false,
        alwaysJavaDate: false,
      };
      store.cancellations.put(cancellation);
      writes.publisher.cancellation('fulfillment_cancellation.created', cancellation);
      writes.fulfiller.schedule(cancellation.id);
      return { status: 201, body: renderCancellation(cancellation, render) };
    }),
  },
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
      const candidates = candidatesOf(store.cancellations, ids, 'upstreamId', upstreamIds)
        ?? candidatesOf(store.cancellations, undefined, 'fulfillmentOrderId', fulfillmentOrderId === undefined ? undefined : new Set([fulfillmentOrderId]));
      return ok(paginate(store.cancellations, query, filter, (c) => renderCancellation(c, render), candidates));
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
