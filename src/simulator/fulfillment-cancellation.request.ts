// Validates a POST /fulfillment-cancellations body against the store (§8.2) and names the units to cancel.

import { conflict, invalidParameter, missingParameter, notFound } from './errors';
import { openUnits } from './fulfillment-order-units';
import { isJsonObject, objectBody, optionalId, optionalInteger, optionalString, requiredId } from './request-fields';
import type { SimulatorStore } from './store';
import type { FulfillmentOrder, FulfillmentOrderItem } from './wire-types';

/** A cancellation request that passed validation. */
export interface CancellationInput {
  fo: FulfillmentOrder;
  /** As sent, else the fulfillment order's `upstreamId` (the order id). */
  upstreamId: string;
  reason?: string;
  lines: { foItem: FulfillmentOrderItem; quantity: number }[];
}

/**
 * Checks, in this order (the codes are §8.2's suggestions, since upstream specifies none):
 * 1. `items` is sent (400 `missing_parameter` `items`, quirk 7) and `fulfillmentOrderId` too
 *    (400 `missing_parameter`); `items` is a non-empty array (400 `invalid_parameter`);
 * 2. the fulfillment order exists (404 `not_found`, `parameter: "fulfillmentOrderId"`);
 * 3. each item names one of its items (400 `invalid_parameter`
 *    `items[i].fulfillmentOrderItemId`; also when a sent `fulfillmentOrderItemUpstreamId`
 *    does not match) with an integer `quantity` ≥ 1 (numeric strings coerced, §14 #9;
 *    400 `missing_parameter` / `invalid_parameter` `items[i].quantity`);
 * 4. something on the fulfillment order can still be cancelled (409 `invalid_state` when it
 *    is `cancelled` or every open unit is shipped or already asked for);
 * 5. no item asks for more than its `pending + backordered` units minus what pending
 *    cancellations already ask for, counting earlier items of the same request
 *    (400 `invalid_parameter` `items[i].quantity`).
 */
export function validateCancellationRequest(store: SimulatorStore, body: unknown): CancellationInput {
  const fields = objectBody(body);
  if (fields['items'] === undefined || fields['items'] === null) throw missingParameter('items');
  const foId = requiredId(fields['fulfillmentOrderId'], 'fulfillmentOrderId');
  const items: unknown = fields['items'];
  if (!Array.isArray(items) || items.length === 0) throw invalidParameter('items', "'items' must be a non-empty array.");
  const upstreamId = optionalId(fields['upstreamId'], 'upstreamId');
  const reason = optionalString(fields['reason'], 'reason');

  const fo = store.fulfillmentOrders.get(foId);
  if (fo === undefined) throw notFound('Fulfillment order', foId, 'fulfillmentOrderId');

  const lines = items.map((entry: unknown, i) => {
    if (!isJsonObject(entry)) throw invalidParameter(`items[${i}]`, `'items[${i}]' must be an object.`);
    const itemId = requiredId(entry['fulfillmentOrderItemId'], `items[${i}].fulfillmentOrderItemId`);
    const foItem = fo.items.find((candidate) => candidate.id === itemId);
    if (foItem === undefined) {
      throw invalidParameter(`items[${i}].fulfillmentOrderItemId`, `Item '${itemId}' is not part of fulfillment order '${fo.id}'.`);
    }
    const sentUpstreamId = optionalId(entry['fulfillmentOrderItemUpstreamId'], `items[${i}].fulfillmentOrderItemUpstreamId`);
    if (sentUpstreamId !== undefined && sentUpstreamId !== foItem.upstreamId) {
      throw invalidParameter(
        `items[${i}].fulfillmentOrderItemUpstreamId`,
        `Item '${itemId}' belongs to order item '${foItem.upstreamId}', not '${sentUpstreamId}'.`,
      );
    }
    const quantity = optionalInteger(entry['quantity'], `items[${i}].quantity`);
    if (quantity === undefined) throw missingParameter(`items[${i}].quantity`);
    if (quantity < 1) throw invalidParameter(`items[${i}].quantity`, `'items[${i}].quantity' must be at least 1, got ${quantity}.`);
    return { foItem, quantity };
  });

  const cancellable = cancellableUnits(store, fo);
  const total = [...cancellable.values()].reduce((sum, n) => sum + n, 0);
  if (fo.state === 'cancelled' || total === 0) {
    throw conflict('invalid_state', `Fulfillment order '${fo.id}' has nothing left to cancel.`, 'fulfillmentOrderId');
  }
  lines.forEach(({ foItem, quantity }, i) => {
    const left = cancellable.get(foItem.id) ?? 0;
    if (quantity > left) {
      throw invalidParameter(`items[${i}].quantity`, `Only ${left} unit(s) of item '${foItem.id}' can still be cancelled; ${quantity} requested.`);
    }
    cancellable.set(foItem.id, left - quantity);
  });

  return { fo, upstreamId: upstreamId ?? fo.upstreamId, ...(reason !== undefined ? { reason } : {}), lines };
}

/**
 * Per fulfillment order item: the units a new cancellation may still ask for, i.e. the open
 * units (`pending + backordered`) minus what pending cancellations already ask for (§10.6).
 */
export function cancellableUnits(store: SimulatorStore, fo: FulfillmentOrder): Map<string, number> {
  const asked = new Map<string, number>();
  for (const c of store.cancellations.lookup('fulfillmentOrderId', fo.id)) {
    if (c.state !== 'pending') continue;
    for (const line of c.items) asked.set(line.fulfillmentOrderItemId, (asked.get(line.fulfillmentOrderItemId) ?? 0) + line.quantity);
  }
  return new Map(fo.items.map((item) => [item.id, Math.max(0, openUnits(item) - (asked.get(item.id) ?? 0))]));
}
