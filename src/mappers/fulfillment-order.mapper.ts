// Upstream fulfillment orders to GraphQL FulfillmentOrder, and the cancellable-quantity rule.
import { FulfillmentCancellationState } from '../schema/enums/fulfillment-cancellation-state.enum';
import { FulfillmentOrderItemState, FulfillmentOrderState } from '../schema/enums/fulfillment-order-state.enum';
import { fromUpstream } from '../schema/enums/from-upstream';
import type { FulfillmentCancellation } from '../schema/types/fulfillment-cancellation.type';
import type { FulfillmentOrder, FulfillmentOrderItem } from '../schema/types/fulfillment-order.type';
import type { UpstreamFulfillmentOrder } from '../upstream/types';
import { toCount, toId, toIsoDateTime, toOptionalId } from './scalar.mapper';

export function mapFulfillmentOrder(raw: UpstreamFulfillmentOrder): FulfillmentOrder {
  const id = toId(raw.id);
  const orderId = toOptionalId(raw.upstreamId);
  const cancelledPerItem = cancelledUnitsPerItem(raw);
  return {
    id,
    upstreamId: orderId,
    state: fromUpstream('FulfillmentOrderState', FulfillmentOrderState, raw.state),
    createdTime: toIsoDateTime(raw.createdTime),
    currency: raw.currency ?? null,
    liveMode: raw.liveMode ?? false,
    items: (raw.items ?? []).map((item): FulfillmentOrderItem => ({
      id: toId(item.id),
      upstreamId: toOptionalId(item.upstreamId),
      inventoryItemId: item.inventoryItemId ?? null,
      name: item.name ?? null,
      quantity: toCount(item.quantity),
      pending: toCount(item.pending),
      backordered: toCount(item.backordered),
      shipped: toCount(item.shipped),
      cancelled: toCount(item.cancelled),
      returned: toCount(item.returned),
      state: fromUpstream('FulfillmentOrderItemState', FulfillmentOrderItemState, item.state),
      fulfillmentOrderId: id,
      orderId,
      cancelledPerItem,
    })),
    cancelledPerItem,
  };
}

/**
 * The contract's cancellableQuantity: pending + backordered, less what open
 * (PENDING) cancellations of this item already ask for; never below 0.
 */
export function cancellableQuantity(item: FulfillmentOrderItem, cancellations: readonly FulfillmentCancellation[]): number {
  let requested = 0;
  for (const cancellation of cancellations) {
    if (cancellation.state !== FulfillmentCancellationState.PENDING || cancellation.fulfillmentOrderId !== item.fulfillmentOrderId) continue;
    for (const line of cancellation.items) {
      if (line.fulfillmentOrderItemId === item.id) requested += line.quantity;
    }
  }
  return Math.max(0, item.pending + item.backordered - requested);
}

// Most fulfillment orders have nothing cancelled: they share one empty map.
const NOTHING_CANCELLED: ReadonlyMap<string, number> = new Map();

// Private: units in `cancelled` per item id, items with none left out.
function cancelledUnitsPerItem(raw: UpstreamFulfillmentOrder): ReadonlyMap<string, number> {
  let perItem: Map<string, number> | undefined;
  for (const item of raw.items ?? []) {
    const cancelled = toCount(item.cancelled);
    if (cancelled > 0) (perItem ??= new Map()).set(toId(item.id), cancelled);
  }
  return perItem ?? NOTHING_CANCELLED;
}
