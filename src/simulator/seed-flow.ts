// Building blocks of an order's history after acceptance: fulfillment orders, cancellations, fulfillments, commit.

import { toMajor, toMinor, unitsShareMinor } from './money';
import { applyOrderOperation, itemGrossMinor, orderMoney, settleChargeState } from './payment-ledger';
import { CANCEL_REASONS } from './seed-catalog';
import { type OrderDraft, type SeedContext, touchItem } from './seed-context';
import { isoSeconds } from './time';
import type {
  CancellationState,
  ChargeOperationState,
  FulfillmentOrder,
  FulfillmentOrderItem,
  OrderItem,
  StoredCancellation,
  StoredFulfillment,
} from './wire-types';

/**
 * Adds a fulfillment order for some of the order's items, as upstream's orchestrated
 * model creates one on `order.accepted`. Counts start all `pending`; callers move units.
 */
export function addFulfillmentOrder(ctx: SeedContext, draft: OrderDraft, items: readonly OrderItem[], atMs: number): FulfillmentOrder {
  const { order } = draft;
  const shipTo = order.shipTo ?? order.billTo;
  const fo: FulfillmentOrder = {
    id: ctx.ids.fulfillmentOrder(),
    createdTime: isoSeconds(atMs),
    updatedTime: isoSeconds(atMs),
    currency: order.currency,
    locale: order.locale,
    name: shipTo.name ?? '',
    email: order.email,
    ...(shipTo.phone !== undefined ? { phone: shipTo.phone } : {}),
    upstreamOrderTime: order.createdTime,
    upstreamId: order.id,
    reservationId: order.checkoutId,
    shipTo,
    shippingChoice: { id: order.shippingChoice?.serviceLevel ?? 'SG', dutiesPaid: false },
    items: items.map((item) => ({
      id: ctx.ids.fulfillmentOrderItem(),
      upstreamId: item.id,
      inventoryItemId: item.skuId,
      name: item.productDetails.name,
      subtotal: item.amount,
      total: toMajor(toMinor(item.amount, order.currency) + toMinor(item.tax.amount, order.currency), order.currency),
      tax: { amount: item.tax.amount },
      quantity: item.quantity,
      pending: item.quantity,
      backordered: 0,
      shipped: 0,
      cancelled: 0,
      returned: 0,
      state: 'pending',
    })),
    state: 'pending',
    liveMode: false,
  };
  draft.lastMs = Math.max(draft.lastMs, atMs);
  return fo;
}

/** One requested line of a cancellation. */
export interface CancellationLine {
  foItem: FulfillmentOrderItem;
  quantity: number;
  quantityAccepted: number;
}

/**
 * Adds a fulfillment cancellation in its final state. Item states follow §10.7's
 * suggestion: `accepted` when any unit was accepted, else the parent decision.
 * The FO counts are not touched here; callers set them from the unit plan.
 */
export function addCancellation(
  ctx: SeedContext,
  draft: OrderDraft,
  fo: FulfillmentOrder,
  lines: readonly CancellationLine[],
  state: CancellationState,
  atMs: number,
  options: { withUpstreamId: boolean; decidedMs?: number },
): StoredCancellation {
  const cancellation: StoredCancellation = {
    id: ctx.ids.cancellation(),
    createdTime: isoSeconds(atMs),
    fulfillmentOrderId: fo.id,
    ...(options.withUpstreamId ? { upstreamId: draft.order.id } : {}),
    items: lines.map((line) => ({
      fulfillmentOrderItemId: line.foItem.id,
      fulfillmentOrderItemUpstreamId: line.foItem.upstreamId,
      inventoryItemId: line.foItem.inventoryItemId,
      quantity: line.quantity,
      quantityAccepted: line.quantityAccepted,
      state: state === 'pending' ? 'pending' : line.quantityAccepted > 0 ? 'accepted' : 'rejected',
    })),
    reason: ctx.rng.pick(CANCEL_REASONS),
    state,
    livemode: false,
    alwaysJavaDate: false,
  };
  ctx.store.cancellations.put(cancellation);
  if (options.decidedMs !== undefined) ctx.cancellationDecidedMs.set(cancellation.id, options.decidedMs);
  draft.lastMs = Math.max(draft.lastMs, options.decidedMs ?? atMs);
  return cancellation;
}

/** One line of a fulfillment: units shipped (captured) and/or cancelled. */
export interface FulfillmentLine {
  item: OrderItem;
  quantity: number;
  cancelQuantity: number;
}

/**
 * Adds a fulfillment and books its captures and cancels, one per line and kind, with
 * amounts from cumulative per-unit shares of each line's gross value (§10.4 suggestion).
 *
 * @param shipment adds a shipment id, shipment item ids and carrier tracking data.
 */
export function addFulfillment(
  ctx: SeedContext,
  draft: OrderDraft,
  lines: readonly FulfillmentLine[],
  atMs: number,
  options: { shipment: boolean; captureState: ChargeOperationState; cancelState: ChargeOperationState },
): StoredFulfillment {
  const { rng, ids } = ctx;
  const { order } = draft;
  const id = ids.fulfillment();
  const carrier = rng.pick(draft.market.carriers);
  const trackingNumber = `${carrier.company.slice(0, 1).toUpperCase()}${rng.digits(12)}`;
  const fulfillment: StoredFulfillment = {
    id,
    createdTime: isoSeconds(atMs),
    items: lines.map((line) => ({
      quantity: line.quantity,
      cancelQuantity: line.cancelQuantity,
      skuId: line.item.skuId,
      itemId: line.item.id,
      ...(options.shipment && line.quantity > 0 ? { shipmentItemId: ids.shipmentItem() } : {}),
    })),
    orderId: order.id,
    ...(options.shipment
      ? { shipmentId: ids.shipment(), trackingCompany: carrier.company, trackingNumber, trackingUrl: `${carrier.url}${trackingNumber}` }
      : {}),
    liveMode: false,
    chargeOperationIds: [],
  };
  const opTime = isoSeconds(atMs + 2_000);
  for (const line of lines) {
    const gross = itemGrossMinor(line.item, order.currency);
    for (const kind of ['capture', 'cancel'] as const) {
      const units = kind === 'capture' ? line.quantity : line.cancelQuantity;
      if (units <= 0) continue;
      const done = draft.doneUnits.get(line.item.id) ?? 0;
      const amountMinor = unitsShareMinor(gross, line.item.quantity, done, units);
      draft.doneUnits.set(line.item.id, done + units);
      const state = kind === 'capture' ? options.captureState : options.cancelState;
      const ops = applyOrderOperation(draft.charges, { kind, amountMinor, createdTime: opTime, state, ...(kind === 'capture' ? { fulfillmentId: id } : {}) }, ids);
      fulfillment.chargeOperationIds.push(...ops.map((op) => op.id));
      if (kind === 'capture' && state === 'complete') {
        draft.capturedMinorByItem.set(line.item.id, (draft.capturedMinorByItem.get(line.item.id) ?? 0) + amountMinor);
      }
    }
    touchItem(draft, line.item, atMs);
  }
  ctx.store.fulfillments.put(fulfillment);
  draft.lastMs = Math.max(draft.lastMs, atMs + 2_000);
  return fulfillment;
}

/**
 * Finishes a draft and puts the order, its charges and sources into the store:
 * charge states from their operations, the order's running amounts, each item's
 * `availableToRefundAmount` and the order's `updatedTime`.
 */
export function commitOrder(ctx: SeedContext, draft: OrderDraft): void {
  const { order } = draft;
  for (const charge of draft.charges) settleChargeState(charge);
  Object.assign(order, orderMoney(draft.charges, order.currency));
  const refunded = order.refundedAmount !== undefined && order.refundedAmount > 0;
  for (const item of order.items) {
    item.availableToRefundAmount = refunded ? 0 : toMajor(draft.capturedMinorByItem.get(item.id) ?? 0, order.currency);
  }
  order.updatedTime = isoSeconds(draft.lastMs);
  for (const source of draft.sources) ctx.store.sources.put(source);
  for (const charge of draft.charges) ctx.store.charges.put(charge);
  ctx.store.orders.put(order);
}
