// Validates a POST /fulfillments body against the store (§6.2, §10.8) and turns it into a fulfillment to submit.

import { conflict, invalidParameter, missingParameter, notFound } from './errors';
import type { FulfillmentInput, FulfillmentLineInput } from './fulfillment-processor';
import { unitsDone } from './order-progress';
import { isJsonObject, objectBody, optionalId, optionalInteger, optionalMetadata, optionalString, requiredId } from './request-fields';
import type { SimulatorStore } from './store';

// One body item after its shape was checked.
interface ParsedLine {
  itemId: string;
  quantity: number;
  cancelQuantity: number;
  shipmentItemId?: string;
}

/**
 * Checks, in this order, and answers upstream-format errors (the codes beyond the two
 * documented 409s are §6.2's suggestions):
 * 1. shape: `orderId` (400 `missing_parameter`), `items` (400 `missing_parameter`, or
 *    `invalid_parameter` when not a non-empty array), each item's `itemId`, and
 *    `quantity` / `cancelQuantity` (numeric strings coerced, §14 #9; 400
 *    `missing_parameter` `items[i].quantity` when neither is sent, `invalid_parameter`
 *    when negative, fractional, or both zero), tracking fields and `metadata`;
 * 2. the order exists (404 `not_found`, `parameter: "orderId"`);
 * 3. its state: `fulfilled` → 409 `order_fulfilled` ("Resource '<id>' is fulfilled."),
 *    `complete` → 409 `order_complete` ("Order '<id>' is complete."), anything but
 *    `accepted` → 409 `invalid_state`; all with `parameter: "orderId"`;
 * 4. each item belongs to the order (400 `invalid_parameter` `items[i].itemId`) and asks
 *    for no more than remains unfulfilled and uncancelled, counting earlier items of the
 *    same request (400 `invalid_parameter` `items[i].quantity`, or
 *    `items[i].cancelQuantity` when only the sum is too large).
 */
export function validateFulfillmentRequest(store: SimulatorStore, body: unknown): FulfillmentInput {
  const fields = objectBody(body);
  const orderId = requiredId(fields['orderId'], 'orderId');
  const lines = parseLines(fields['items']);
  const shipmentId = optionalId(fields['shipmentId'], 'shipmentId');
  const trackingCompany = optionalString(fields['trackingCompany'], 'trackingCompany');
  const trackingNumber = optionalString(fields['trackingNumber'], 'trackingNumber');
  const trackingUrl = optionalString(fields['trackingUrl'], 'trackingUrl');
  const metadata = optionalMetadata(fields['metadata']);

  const order = store.orders.get(orderId);
  if (order === undefined) throw notFound('Order', orderId, 'orderId');
  if (order.state === 'fulfilled') throw conflict('order_fulfilled', `Resource '${order.id}' is fulfilled.`, 'orderId');
  if (order.state === 'complete') throw conflict('order_complete', `Order '${order.id}' is complete.`, 'orderId');
  if (order.state !== 'accepted') {
    throw conflict('invalid_state', `Order '${order.id}' is ${order.state}; only accepted orders can be fulfilled.`, 'orderId');
  }
  if (store.chargesOfOrder(order).length === 0) throw conflict('invalid_state', `Order '${order.id}' has no charge to capture or cancel.`, 'orderId');

  const done = unitsDone(store, order);
  const asked = new Map<string, number>();
  const inputs: FulfillmentLineInput[] = lines.map((line, i) => {
    const item = order.items.find((candidate) => candidate.id === line.itemId);
    if (item === undefined) throw invalidParameter(`items[${i}].itemId`, `Item '${line.itemId}' is not part of order '${order.id}'.`);
    const units = done.get(item.id);
    const remaining = item.quantity - (units?.fulfilled ?? 0) - (units?.cancelled ?? 0) - (asked.get(item.id) ?? 0);
    if (line.quantity > remaining || line.quantity + line.cancelQuantity > remaining) {
      const field = line.quantity > remaining ? 'quantity' : 'cancelQuantity';
      throw invalidParameter(
        `items[${i}].${field}`,
        `Only ${Math.max(0, remaining)} unit(s) of item '${item.id}' remain to fulfill or cancel; ${line.quantity + line.cancelQuantity} requested.`,
      );
    }
    asked.set(item.id, (asked.get(item.id) ?? 0) + line.quantity + line.cancelQuantity);
    return { item, quantity: line.quantity, cancelQuantity: line.cancelQuantity, ...(line.shipmentItemId !== undefined ? { shipmentItemId: line.shipmentItemId } : {}) };
  });

  return {
    order,
    lines: inputs,
    ...(shipmentId !== undefined ? { shipmentId } : {}),
    ...(trackingCompany !== undefined ? { trackingCompany } : {}),
    ...(trackingNumber !== undefined ? { trackingNumber } : {}),
    ...(trackingUrl !== undefined ? { trackingUrl } : {}),
    ...(metadata !== undefined ? { metadata } : {}),
    moveFulfillmentOrderUnits: true,
  };
}

// Private: the `items` array, each entry's shape checked.
function parseLines(value: unknown): ParsedLine[] {
  if (value === undefined || value === null) throw missingParameter('items');
  if (!Array.isArray(value) || value.length === 0) throw invalidParameter('items', "'items' must be a non-empty array.");
  return value.map((entry: unknown, i): ParsedLine => {
    if (!isJsonObject(entry)) throw invalidParameter(`items[${i}]`, `'items[${i}]' must be an object.`);
    const itemId = requiredId(entry['itemId'], `items[${i}].itemId`);
    const quantity = optionalInteger(entry['quantity'], `items[${i}].quantity`);
    const cancelQuantity = optionalInteger(entry['cancelQuantity'], `items[${i}].cancelQuantity`);
    if (quantity === undefined && cancelQuantity === undefined) {
      throw missingParameter(`items[${i}].quantity`, `'items[${i}]' needs 'quantity' or 'cancelQuantity'.`);
    }
    if (quantity !== undefined && quantity < 0) throw invalidParameter(`items[${i}].quantity`, `'items[${i}].quantity' must not be negative.`);
    if (cancelQuantity !== undefined && cancelQuantity < 0) {
      throw invalidParameter(`items[${i}].cancelQuantity`, `'items[${i}].cancelQuantity' must not be negative.`);
    }
    if ((quantity ?? 0) + (cancelQuantity ?? 0) === 0) {
      throw invalidParameter(`items[${i}].quantity`, `'items[${i}]' must fulfill or cancel at least one unit.`);
    }
    const shipmentItemId = optionalId(entry['shipmentItemId'], `items[${i}].shipmentItemId`);
    return { itemId, quantity: quantity ?? 0, cancelQuantity: cancelQuantity ?? 0, ...(shipmentItemId !== undefined ? { shipmentItemId } : {}) };
  });
}
